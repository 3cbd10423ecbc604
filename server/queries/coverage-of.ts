// The server's one reader of the fact engine: every fact of a yes/no indicator the viewer may see,
// resolved by geo/facts/resolve-indicator.ts, with deduced sensitive values withheld where
// server/access/deduced-visibility.ts says so. coverage, villageFeatures, OGC, exports and targets read this.
import type { BanResolution, CountFact, FactSet, IndicatorResolution } from '../../geo/facts/fact-types.ts';
import { resolveIndicator } from '../../geo/facts/resolve-indicator.ts';
import { visibleResolution } from '../access/deduced-visibility.ts';
import { firstVisible, visibilityClass } from '../access/observation-visibility.ts';
import type { Viewer } from '../schema/context.ts';
import type { AtlasSnapshot, Observation, Unit } from '../store/atlas-store.ts';

export interface ResolvedIndicator {
  resolution: IndicatorResolution<Observation>;
  commune: Unit;
  formers: Unit[];
  villages: Unit[];
  /** The commune's own count, when a source gives one the viewer may see. */
  communeFact: Observation | undefined;
  /** One bản's resolution as this viewer sees it. */
  ban(id: string): BanResolution<Observation> | undefined;
}

const countFact = (o: Observation | undefined): CountFact<Observation> | null =>
  o && typeof o.value === 'number' && o.denominator !== null
    ? { achieved: o.value, total: o.denominator, comparator: o.comparator, status: o.status, sources: [o], period: o.period } : null;

// Resolutions are the same for every viewer of one visibility class until the data changes: kept per snapshot (one
// data version), so a read does not run the fact engine again for each request. Readers never change them.
const resolved = new WeakMap<AtlasSnapshot, Map<string, ResolvedIndicator>>();

/**
 * Resolve a yes/no indicator for the viewer (once per snapshot and visibility class). `override` sets bản values
 * first (the planner's what-if on the server: a marked bản meets the indicator), and is never kept.
 */
export function coverageOf(store: AtlasSnapshot, viewer: Viewer, key: string, override?: Map<string, boolean>): ResolvedIndicator {
  if (override) return resolveCoverage(store, viewer, key, override);
  let bySnapshot = resolved.get(store);
  if (!bySnapshot) { bySnapshot = new Map(); resolved.set(store, bySnapshot); }
  const cacheKey = `${key}|${visibilityClass(viewer)}`;
  let r = bySnapshot.get(cacheKey);
  if (!r) { r = resolveCoverage(store, viewer, key); bySnapshot.set(cacheKey, r); }
  return r;
}

function resolveCoverage(store: AtlasSnapshot, viewer: Viewer, key: string, override?: Map<string, boolean>): ResolvedIndicator {
  const indicator = store.indicator(key)!;
  const obs = store.observations({ indicator: key });
  const latestFor = (unit: Unit): Observation | undefined => firstVisible(store, viewer, obs, (o) => o.unitId === unit.id);
  const commune = store.units('commune')[0];
  const formers = store.units('formerCommune');
  const villages = store.units('village');
  const communeFact = latestFor(commune);
  const facts: FactSet<Observation> = {
    bans: villages.map((v) => {
      const o = latestFor(v);
      const marked = override?.get(v.id);
      const fact = marked !== undefined ? { value: marked, status: 'ESTIMATED', sources: [] }
        : o && typeof o.value === 'boolean' ? { value: o.value, status: o.status, sources: [o], period: o.period } : null;
      return { id: v.id, group: v.parentId && formers.some((f) => f.id === v.parentId) ? v.parentId : null, fact };
    }),
    groups: formers.map((f) => ({ id: f.id, fact: countFact(latestFor(f)) })),
    wholeId: commune.id,
    whole: countFact(communeFact),
  };
  const resolution = resolveIndicator(facts);
  const byId = new Map(villages.map((v) => [v.id, v]));
  resolution.bans = resolution.bans.map((r) => {
    const unit = byId.get(r.id)!;
    const g = resolution.groups.find((x) => x.id === unit.parentId);
    return visibleResolution(viewer, indicator, unit, r, g && g.min === g.max ? { achieved: g.min, total: g.total } : null);
  });
  // A withheld value is unknown to this viewer: every count of unknown bản says so the same way.
  const unknownIn = (ids: string[]) => ids.filter((id) => resolution.bans.find((r) => r.id === id)!.value === null).length;
  resolution.groups = resolution.groups.map((g) => ({ ...g, unknownBans: unknownIn(villages.filter((v) => v.parentId === g.id).map((v) => v.id)) }));
  resolution.whole = { ...resolution.whole, unknownBans: unknownIn(villages.map((v) => v.id)) };
  const bans = new Map(resolution.bans.map((r) => [r.id, r]));
  return { resolution, commune, formers, villages, communeFact, ban: (id) => bans.get(id) };
}
