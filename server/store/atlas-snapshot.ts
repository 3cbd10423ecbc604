// One data version of the atlas held in memory with its look-ups: both stores build their snapshots here.
import type {
  AtlasSnapshot, Boundary, Indicator, Neighbour, Observation, Place, SourceDocument, Target, Unit,
} from './atlas-store.ts';

/** Every table a snapshot holds, as read in one transaction (rows in the store's order). */
export interface AtlasTables {
  version: number;
  /** Units in the atlas order. */
  units: Unit[];
  boundaries: Boundary[];
  neighbours: Neighbour[];
  indicators: Indicator[];
  /** Ordered by unit, indicator, then period (latest first). */
  observations: Observation[];
  targets: Target[];
  places: Place[];
  sources: SourceDocument[];
}

/** The snapshot of these tables: look-ups by id and the observation groups the views ask for in loops. */
export function snapshotOf(t: AtlasTables): AtlasSnapshot {
  const unitsById = new Map(t.units.map((u) => [u.id, u]));
  const boundaries = new Map(t.boundaries.map((b) => [b.unitId, b]));
  const indicators = new Map(t.indicators.map((i) => [i.key, i]));
  const sources = new Map(t.sources.map((s) => [s.id, s]));
  const groups = new Map<string, Observation[]>();
  for (const o of t.observations) {
    for (const key of [`u|${o.unitId}`, `i|${o.indicator}`, `ui|${o.unitId}|${o.indicator}`]) {
      const list = groups.get(key);
      if (list) list.push(o); else groups.set(key, [o]);
    }
  }
  return {
    version: t.version,
    dataVersion: () => t.version,
    units: (level) => t.units.filter((u) => u.level === level),
    unit: (id) => unitsById.get(id),
    boundary: (unitId) => boundaries.get(unitId),
    neighbours: () => t.neighbours,
    indicators: () => t.indicators,
    indicator: (key) => indicators.get(key),
    observations: ({ indicator, unitId }) => {
      if (indicator === undefined && unitId === undefined) return t.observations;
      const key = unitId === undefined ? `i|${indicator}` : indicator === undefined ? `u|${unitId}` : `ui|${unitId}|${indicator}`;
      return groups.get(key) ?? [];
    },
    targets: () => t.targets,
    places: () => t.places,
    sources: () => t.sources,
    source: (id) => sources.get(id),
  };
}
