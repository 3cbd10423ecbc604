import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { Geometry } from 'geojson';
import { outputGeometry } from '../queries/geometry-output.ts';
import type { AtlasContext } from './context.ts';
import { FormerCommune } from './former-commune.type.ts';
import { GeometryArgs } from './geometry.args.ts';

@Resolver(() => FormerCommune)
export class FormerCommuneResolver {
  @FieldResolver(() => GraphQLJSON, {
    description: 'GeoJSON geometry of the zone (lon/lat); optionally simplified and rounded. SCHEMATIC: no surveyed boundary exists.',
  })
  async geometry(@Root() former: FormerCommune, @Ctx() { store: atlas }: AtlasContext, @Args(() => GeometryArgs) args: GeometryArgs): Promise<unknown> {
    const store = await atlas.snapshot();
    return outputGeometry(store, former.id, former.geometry as Geometry, args);
  }
}
