import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BoundaryQuality } from './enums.ts';
import { FormerCommune } from './former-commune.type.ts';
import { SourceRef } from './source-ref.type.ts';

@ObjectType({ description: 'A bản (village) of xã Mường Bang.' })
export class Village {
  @Field(() => ID, { description: 'Stable id, independent of the name, e.g. "md-03".' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Name as a source gives it (NFC), or null when no source names this bản yet.' })
  name!: string | null;

  @Field(() => Boolean, { description: 'Whether a source gives the name.' })
  nameKnown!: boolean;

  @Field(() => String, { description: 'What to show: "Bản <name>", or the provisional label while the name is unknown.' })
  label!: string;

  @Field(() => String, { description: 'Stable provisional label, e.g. "MD-03" (used while the name is unknown).' })
  provisionalLabel!: string;

  @Field(() => SourceRef, { nullable: true, description: 'Source of the name.' })
  nameSource!: SourceRef | null;

  @Field(() => String, { nullable: true, description: 'How sure the sources are of the name.' })
  nameConfidence!: string | null;

  @Field(() => FormerCommune, { nullable: true, description: 'The former commune the bản belonged to before 1 July 2025; null for a bản of a commune added by code, whose former communes the atlas does not hold (none is invented).' })
  formerCommune!: FormerCommune | null;

  @Field(() => BoundaryQuality, { description: 'How the boundary is known (SCHEMATIC today: generated cells).' })
  boundaryQuality!: BoundaryQuality;

  @Field(() => [Number], { description: 'A point inside the cell, [lon, lat]: the known centre when one is known.' })
  centroid!: number[];

  @Field(() => Boolean, { description: 'Whether the bản centre is known from a source (false: generated).' })
  centreKnown!: boolean;

  /** Stored geometry; exposed through VillageResolver.geometry (precision and simplification arguments). */
  geometry!: unknown;

  @Field(() => Number, { description: 'Area of the cell geometry, km² on the WGS84 ellipsoid (schematic cells have schematic areas).' })
  areaKm2!: number;

  @Field(() => String, { nullable: true, description: 'A short note on what is known of this bản, in Vietnamese.' })
  note!: string | null;

  @Field(() => String, { nullable: true, description: 'The same note in English.' })
  noteEn!: string | null;

  @Field(() => Int, { description: 'Version of the bản record (name, centre, boundary), for editing: name it as expectedVersion.' })
  version!: number;
}

@ObjectType({ description: 'A bản and its distance from a point.' })
export class VillageDistance {
  @Field(() => Village, { description: 'The bản.' })
  village!: Village;

  @Field(() => Number, { description: 'Distance in km on the WGS84 ellipsoid from the point to the bản centre (see Village.centreKnown).' })
  distanceKm!: number;
}
