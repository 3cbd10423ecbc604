import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { coverageOf } from '../queries/coverage-of.ts';
import { allVisible, firstVisible } from '../access/observation-visibility.ts';
import { badInput } from '../errors.ts';
import { unitView } from '../queries/commune-view.ts';
import type { AtlasSnapshot } from '../store/atlas-store.ts';
import type { AtlasContext } from './context.ts';
import { Indicator } from './indicator.type.ts';
import { Observation } from './observation.type.ts';
import { PAGE_CAP, page } from './paging.ts';
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

@ObjectType({ description: 'Summary of an indicator\'s latest values over the units of one level.' })
export class Aggregate {
  @Field(() => String, { description: 'Indicator key.' })
  indicator!: string;

  @Field(() => String, { description: 'commune, formerCommune or village.' })
  level!: string;

  @Field(() => String, { nullable: true, description: 'Period used (null: each unit\'s latest).' })
  period!: string | null;

  @Field(() => Int, { description: 'Units with a value.' })
  count!: number;

  @Field(() => Int, { description: 'Units of the level without a value (unknown).' })
  unknown!: number;

  @Field(() => Number, { nullable: true, description: 'Sum (counts, areas, money: meaningful; for rates, do not add).' })
  sum!: number | null;

  @Field(() => Number, { nullable: true, description: 'Smallest value.' })
  min!: number | null;

  @Field(() => Number, { nullable: true, description: 'Largest value.' })
  max!: number | null;

  @Field(() => Number, { nullable: true, description: 'Unweighted mean of the units\' values.' })
  mean!: number | null;

