// Coverage of a yes/no indicator (e.g. drug-free bản) from the most specific facts available.

export type CoverageBasis = 'VILLAGE_VALUES' | 'GROUP_FACT';

export interface CoverageGroupInput<S> {
  id: string;
  /** Each bản's own value: true, false, or null when unknown at bản level. */
  villageValues: Array<boolean | null>;
  /** What a source says of the group as a whole ("5 of 6 bản"), when it says it. */
  groupFact: { achieved: number; total: number; source: S } | null;
}

export interface CoverageGroupResult<S> {
  id: string;
  achieved: number;
  total: number;
  share: number;
  /** Bản of the group whose own value is unknown. */
  unknown: number;
  basis: CoverageBasis;
  source: S | null;
}

/**
 * Per group: the bản's own values when every bản is known; otherwise the group's reported fact;
 * otherwise the known bản only (achieved counts known "yes", total counts all bản).
 * The whole is the sum of the groups.
 */
export function coverage<S>(groups: Array<CoverageGroupInput<S>>): { achieved: number; total: number; share: number; unknown: number; groups: Array<CoverageGroupResult<S>> } {
  const results = groups.map((g): CoverageGroupResult<S> => {
    const unknown = g.villageValues.filter((v) => v === null).length;
    const known = g.villageValues.filter((v) => v === true).length;
    const total = g.villageValues.length;
    if (unknown === 0 || !g.groupFact) {
      return { id: g.id, achieved: known, total, share: total ? known / total : 0, unknown, basis: 'VILLAGE_VALUES', source: null };
    }
    const { achieved, total: factTotal, source } = g.groupFact;
    return { id: g.id, achieved, total: factTotal, share: factTotal ? achieved / factTotal : 0, unknown, basis: 'GROUP_FACT', source };
  });
  const achieved = results.reduce((s, r) => s + r.achieved, 0);
  const total = results.reduce((s, r) => s + r.total, 0);
  const unknown = results.reduce((s, r) => s + r.unknown, 0);
  return { achieved, total, share: total ? achieved / total : 0, unknown, groups: results };
}
