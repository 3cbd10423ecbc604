import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BoundaryQuality } from './enums.ts';
import { SourceRef } from './source-ref.type.ts';

@ObjectType({ description: 'A boundary\'s description without its geometry: quality, source, method and measures.' })
export class BoundaryInfo {
  @Field(() => BoundaryQuality, { description: 'OFFICIAL, SURVEYED or SCHEMATIC.' })
  quality!: BoundaryQuality;

  @Field(() => SourceRef, { description: 'Where the boundary comes from.' })
  source!: SourceRef;

  @Field(() => String, { nullable: true, description: 'How it was made (for generated and cleaned boundaries).' })
  method!: string | null;

  @Field(() => Number, { description: 'Area on the WGS84 ellipsoid, km².' })
  areaKm2!: number;

  @Field(() => [Number], { description: 'Bounding box [minLon, minLat, maxLon, maxLat].' })
  bbox!: number[];
}

@ObjectType({ description: 'An administrative unit at any level — commune, former commune (before 1 July 2025) or bản — with its validity period.' })
export class AdminUnit {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field(() => String, { description: 'commune, formerCommune or village.' })
  level!: string;

  @Field(() => String, { nullable: true, description: 'Official code where one exists (codes were reused in 2025).' })
  code!: string | null;

  @Field(() => String, { nullable: true, description: 'Name, or null when no source names it.' })
  name!: string | null;

  @Field(() => String, { description: 'Name or provisional label.' })
  label!: string;

  @Field(() => String, { nullable: true, description: 'Parent unit id.' })
  parentId!: string | null;

  @Field(() => [String], { description: 'Child unit ids.' })
  childIds!: string[];

  @Field(() => String, { nullable: true, description: 'First day of validity (null: before the sources).' })
  validFrom!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of validity (null: still valid).' })
  validTo!: string | null;

  @Field(() => Boolean, { description: 'Whether the unit exists on the date asked (or today).' })
  validOnDate!: boolean;

  @Field(() => BoundaryInfo, { nullable: true, description: 'Its boundary, without geometry (see villages/commune for geometry).' })
  boundary!: BoundaryInfo | null;

  @Field(() => Int, { description: 'Version of the unit record.' })
  version!: number;
}
