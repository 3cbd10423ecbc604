import { Field, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';

@ObjectType({ description: 'A neighbouring commune, drawn faded for context.' })
export class Neighbour {
  @Field(() => String, { description: 'Official 2025 code.' })
  code!: string;

  @Field(() => String, { description: 'Name, e.g. "Xã Tường Hạ".' })
  name!: string;

  @Field(() => String, { description: 'Province.' })
  province!: string;

  @Field(() => GraphQLJSON, { description: 'GeoJSON geometry (simplified to about 30 m for display).' })
  geometry!: unknown;
}
