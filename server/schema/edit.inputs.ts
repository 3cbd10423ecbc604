import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { IsIn, IsOptional, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ValueComparator } from './enums.ts';

@InputType({ description: 'Set one value of one indicator for one unit and period.' })
export class ObservationEdit {
  @Field(() => ID, { description: 'Unit id: a bản ("md-03"), a former commune or the commune.' })
  @MaxLength(64)
  unitId!: string;

  @Field(() => String, { description: 'Indicator key.' })
  @MaxLength(64)
  indicator!: string;

  @Field(() => String, { description: 'Period, e.g. "2025".' })
  @MinLength(4) @MaxLength(20)
  period!: string;

  @Field(() => GraphQLJSON, { description: 'true/false for a yes/no indicator on a bản; a number otherwise (a count achieving, for a group).' })
  value!: unknown;

  @Field(() => ValueComparator, { nullable: true, description: 'When the source gives a bound, not the value ("trên 95%": GREATER_THAN 95; "gần 400": APPROXIMATELY 400); numbers only. Absent: EXACT.' })
  @IsOptional()
  comparator?: ValueComparator | null;

  @Field(() => Int, { nullable: true, description: 'For a group yes/no fact: the number of bản counted.' })
  @IsOptional() @Min(0) @Max(10000)
  denominator?: number;

  @Field(() => String, { defaultValue: 'REPORTED', description: 'REPORTED, DERIVED (give the formula) or ESTIMATED (give the method).' })
  @IsIn(['REPORTED', 'DERIVED', 'ESTIMATED'])
  status!: string;

  @Field(() => String, { description: 'Where the value comes from (document, meeting, survey…): shown beside the value.' })
  @MinLength(3) @MaxLength(500)
  sourceNote!: string;

  @Field(() => String, { nullable: true, description: 'How a DERIVED or ESTIMATED value was obtained.' })
  @IsOptional() @MaxLength(500)
  formula?: string;

  @Field(() => String, { nullable: true, description: 'Why the change is made (kept in the history).' })
  @IsOptional() @MaxLength(500)
  why?: string;

  @Field(() => Int, { description: 'Version of the value you edited (0 when it had none). A stale version gets CONFLICT.' })
  @Min(0)
  expectedVersion!: number;
}

/** What every edit of a unit says besides its content: where it comes from, why, and which version it changes. */
@InputType({ description: 'Source, reason and version of an edit (the fields every edit of a unit shares).' })
abstract class UnitEdit {
  @Field(() => String, { description: 'Where it comes from (document, survey, GPS, map…): shown beside it.' })
  @MinLength(3) @MaxLength(500)
  sourceNote!: string;

  @Field(() => String, { nullable: true, description: 'Why (kept in the history).' })
  @IsOptional() @MaxLength(500)
  why?: string;

  @Field(() => Int, { description: 'Version of the record you edited (Village.version). A stale version gets CONFLICT.' })
  @Min(1)
  expectedVersion!: number;
}

@InputType({ description: 'Name a bản (or correct its name).' })
export class VillageNameEdit extends UnitEdit {
  @Field(() => ID, { description: 'Bản id.' })
  @MaxLength(64)
  villageId!: string;

  @Field(() => String, { description: 'The name without the word "bản", e.g. "Suối Gà".' })
  @MinLength(1) @MaxLength(80)
  name!: string;
}

@InputType({ description: 'Place (or clear) a bản centre; the schematic cells are recomputed around the known centres.' })
export class VillageCentreEdit extends UnitEdit {
  @Field(() => ID, { description: 'Bản id.' })
  @MaxLength(64)
  villageId!: string;

  @Field(() => Float, { nullable: true, description: 'Longitude (WGS84); null with lat null clears the centre.' })
  @IsOptional()
  lon?: number | null;

  @Field(() => Float, { nullable: true, description: 'Latitude (WGS84).' })
  @IsOptional()
  lat?: number | null;
}

@InputType({ description: 'Replace a bản\'s schematic cell with a surveyed boundary.' })
export class BoundaryEdit extends UnitEdit {
  @Field(() => ID, { description: 'Bản id.' })
  @MaxLength(64)
  unitId!: string;

  @Field(() => GraphQLJSON, { description: 'GeoJSON Polygon or MultiPolygon in lon/lat (WGS84), inside the commune.' })
  geometry!: unknown;
}
