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

/**
 * The snapshot of these tables, as Mường Bang's view (the first commune stored): every view existing before there
 * was a second detailed commune reads exactly what it read then. `forCommune` gives another commune's view of the
 * same version; each view is made once per version, so what is derived from a view can be cached on it.
 */
export function snapshotOf(t: AtlasTables): AtlasSnapshot {
  const unitsById = new Map(t.units.map((u) => [u.id, u]));
  const boundaries = new Map(t.boundaries.map((b) => [b.unitId, b]));
  const indicators = new Map(t.indicators.map((i) => [i.key, i]));
  const sources = new Map(t.sources.map((s) => [s.id, s]));
  const communes = t.units.filter((u) => u.level === 'commune');
  const communeIdOf = new Map<string, string>();
  for (const u of t.units) {
    let at: Unit | undefined = u;
    for (let depth = 0; at && at.level !== 'commune' && at.parentId && depth < 8; depth++) at = unitsById.get(at.parentId);
    if (at?.level === 'commune') communeIdOf.set(u.id, at.id);
  }
  const defaultId = communes[0]?.id;
  const views = new Map<string, AtlasSnapshot>();
  const forCommune = (id: string): AtlasSnapshot | undefined => {
    if (!communes.some((c) => c.id === id)) return undefined;
    if (!views.has(id)) views.set(id, view(id));
    return views.get(id);
  };

  function view(communeId: string | undefined): AtlasSnapshot {
    // A unit under no commune (none is stored so) stays in Mường Bang's view, as before.
    const mine = (unitId: string) => (communeIdOf.get(unitId) ?? defaultId) === communeId;
    const isDefault = communeId === defaultId;
    const units = t.units.filter((u) => mine(u.id));
    const observations = t.observations.filter((o) => mine(o.unitId));
    const groups = new Map<string, Observation[]>();
    for (const o of observations) {
      for (const key of [`u|${o.unitId}`, `i|${o.indicator}`, `ui|${o.unitId}|${o.indicator}`]) {
        const list = groups.get(key);
        if (list) list.push(o); else groups.set(key, [o]);
      }
    }
    return {
      version: t.version,
      dataVersion: () => t.version,
      units: (level) => units.filter((u) => u.level === level),
      unit: (id) => (mine(id) ? unitsById.get(id) : undefined),
      boundary: (unitId) => (mine(unitId) ? boundaries.get(unitId) : undefined),
      neighbours: () => (isDefault ? t.neighbours : []),
      indicators: () => t.indicators,
      indicator: (key) => indicators.get(key),
      observations: ({ indicator, unitId }) => {
        if (indicator === undefined && unitId === undefined) return observations;
        const key = unitId === undefined ? `i|${indicator}` : indicator === undefined ? `u|${unitId}` : `ui|${unitId}|${indicator}`;
        return groups.get(key) ?? [];
      },
      targets: () => (isDefault ? t.targets : []),
      places: () => (isDefault ? t.places : []),
      sources: () => t.sources,
      source: (id) => sources.get(id),
      scope: () => (communeId === undefined ? undefined : unitsById.get(communeId)),
      detailedCommunes: () => communes,
      forCommune,
      communeOf: (unitId) => {
        const id = communeIdOf.get(unitId);
        return id === undefined ? undefined : unitsById.get(id);
      },
    };
  }
  return defaultId === undefined ? view(undefined) : forCommune(defaultId)!;
}

/** The view of every detailed commune (the snapshot itself when none is stored): what reads over all their bản go through. */
export function communeViews(s: AtlasSnapshot): AtlasSnapshot[] {
  const communes = s.detailedCommunes();
  return communes.length === 0 ? [s] : communes.map((c) => s.forCommune(c.id)!);
}
