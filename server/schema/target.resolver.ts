import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { unitsNeeded } from '../../geo/meets-target.ts';
import { boundMeetsTarget, comparatorFromName, comparatorName } from '../../geo/value-comparator.ts';
import { firstVisible } from '../access/observation-visibility.ts';
import { coverageOf } from '../queries/coverage-of.ts';
import type { AtlasSnapshot, Target as StoredTarget } from '../store/atlas-store.ts';
import type { AtlasContext, Viewer } from './context.ts';
import { ObservationStatus, ValueComparator } from './enums.ts';
import { Indicator } from './indicator.type.ts';
import { toSourceRef } from './source-ref.type.ts';
import { Target, TargetStatus, TargetValue } from './target.type.ts';
import { toVillage } from './unit-views.ts';

/** A value in the target's unit: a count with a denominator becomes a percent when the target is one. */
function inTargetUnit(t: StoredTarget, value: number, denominator: number | null | undefined): number {
  return t.unit === '%' && denominator ? (value / denominator) * 100 : value;
}

/** Where the commune stands on one target: current value, status, and for bản counts the shortfall and candidates. */
export function targetProgress(store: AtlasSnapshot, viewer: Viewer, t: StoredTarget, override?: Map<string, boolean>): Target {
  const base: Target = {
    no: t.no, group: t.group, labelVi: t.labelVi, labelEn: t.labelEn, indicator: t.indicator, comparator: t.comparator,
    value: t.value, unit: t.unit, year: t.year, baseline: null, current: null, status: TargetStatus.UNKNOWN,
    villagesNeeded: null, moreVillagesNeeded: null, moreVillagesNeededAtMost: null, moreVillagesNeededAtLeast: null, candidates: [], parts: t.parts, source: toSourceRef(store, t.source), note: t.note,
  };
  if (t.baseline) {
    base.baseline = {
      value: inTargetUnit(t, t.baseline.value, t.baseline.denominator), comparator: ValueComparator.EXACT, count: t.baseline.denominator ? t.baseline.value : null,
      denominator: t.baseline.denominator ?? null, period: t.baseline.period, status: t.baseline.status as ObservationStatus,
      formula: t.baseline.formula ?? null, source: base.source,
    };
  }
  const indicator = t.indicator ? store.indicator(t.indicator) : undefined;
  if (indicator?.kind === 'boolean') {
    const cov = coverageOf(store, viewer, indicator.key, override);
    const whole = cov.resolution.whole;
    const exact = whole.min === whole.max ? whole.min : null;
    const fact = cov.communeFact;
    if (exact === null) base.current = base.baseline;
    else if (whole.basis === 'FACT' && fact) {
      base.current = {
        value: inTargetUnit(t, exact, whole.total), comparator: ValueComparator.EXACT, count: exact, denominator: whole.total, period: fact.period,
        status: fact.status as ObservationStatus, formula: fact.formula, source: toSourceRef(store, fact.source),
      };
    } else {
      base.current = {
        value: inTargetUnit(t, exact, whole.total), comparator: ValueComparator.EXACT, count: exact, denominator: whole.total, period: 'now', status: ObservationStatus.DERIVED,
        formula: 'fact engine: the former communes\' counts added up (geo/facts/resolve-indicator.ts)',
        source: fact ? toSourceRef(store, fact.source) : null,
      };
    }
    if (t.unit === '%' && t.comparator && t.value !== null && whole.total > 0) {
      // How many more bản are needed: exact when the count is, else at most needed − the bản known to meet it.
      const needed = unitsNeeded(whole.total, t.comparator, t.value);
      base.villagesNeeded = needed;
      base.moreVillagesNeeded = needed === null || exact === null ? null : Math.max(0, needed - exact);
      base.moreVillagesNeededAtMost = needed === null ? null : base.moreVillagesNeeded ?? Math.max(0, needed - whole.min);
      // The fact engine's upper bound on the count (every unknown bản meeting it) gives the fewest still needed.
      base.moreVillagesNeededAtLeast = needed === null ? null : base.moreVillagesNeeded ?? Math.max(0, needed - whole.max);
      // Candidates: bản not known to meet it, in former communes short of it or not fully known; none when every bản meets it.
      const short = new Set(cov.resolution.groups.filter((g) => g.min < g.total).map((g) => g.id));
      base.candidates = exact === whole.total ? [] : cov.villages
        .filter((v) => short.has(v.parentId!) && cov.ban(v.id)?.value !== true)
        .map((v) => toVillage(store, v));
    }
  } else if (t.indicator) {
    const commune = store.units('commune')[0];
    const o = firstVisible(store, viewer, store.observations({ unitId: commune.id, indicator: t.indicator }));
    if (o && typeof o.value === 'number') {
      base.current = {
        value: inTargetUnit(t, o.value, o.denominator), comparator: comparatorName(o.comparator) as ValueComparator, count: o.denominator ? o.value : null, denominator: o.denominator,
        period: o.period, status: o.status as ObservationStatus, formula: o.formula, source: toSourceRef(store, o.source),
      };
    } else if (base.baseline) {
      base.current = base.baseline;
    }
  } else if (base.baseline) {
    base.current = base.baseline;
  }
  if (base.current && t.comparator && t.value !== null) {
    // A bound ("trên 99,8%") settles the target only when every value it allows gives the same answer.
    const met = boundMeetsTarget(base.current.value, comparatorFromName(base.current.comparator) ?? null, t.comparator, t.value);
    base.status = met === null ? TargetStatus.UNKNOWN : met ? TargetStatus.MET : TargetStatus.NOT_MET;
  }
  return base;
}

@Resolver(() => Target)
export class TargetResolver {
  @Query(() => [Target], { description: 'The report\'s 21 main targets for 2030 with baseline, current value and status.' })
  async targets(@Ctx() { store: atlas, viewer }: AtlasContext): Promise<Target[]> {
    const store = await atlas.snapshot();
    return store.targets().map((t) => targetProgress(store, viewer, t));
  }

  @Query(() => Target, { nullable: true, description: 'One target by its number (1–21).' })
  async target(@Arg('no', () => Int, { description: 'The report\'s number.' }) no: number, @Ctx() { store: atlas, viewer }: AtlasContext): Promise<Target | null> {
    const store = await atlas.snapshot();
    const t = store.targets().find((x) => x.no === no);
    return t ? targetProgress(store, viewer, t) : null;
  }
}

/** An indicator's 2030 targets: the issue lists "2030 target" among what an indicator carries. */
@Resolver(() => Indicator)
export class IndicatorTargetsResolver {
  @FieldResolver(() => [Target], {
    description: 'The report\'s 2030 targets measured by this indicator (Phần thứ ba II.2), with baseline, current value and status; empty when it has none.',
  })
  async targets2030(@Root() indicator: Indicator, @Ctx() { store: atlas, viewer }: AtlasContext): Promise<Target[]> {
    const store = await atlas.snapshot();
    return store.targets().filter((t) => t.indicator === indicator.key).map((t) => targetProgress(store, viewer, t));
  }
}
