import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { canSee } from '../access/observation-visibility.ts';
import type { AtlasContext } from './context.ts';
import { Observation } from './observation.type.ts';
import { toObservation, toVillage } from './unit-views.ts';
import { Village } from './village.type.ts';

@Resolver(() => Village)
export class VillageResolver {
  @Query(() => [Village], { description: 'The 23 bản, with their (schematic) cells.' })
  villages(@Ctx() { store }: AtlasContext): Village[] {
    return store.units('village').map((u) => toVillage(store, u));
  }

  @FieldResolver(() => Observation, {
    nullable: true,
    description: 'The bản\'s own latest value of an indicator; null when it is unknown at bản level (a group fact may still count it: see coverage).',
  })
  observation(
    @Root() village: Village,
    @Arg('indicator', () => String, { description: 'Indicator key, e.g. "drugFree".' }) indicator: string,
    @Ctx() { store, viewer }: AtlasContext,
  ): Observation | null {
    const unit = store.unit(village.id);
    const found = store.observations({ unitId: village.id, indicator }).find((o) => canSee(store, viewer, o, unit));
    return found ? toObservation(store, found) : null;
  }
}
