// Who may see a bản value the fact engine deduced from a group's count ("100% of former Mường Do").
import type { BanResolution } from '../../geo/facts/fact-types.ts';
import type { Viewer } from '../schema/context.ts';
import type { Indicator, Unit } from '../store/atlas-store.ts';

/**
 * A sensitive value (drug status) deduced for a named bản is a claim about that bản no public source
 * makes: signed-in users only. Unnamed provisional cells (MD-02…) name no one, so the group's public
 * figure may show on them; naming a bản takes its deduced value out of the public view.
 */
export function canSeeDeduced(viewer: Viewer, indicator: Pick<Indicator, 'sensitive'>, unit: Pick<Unit, 'name'>): boolean {
  return viewer.role !== 'anonymous' || !indicator.sensitive || unit.name === null;
}

/** The bản as this viewer sees it: a deduced value it may not see becomes "covered by the group's figure". */
export function visibleResolution<S>(viewer: Viewer, indicator: Pick<Indicator, 'sensitive'>, unit: Pick<Unit, 'name' | 'parentId'>,
  r: BanResolution<S>, group: { achieved: number; total: number } | null): BanResolution<S> {
  if (r.basis === 'OWN' || r.value === null || canSeeDeduced(viewer, indicator, unit)) return r;
  return {
    id: r.id, value: null, basis: 'NONE', status: 'UNKNOWN', sources: [], assumptions: [],
    reason: { key: 'COVERED_BY_GROUP', params: { unit: unit.parentId ?? '', achieved: group?.achieved ?? 0, total: group?.total ?? 0 } },
  };
}
