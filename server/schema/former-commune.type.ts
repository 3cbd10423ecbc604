import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BoundaryQuality } from './enums.ts';

@ObjectType({ description: 'A commune that existed until 30 June 2025 and was merged into xã Mường Bang (xã cũ).' })
export class FormerCommune {
  @Field(() => ID, { description: 'Stable id (codes were reused in the 2025 reform, so the code is not the identity).' })
  id!: string;

  @Field(() => String, { description: 'Official code before the merger (Mường Do\'s 03943 now belongs to the new commune).' })
  code!: string;

  @Field(() => String, { description: 'Name, e.g. "Mường Do".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Last day the unit existed.' })
  validTo!: string | null;

  @Field(() => Int, { description: 'Number of bản of this former commune.' })
  villageCount!: number;

  /** Stored geometry; exposed through FormerCommuneResolver.geometry (precision and simplification arguments). */
  geometry!: unknown;

  @Field(() => BoundaryQuality, { description: 'How the boundary is known.' })
  boundaryQuality!: BoundaryQuality;

  @Field(() => [Number], { description: 'A point inside the zone for its label, [lon, lat].' })
  centroid!: number[];

  @Field(() => Number, { description: 'Area of the zone geometry, km² on the WGS84 ellipsoid.' })
  areaKm2!: number;
}
