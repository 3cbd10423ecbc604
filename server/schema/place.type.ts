import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { ObservationStatus, ValueComparator } from './enums.ts';
import { SourceRef } from './source-ref.type.ts';

@ObjectType({ description: 'One attribute of a place (households, investment…) with its status and source.' })
export class PlaceAttribute {
  @Field(() => String, { description: 'Attribute key, e.g. "plannedHouseholds".' })
  key!: string;

  @Field(() => GraphQLJSON, { description: 'The value.' })
  value!: unknown;

  @Field(() => ValueComparator, { description: 'Whether the value is exact or a bound the source gives ("gần 12 tỷ": APPROXIMATELY 12).' })
  comparator!: ValueComparator;

  @Field(() => String, { nullable: true, description: 'Unit, e.g. "hộ", "tỷ đồng".' })
  unit!: string | null;

  @Field(() => ObservationStatus, { description: 'REPORTED, DERIVED or ESTIMATED.' })
  status!: ObservationStatus;

  @Field(() => SourceRef, { description: 'Where the value comes from.' })
  source!: SourceRef;
}

@ObjectType({ description: 'A point or line of interest: resettlement site, road, school, health station, cultural house.' })
export class Place {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field(() => String, { description: 'resettlementSite, road, school, healthStation or culturalHouse.' })
  kind!: string;

  @Field(() => String, { description: 'Name, in Vietnamese.' })
  name!: string;

  @Field(() => String, { description: 'Name in English (place names inside it stay as they are).' })
  nameEn!: string;

  @Field(() => String, { description: 'State, e.g. "partly settled", "proposed".' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'Former commune id.' })
  formerCommuneId!: string | null;

  @Field(() => [String], { description: 'Ids of the bản the place belongs to or passes through.' })
  villageIds!: string[];

  @Field(() => [PlaceAttribute], { description: 'Attributes with their sources.' })
  attributes!: PlaceAttribute[];

  @Field(() => GraphQLJSON, { nullable: true, description: 'GeoJSON geometry, or null where no source gives a position (today: all).' })
  geometry!: unknown;

  @Field(() => SourceRef, { description: 'Source of the place.' })
  source!: SourceRef;

  @Field(() => String, { nullable: true, description: 'Note, in Vietnamese.' })
  note!: string | null;

  @Field(() => String, { nullable: true, description: 'Note, in English.' })
  noteEn!: string | null;
}

@ObjectType({ description: 'A resettlement site (điểm tái định cư) with its figures.' })
export class ResettlementSite extends Place {
  @Field(() => Number, { nullable: true, description: 'Households planned.' })
  plannedHouseholds!: number | null;

  @Field(() => Number, { nullable: true, description: 'Households settled with residential and farm land.' })
  settledHouseholds!: number | null;

  @Field(() => Number, { nullable: true, description: 'People settled.' })
  settledPeople!: number | null;

  @Field(() => Number, { nullable: true, description: 'Investment, billion VND (tỷ đồng); read it with investmentComparator (the report says "gần 12 tỷ": about 12).' })
  investmentBillionVnd!: number | null;

  @Field(() => ValueComparator, { description: 'How investmentBillionVnd relates to the true figure: APPROXIMATELY for "gần 12 tỷ", EXACT when the source gives the figure itself.' })
  investmentComparator!: ValueComparator;
}
