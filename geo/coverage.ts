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
  /** achieved / total; null when the count is incomplete (unknown bản and no group fact). */
  share: number | null;
  /** Bản of the group whose own value is unknown. */
  unknown: number;
  /** Whether achieved is the true count (every bản known, or a group fact), not a lower bound. */
  complete: boolean;
  basis: CoverageBasis;
  /** The group fact's source (also when the bản values were counted: it says where they come from). */
  source: S | null;
}

/**
 * Per group: the bản's own values when every bản is known; otherwise the group's reported fact;
 * otherwise the known bản only: achieved is then a lower bound, the group incomplete and its share null.
 * The whole is the sum of the groups, complete only when every group is.
 */
export function coverage<S>(groups: Array<CoverageGroupInput<S>>): {
  achieved: number; total: number; share: number | null; unknown: number; complete: boolean; groups: Array<CoverageGroupResult<S>>;
} {
  const results = groups.map((g): CoverageGroupResult<S> => {
    const unknown = g.villageValues.filter((v) => v === null).length;
    const known = g.villageValues.filter((v) => v === true).length;
    const total = g.villageValues.length;
    if (unknown === 0 || !g.groupFact) {
      const complete = unknown === 0;
      return { id: g.id, achieved: known, total, share: complete && total ? known / total : null, unknown, complete, basis: 'VILLAGE_VALUES', source: g.groupFact?.source ?? null };
    }
    const { achieved, total: factTotal, source } = g.groupFact;
    return { id: g.id, achieved, total: factTotal, share: factTotal ? achieved / factTotal : null, unknown, complete: true, basis: 'GROUP_FACT', source };
  });
  const achieved = results.reduce((s, r) => s + r.achieved, 0);
  const total = results.reduce((s, r) => s + r.total, 0);
  const unknown = results.reduce((s, r) => s + r.unknown, 0);
  const complete = results.every((r) => r.complete);
  return { achieved, total, share: complete && total ? achieved / total : null, unknown, complete, groups: results };
}
