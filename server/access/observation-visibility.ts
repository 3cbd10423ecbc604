import type { AtlasStore, Observation, Unit } from '../store/atlas-store.ts';
import type { Viewer } from '../schema/context.ts';

/**
 * Sensitive indicators (drug status) on a named bản reach anonymous visitors only when the
 * value's source is published; everything else is public. Group facts are always public.
 */
export function canSee(store: AtlasStore, viewer: Viewer, obs: Observation, unit: Unit | undefined): boolean {
  if (viewer.role !== 'anonymous') return true;
  if (unit?.level !== 'village') return true;
  if (!store.indicator(obs.indicator)?.sensitive) return true;
  return store.source(obs.source.doc)?.public === true;
}
