import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A neighbouring commune, drawn faded for context.' })
export class Neighbour {
  @Field(() => String, { description: 'Official 2025 code.' })
  code!: string;

  @Field(() => String, { description: 'Name, e.g. "Xã Tường Hạ".' })
  name!: string;

  @Field(() => String, { description: 'Province.' })
  province!: string;

  /** Stored geometry; exposed through NeighbourResolver.geometry (precision and simplification arguments). */
  geometry!: unknown;
}
