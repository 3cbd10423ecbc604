import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { AdminCentre } from './admin-centre.type.ts';
import { BoundaryQuality } from './enums.ts';
import { FormerCommune } from './former-commune.type.ts';
import { SourceRef } from './source-ref.type.ts';

@ObjectType({ description: 'One figure for the commune\'s area, with where it comes from.' })
export class AreaFigure {
  @Field(() => String, { description: 'STATED (the report), OFFICIAL (the 2025 boundary record), MEASURED (the official polygon, on the WGS84 ellipsoid), DERIVED_SUM (former communes\' land areas from forest figures).' })
  kind!: string;

  @Field(() => Number, { description: 'Area in km².' })
  valueKm2!: number;

  @Field(() => SourceRef, { nullable: true, description: 'Source; null for MEASURED (computed by the atlas from the official polygon).' })
  source!: SourceRef | null;
}

@ObjectType({ description: 'Xã Mường Bang, formed on 1 July 2025 by merging Mường Bang, Mường Do and Mường Lang.' })
export class Commune {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field(() => String, { description: 'Official code (Mường Bang: 03943, formerly Mường Do\'s).' })
  code!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn!: string | null;

  @Field(() => String, { nullable: true, description: 'First day of the unit.' })
  validFrom!: string | null;

  @Field(() => String, { nullable: true, description: 'Founding resolution.' })
  founding!: string | null;

  @Field(() => Number, { nullable: true, description: 'Area as the report states it (279.15 km²; likely a typo for 270.15, see areas).' })
  statedAreaKm2!: number | null;

  @Field(() => Number, { nullable: true, description: 'Area as the official 2025 boundary record gives it (270.15 km²).' })
  officialAreaKm2!: number | null;

  @Field(() => Number, { description: 'Area of the official polygon measured on the WGS84 ellipsoid (270.28 km²; a sphere, as turf.area assumes, gives 271.02).' })
  measuredAreaKm2!: number;

  @Field(() => [AreaFigure], { description: 'Every area figure side by side; they disagree, and none is silently preferred.' })
  areas!: AreaFigure[];

  @Field(() => AdminCentre, { nullable: true, description: 'The official administrative centre (Bản Lằn), with its source; its former commune and cell stay unknown where no source gives them. Null when no source names one.' })
  adminCentre!: AdminCentre | null;

  @Field(() => Int, { nullable: true, description: 'Population after the merger (12,831).' })
  population!: number | null;

  @Field(() => [FormerCommune], { description: 'Its former communes as the atlas holds them (Mường Bang\'s three; none for a commune added by code: none is invented).' })
  formerCommunes!: FormerCommune[];

  /** Stored geometry; exposed through CommuneResolver.geometry (precision and simplification arguments). */
  geometry!: unknown;

  @Field(() => BoundaryQuality, { description: 'OFFICIAL (Mường Bang: the sapnhap record; a commune added by code: the national reference outline).' })
  boundaryQuality!: BoundaryQuality;

  @Field(() => String, { description: 'Attribution of the boundary: source and licence.' })
  boundarySource!: string;

  @Field(() => SourceRef, { description: 'The boundary\'s source document.' })
  boundarySourceRef!: SourceRef;
}
