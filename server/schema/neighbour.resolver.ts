import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { Geometry } from 'geojson';
import { outputGeometry } from '../queries/geometry-output.ts';
import type { AtlasContext } from './context.ts';
import { GeometryArgs } from './geometry.args.ts';
import { Neighbour } from './neighbour.type.ts';

@Resolver(() => Neighbour)
export class NeighbourResolver {
  @FieldResolver(() => GraphQLJSON, { description: 'GeoJSON geometry (stored simplified to about 30 m for display); optionally simplified further and rounded.' })
  async geometry(@Root() neighbour: Neighbour, @Ctx() { store: atlas }: AtlasContext, @Args(() => GeometryArgs) args: GeometryArgs): Promise<unknown> {
    const store = await atlas.snapshot();
    // Neighbours are not units: their cache key is their official code, apart from unit ids.
    return outputGeometry(store, `neighbour:${neighbour.code}`, neighbour.geometry as Geometry, args);
  }
}
