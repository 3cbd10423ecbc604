// One bản as a flat record of its indicator values (value, status, source, period): shared by the GraphQL
// villageFeatures query, the OGC API villages collection and the exports, so all of them say the same thing.
import type { Feature, Geometry } from 'geojson';
import { firstVisible } from '../access/observation-visibility.ts';
import { carriesPublication, shownPublication, type ShownPublication } from '../access/value-publication.ts';
import { badInput } from '../errors.ts';
import type { Viewer } from '../schema/context.ts';
import { toSourceRef } from '../schema/source-ref.type.ts';
import { toObservation, toVillage } from '../schema/unit-views.ts';
import type { Village } from '../schema/village.type.ts';
import type { BanBasis } from '../../geo/facts/fact-types.ts';
import type { AtlasSnapshot, Observation, Unit } from '../store/atlas-store.ts';
import { coverageOf } from './coverage-of.ts';
import { outputGeometry, type GeometryOptions } from './geometry-output.ts';

/** At most this many indicators in one request (each is a property group per bản). */
export const MAX_INDICATORS = 50;

/** A bản's value of one indicator as the viewer may see it; status UNKNOWN when there is none, INFERRED when deduced. */
export interface VillageValue {
  key: string;
  value: number | boolean | string | null;
  /** Numeric indicators: EXACT or the bound the source gives (GREATER_THAN…), null when unknown; yes/no ones: undefined. */
  comparator?: string | null;
  status: string;
  /** "document · section", or null when unknown. */
  source: string | null;
  sourceDoc: string | null;
  sourceSection: string | null;
  period: string | null;
  /**
   * Signed-in users, sensitive indicators only (carriesPublication): where the value stands in publication (PUBLISHED,
   * PENDING, RESTRICTED; null when unknown). Undefined otherwise: anonymous files and features stay as they were.
   */
  publication?: ShownPublication | null;
}

/** Refuse unknown indicator keys (BAD_USER_INPUT naming the key) and too many of them. */
export function checkIndicators(store: AtlasSnapshot, keys: string[]): void {
  if (keys.length > MAX_INDICATORS) throw badInput('indicators', `Tối đa ${MAX_INDICATORS} chỉ tiêu`, `At most ${MAX_INDICATORS} indicators`);
  for (const key of keys) {
    if (!store.indicator(key)) throw badInput('indicators', `Không có chỉ tiêu "${key}"`, `Unknown indicator "${key}"`);
  }
}

/** Keys of every boolean indicator, in the report's order: the default columns of bản exports. */
export function booleanIndicatorKeys(store: AtlasSnapshot): string[] {
  return store.indicators().filter((i) => i.kind === 'boolean').map((i) => i.key);
}

/**
 * Each bản's value of each indicator as the viewer may see it: for yes/no indicators the fact engine's
 * resolution (own, or deduced from a count with status INFERRED: coverage-of.ts), else the bản's own
 * latest visible value. Resolves each indicator once for all bản.
 */
export function villageValueReader(store: AtlasSnapshot, viewer: Viewer, indicators: string[]): (unit: Unit) => VillageValue[] {
  const resolved = new Map(indicators.filter((k) => store.indicator(k)?.kind === 'boolean').map((k) => [k, coverageOf(store, viewer, k)]));
  const marked = new Set(indicators.filter((k) => carriesPublication(viewer, store.indicator(k))));
  /** The value with its publication state beside it, for the indicators that carry one. */
  const withPublication = (unit: Unit, v: VillageValue, basis: BanBasis, sources: Observation[]): VillageValue =>
    marked.has(v.key) ? { ...v, publication: shownPublication(store, store.indicator(v.key)!, unit, basis, sources) } : v;
  return (unit) => indicators.map((key) => {
    const r = resolved.get(key)?.ban(unit.id);
    if (r) {
      if (r.value === null) return withPublication(unit, { key, value: null, status: 'UNKNOWN', source: null, sourceDoc: null, sourceSection: null, period: null }, r.basis, []);
      const refs = r.sources.map((o) => toSourceRef(store, o.source));
      return withPublication(unit, {
        key, value: r.value, status: r.status, source: refs.map((x) => x.label).join('; ') || null,
        sourceDoc: refs[0]?.title ?? null, sourceSection: refs[0] ? refs[0].section ?? refs[0].ref : null, period: r.sources[0]?.period ?? null,
      }, r.basis, r.sources);
    }
    const o = firstVisible(store, viewer, store.observations({ unitId: unit.id, indicator: key }));
    const numeric = store.indicator(key)?.kind !== 'boolean';
    if (!o) return withPublication(unit, { key, value: null, ...(numeric ? { comparator: null } : {}), status: 'UNKNOWN', source: null, sourceDoc: null, sourceSection: null, period: null }, 'NONE', []);
    const obs = toObservation(store, viewer, o);
    return withPublication(unit, {
      key, value: obs.value as VillageValue['value'], ...(numeric ? { comparator: obs.comparator } : {}), status: obs.status, source: obs.source.label,
      sourceDoc: obs.source.title, sourceSection: obs.source.section ?? obs.source.ref, period: obs.period,
    }, 'OWN', [o]);
  });
}

/**
 * Flat GeoJSON properties of a bản: identity, then <key>, <key>_status, <key>_source, <key>_period per indicator, and
 * for a numeric indicator <key>_comparator (EXACT or the source's bound; null when unknown), and for signed-in users
 * <key>_publication beside a sensitive one (PUBLISHED, PENDING, RESTRICTED; null when unknown).
 */
export function villageProperties(village: Village, values: VillageValue[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    id: village.id, name: village.name, label: village.label, nameKnown: village.nameKnown, formerCommune: village.formerCommune?.name ?? null,
    formerCommuneCode: village.formerCommune?.code ?? null, boundaryQuality: village.boundaryQuality, centreKnown: village.centreKnown,
  };
  for (const v of values) {
    properties[v.key] = v.value;
    if (v.comparator !== undefined) properties[`${v.key}_comparator`] = v.comparator;
    properties[`${v.key}_status`] = v.status;
    properties[`${v.key}_source`] = v.source;
    properties[`${v.key}_period`] = v.period;
    if (v.publication !== undefined) properties[`${v.key}_publication`] = v.publication;
  }
  return properties;
}

/** One GeoJSON feature per given bản, with the indicators as flat properties and the stored cell geometry. */
export function villageFeatures(
  store: AtlasSnapshot, viewer: Viewer, units: Unit[], indicators: string[], geometry: GeometryOptions = {},
): Array<Feature<Geometry, Record<string, unknown>>> {
  const valuesOf = villageValueReader(store, viewer, indicators);
  return units.map((u) => {
    const v = toVillage(store, u);
    return {
      type: 'Feature', id: v.id,
      properties: villageProperties(v, valuesOf(u)),
      geometry: outputGeometry(store, v.id, v.geometry as Geometry, geometry),
    };
  });
}
