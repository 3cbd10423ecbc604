import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { canSee } from '../access/observation-visibility.ts';
import { badInput } from '../errors.ts';
import type { AtlasContext } from './context.ts';
import { Indicator } from './indicator.type.ts';
import { Observation } from './observation.type.ts';
import { toObservation } from './unit-views.ts';

@ObjectType({ description: 'An observation of a unit: value, period, status and source, with the unit named.' })
export class UnitValue extends Observation {
  @Field(() => String, { description: 'Unit id (commune, former commune or bản).' })
  unitId!: string;

  @Field(() => String, { description: 'commune, formerCommune or village.' })
  level!: string;

  @Field(() => String, { description: 'Unit name, or the provisional label of an unnamed bản.' })
  unitLabel!: string;
}

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => [Indicator], { description: 'Every indicator, in the order of the report.' })
  indicators(@Ctx() { store }: AtlasContext): Indicator[] {
    return store.indicators();
  }

  @Query(() => [UnitValue], {
    description: 'Observations (time series where the report gives years), filtered by indicator, unit and level; newest period first.',
  })
  observations(
    @Ctx() { store, viewer }: AtlasContext,
    @Arg('indicator', () => String, { nullable: true, description: 'Indicator key.' }) indicator?: string,
    @Arg('unitId', () => String, { nullable: true, description: 'Unit id, e.g. "fc-muong-lang".' }) unitId?: string,
    @Arg('level', () => String, { nullable: true, description: 'commune, formerCommune or village.' }) level?: string,
  ): UnitValue[] {
    if (indicator && !store.indicator(indicator)) throw badInput('indicator', `Không có chỉ tiêu "${indicator}"`, `Unknown indicator "${indicator}"`);
    if (unitId && !store.unit(unitId)) throw badInput('unitId', `Không có đơn vị "${unitId}"`, `Unknown unit "${unitId}"`);
    if (level && !['commune', 'formerCommune', 'village'].includes(level)) {
      throw badInput('level', 'level phải là commune, formerCommune hoặc village', 'level must be commune, formerCommune or village');
    }
    return store.observations({ indicator, unitId }).flatMap((o) => {
      const unit = store.unit(o.unitId)!;
      if ((level && unit.level !== level) || !canSee(store, viewer, o, unit)) return [];
      return [{ ...toObservation(store, o), unitId: unit.id, level: unit.level, unitLabel: unit.name ?? unit.provisionalLabel ?? unit.id }];
    });
  }
}
