// What if some bản came to achieve a yes/no indicator (a road reaches them)? Coverage and the 2030
// target's status, recomputed in the browser with the same functions the server uses (geo/), before
// anything is saved.
import { coverage } from '../../geo/coverage.ts';
import { meetsTarget, unitsNeeded } from '../../geo/meets-target.ts';
import type { AtlasData } from '../api/atlas-data.ts';
import type { Target, TargetStatus } from '../api/types.ts';
import type { ObservationIndex } from '../model/observation-index.ts';

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
 * One scenario: the bản in `marks` achieve `indicator`. A group known only by its reported count
 * ("7 of 10") gains one for each marked bản not already known to achieve it: the report does not say
 * which bản achieve it, so a marked bản is assumed to be among those that do not yet.
 */
export function scenario(data: AtlasData, index: ObservationIndex, indicator: string, marks: ReadonlySet<string>, target: Target | undefined): Scenario {
  const gains = (ids: string[]) => ids.filter((id) => marks.has(id) && boolOf(index.latest(id, indicator)?.value) !== true).length;
  const groups = data.commune.formerCommunes.map((fc) => {
    const ids = data.villages.filter((v) => v.formerCommune.id === fc.id).map((v) => v.id);
    const fact = index.latest(fc.id, indicator);
    const hasFact = fact && typeof fact.value === 'number' && fact.denominator != null;
    return {
      id: fc.id,
      villageValues: ids.map((id) => (marks.has(id) ? true : boolOf(index.latest(id, indicator)?.value))),
      groupFact: hasFact ? { achieved: Math.min(fact.denominator!, (fact.value as number) + gains(ids)), total: fact.denominator!, source: null } : null,
    };
  });
  const cov = coverage(groups);
  let { achieved, total } = cov;
  let complete = cov.complete;
  if (!complete) {
    // As the server does: when the groups do not add up, a commune-wide count stands in for them.
    const fact = index.latest(data.commune.id, indicator);
    if (fact && typeof fact.value === 'number' && fact.denominator != null) {
      achieved = Math.min(fact.denominator, fact.value + gains(data.villages.map((v) => v.id)));
      total = fact.denominator;
      complete = true;
    }
  }
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

/** Today and with the marks. */
export function whatIf(data: AtlasData, index: ObservationIndex, indicator: string, marks: ReadonlySet<string>): { target: Target | undefined; before: Scenario; after: Scenario } {
  const target = data.targets.find((x) => x.indicator === indicator && x.unit === '%');
  return {
    target,
    before: scenario(data, index, indicator, new Set(), target),
    after: scenario(data, index, indicator, marks, target),
  };
}
