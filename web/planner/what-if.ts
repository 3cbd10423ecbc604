// What if some bản came to achieve a yes/no indicator (a road reaches them)? Coverage and the 2030
// target's status, recomputed in the browser with the same functions the server uses (geo/), before
// anything is saved.
import { refLabel } from '../i18n/i18n.ts';
import type { FactSet } from '../../geo/facts/fact-types.ts';
import { resolveIndicator } from '../../geo/facts/resolve-indicator.ts';
import { meetsTarget, unitsNeeded } from '../../geo/meets-target.ts';
import type { AtlasData } from '../api/atlas-data.ts';
import type { Target, TargetStatus } from '../api/types.ts';
import type { ObservationIndex } from '../model/observation-index.ts';

/** The API's bound names as the fact engine's symbols ("trên 5/6" is a bound of the count, not the count). */
const BOUND_SYMBOLS = { EXACT: null, GREATER_THAN: '>', AT_LEAST: '>=', LESS_THAN: '<', AT_MOST: '<=', APPROXIMATELY: '≈' } as const;

export interface Scenario {
  achieved: number;
  total: number;
  /** Whether every group's count is known (otherwise achieved is a lower bound). */
  complete: boolean;
  /** Percent of bản achieving it, when known. */
  percent: number | null;
  status: TargetStatus | null;
  villagesNeeded: number | null;
  moreVillagesNeeded: number | null;
}

const boolOf = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

/**
 * Every fact of `indicator` the page holds, with the marked bản set to meet it. A count ("7 of 10") does
 * not say which bản meet it, so a marked bản not known to meet it is taken as one that does not yet:
 * the counts of its former commune and of the commune grow by one.
 */
export function factsOf(data: AtlasData, index: ObservationIndex, indicator: string, marks: ReadonlySet<string>): FactSet<string> {
  const gains = (ids: string[]) => ids.filter((id) => marks.has(id) && boolOf(index.latest(id, indicator)?.value) !== true).length;
  const countOf = (unitId: string, ids: string[]) => {
    const o = index.latest(unitId, indicator);
    if (!o || typeof o.value !== 'number' || o.denominator == null) return null;
    return {
      achieved: Math.min(o.denominator, o.value + gains(ids)), total: o.denominator, status: o.status, sources: [refLabel(o.source)],
      comparator: BOUND_SYMBOLS[o.comparator],
    };
  };
  const idsOf = (fcId: string) => data.villages.filter((v) => v.formerCommune.id === fcId).map((v) => v.id);
  return {
    bans: data.villages.map((v) => {
      const o = index.latest(v.id, indicator);
      const own = boolOf(o?.value);
      const fact = marks.has(v.id) ? { value: true, status: 'ESTIMATED', sources: [] } : own === null ? null : { value: own, status: o!.status, sources: [refLabel(o!.source)] };
      return { id: v.id, group: v.formerCommune.id, fact };
    }),
    groups: data.commune.formerCommunes.map((fc) => ({ id: fc.id, fact: countOf(fc.id, idsOf(fc.id)) })),
    wholeId: data.commune.id,
    whole: countOf(data.commune.id, data.villages.map((v) => v.id)),
  };
}

/** One scenario: the bản in `marks` achieve `indicator`, resolved by the same fact engine as the server (geo/facts). */
export function scenario(data: AtlasData, index: ObservationIndex, indicator: string, marks: ReadonlySet<string>, target: Target | undefined): Scenario {
  const whole = resolveIndicator(factsOf(data, index, indicator, marks)).whole;
  const complete = whole.min === whole.max;
  const achieved = whole.min;
  const total = whole.total;
  const percent = complete && total ? (achieved / total) * 100 : null;
  let status: TargetStatus | null = null;
  let villagesNeeded: number | null = null;
  let moreVillagesNeeded: number | null = null;
  if (target?.comparator && target.value != null && target.unit === '%') {
    status = percent === null ? 'UNKNOWN' : meetsTarget(percent, target.comparator, target.value) ? 'MET' : 'NOT_MET';
    if (complete) {
      villagesNeeded = unitsNeeded(total, target.comparator, target.value);
      moreVillagesNeeded = villagesNeeded === null ? null : Math.max(0, villagesNeeded - achieved);
    }
  }
  return { achieved, total, complete, percent, status, villagesNeeded, moreVillagesNeeded };
}

/** A what-if: the indicator's 2030 target (if any), today and with the marks. */
export interface WhatIfResult {
  indicator: string;
  target: Target | undefined;
  before: Scenario;
  after: Scenario;
}

/** Today and with the marks. */
export function whatIf(data: AtlasData, index: ObservationIndex, indicator: string, marks: ReadonlySet<string>): WhatIfResult {
  const target = data.targets.find((x) => x.indicator === indicator && x.unit === '%');
  return {
    indicator,
    target,
    before: scenario(data, index, indicator, new Set(), target),
    after: scenario(data, index, indicator, marks, target),
  };
}
