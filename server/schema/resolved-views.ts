// The GraphQL views of the fact engine's answers (server/queries/coverage-of.ts): one mapping, read by
// coverage, Village.resolvedValue and targets.
import type { BanResolution, CountResolution } from '../../geo/facts/fact-types.ts';
import { carriesPublication, shownPublication } from '../access/value-publication.ts';
import { coverageOf } from '../queries/coverage-of.ts';
import type { AtlasSnapshot, Observation } from '../store/atlas-store.ts';
import { ANONYMOUS, type Viewer } from './context.ts';
import type { CoverageBasis, FactAssumption, PublicationState, ValueBasis } from './enums.ts';
import type { ResolvedValue } from './resolved-value.type.ts';
import { toSourceRef, type SourceRef } from './source-ref.type.ts';

/**
 * Sources of observations, once per fact: keyed by observation, not by section, so two facts of one
 * section (Mường Do's 7/7 and Mường Lang's 5/6 in I.7.2) each keep their own quote.
 */
export function sourceRefs(store: AtlasSnapshot, obs: Observation[]): SourceRef[] {
  const seen = new Map<number, SourceRef>();
  for (const o of obs) if (!seen.has(o.id)) seen.set(o.id, toSourceRef(store, o.source));
  return [...seen.values()];
}


/**
 * A bản's resolution of this indicator as GraphQL's ResolvedValue; for signed-in users a sensitive value says where it stands
 * in publication (value-publication.ts) and, while PENDING, what the public sees meanwhile (the same resolution for them).
 */
export function toResolvedValue(store: AtlasSnapshot, viewer: Viewer, indicatorKey: string, r: BanResolution<Observation>): ResolvedValue {
  const indicator = store.indicator(indicatorKey);
  const unit = store.unit(r.id);
  const publication = indicator && unit && carriesPublication(viewer, indicator) ? shownPublication(store, indicator, unit, r.basis, r.sources) : null;
  return {
    unitId: r.id, value: r.value, basis: r.basis as ValueBasis, status: r.status, sources: sourceRefs(store, r.sources),
    assumptions: r.assumptions as FactAssumption[], reason: r.reason, publication: publication as PublicationState | null,
    publishedValue: publication === 'PENDING' ? coverageOf(store, ANONYMOUS, indicatorKey).ban(r.id)?.value ?? null : null,
  };
}

/** The count fields shared by Coverage and CoverageGroup. */
export function toCount(store: AtlasSnapshot, c: CountResolution<Observation>) {
  const sources = sourceRefs(store, c.sources);
  return {
    achieved: c.min, min: c.min, max: c.max, total: c.total, share: c.share, complete: c.min === c.max, unknownVillages: c.unknownBans,
    basis: c.basis as CoverageBasis, status: c.status, sources, assumptions: c.assumptions as FactAssumption[], reason: c.reason,
    source: sources[0] ?? null, formula: c.basis === 'FACT' ? c.sources[0]?.formula ?? null : null,
  };
}