  @Field(() => Int, { nullable: true, description: 'For yes/no indicators on bản: bản with "yes".' })
  yes!: number | null;
}

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => [Indicator], { description: 'Every indicator, in the order of the report.' })
  async indicators(@Ctx() { store: atlas }: AtlasContext): Promise<Indicator[]> {
    const store = await atlas.snapshot();
    return store.indicators();
  }

  @Query(() => [UnitValue], {
    description: `Observations (time series where the report gives years), filtered by indicator, unit and level; newest period first; page them (at most ${PAGE_CAP} a page).`,
  })
  async observations(
    @Ctx() { store: atlas, viewer }: AtlasContext,
    @Arg('indicator', () => String, { nullable: true, description: 'Indicator key.' }) indicator?: string,
    @Arg('unitId', () => String, { nullable: true, description: 'Unit id, e.g. "fc-muong-lang".' }) unitId?: string,
    @Arg('level', () => String, { nullable: true, description: 'commune, formerCommune or village.' }) level?: string,
    @Arg('limit', () => Int, { defaultValue: PAGE_CAP, description: `Page size, at most ${PAGE_CAP}.` }) limit = PAGE_CAP,
    @Arg('offset', () => Int, { defaultValue: 0, description: 'Observations to skip.' }) offset = 0,
  ): Promise<UnitValue[]> {
    // One unit's values are read in the view of the detailed commune holding it.
    const snapshot = await atlas.snapshot();
    const store = unitId ? unitView(snapshot, unitId) : snapshot;
    if (indicator && !store.indicator(indicator)) throw badInput('indicator', `Không có chỉ tiêu "${indicator}"`, `Unknown indicator "${indicator}"`);
    if (unitId && !store.unit(unitId)) throw badInput('unitId', `Không có đơn vị "${unitId}"`, `Unknown unit "${unitId}"`);
    checkLevel(level);
    return page(visibleObservations(store, viewer, { indicator, unitId, level }), limit, offset).map((o) => named(store, viewer, o));
  }

  // Every value in one cacheable GET whatever their number; no geometry, so the anonymous answer cap
  // (answer-size-cap.plugin.ts) bounds it. The page's boot reads latestObservations instead (years of bản values
  // would meet that cap), and the earlier periods above the bản here, by level.
  @Query(() => [UnitValue], {
    description: 'Every observation the viewer may see, in one list (newest period first, no paging), optionally of one level. Anonymous answers stay bounded by the answer-size cap.',
  })
  async allObservations(
    @Ctx() { store: atlas, viewer }: AtlasContext,
    @Arg('level', () => String, { nullable: true, description: 'commune, formerCommune or village.' }) level?: string,
  ): Promise<UnitValue[]> {
    const store = await atlas.snapshot();
    checkLevel(level);
    return visibleObservations(store, viewer, { level }).map((o) => named(store, viewer, o));
  }

  // The first map, the scorecard, the overview's tiles and a bản's profile read each unit's newest value of each
  // indicator: their number is bounded by units × indicators, not by how many years a commune records.
  @Query(() => [UnitValue], {
    description: 'Each unit\'s newest observation of each indicator that the viewer may see (newest period first, no paging): the values of the page\'s first map in one request, however many earlier periods are recorded.',
  })
  async latestObservations(@Ctx() { store: atlas, viewer }: AtlasContext): Promise<UnitValue[]> {
    const store = await atlas.snapshot();
    const seen = new Set<string>();
    return visibleObservations(store, viewer, {}).filter((o) => {
      const key = `${o.unitId}\u0000${o.indicator}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }).map((o) => named(store, viewer, o));
  }

  @Query(() => Aggregate, { description: 'Count, sum, min, max and mean of an indicator over the units of one level (latest value of each, or one period).' })
  async aggregate(
    @Arg('indicator', () => String, { description: 'Indicator key.' }) indicator: string,
    @Arg('level', () => String, { description: 'commune, formerCommune or village.' }) level: string,
    @Ctx() { store: atlas, viewer }: AtlasContext,
    @Arg('period', () => String, { nullable: true, description: 'Only this period.' }) period?: string,
  ): Promise<Aggregate> {
    const store = await atlas.snapshot();
    if (!store.indicator(indicator)) throw badInput('indicator', `Không có chỉ tiêu "${indicator}"`, `Unknown indicator "${indicator}"`);
    if (!['commune', 'formerCommune', 'village'].includes(level)) {
      throw badInput('level', 'level phải là commune, formerCommune hoặc village', 'level must be commune, formerCommune or village');
    }
    const units = store.units(level as 'village');
    // A yes/no indicator's bản values are the fact engine's (own or deduced), as coverage counts them.
    const resolved = level === 'village' && !period && store.indicator(indicator)!.kind === 'boolean' ? coverageOf(store, viewer, indicator) : null;
    const values = units.map((u) => (resolved ? resolved.ban(u.id)?.value : firstVisible(store, viewer, store.observations({ unitId: u.id, indicator }),
      (o) => !period || o.period === period)?.value))
      .filter((v) => v !== undefined && v !== null);
    const nums = values.filter((v): v is number => typeof v === 'number');
    const bools = values.filter((v): v is boolean => typeof v === 'boolean');
    return {
      indicator, level, period: period ?? null, count: values.length, unknown: units.length - values.length,
      sum: nums.length ? nums.reduce((a, b) => a + b, 0) : null,
      min: nums.length ? Math.min(...nums) : null, max: nums.length ? Math.max(...nums) : null,
      mean: nums.length ? nums.reduce((a, b) => a + b, 0) / nums.length : null,
      yes: bools.length ? bools.filter(Boolean).length : null,
    };
  }
}

/** A level argument, when given, names one of the three levels. */
function checkLevel(level: string | undefined): void {
  if (level && !['commune', 'formerCommune', 'village'].includes(level)) {
    throw badInput('level', 'level phải là commune, formerCommune hoặc village', 'level must be commune, formerCommune or village');
  }
}

type StoredObservation = ReturnType<AtlasSnapshot['observations']>[number];

/** The observations the viewer may see, filtered by indicator, unit and level (newest period first). */
function visibleObservations(
  store: AtlasSnapshot, viewer: AtlasContext['viewer'], filter: { indicator?: string; unitId?: string; level?: string },
): StoredObservation[] {
  return allVisible(store, viewer, store.observations({ indicator: filter.indicator, unitId: filter.unitId })
    .filter((o) => !filter.level || store.unit(o.unitId)!.level === filter.level));
}

/** One observation as the API shows it, with its unit named. */
function named(store: AtlasSnapshot, viewer: AtlasContext['viewer'], o: StoredObservation): UnitValue {
  const unit = store.unit(o.unitId)!;
  return { ...toObservation(store, viewer, o), unitId: unit.id, level: unit.level, unitLabel: unit.name ?? unit.provisionalLabel ?? unit.id };
}
