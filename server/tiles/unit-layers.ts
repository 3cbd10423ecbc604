// The atlas's own tile layers: the detailed communes, their former communes, the bản cells, Mường Bang's neighbouring
// communes. Their properties are what the API shows the same viewer: bản values from villageFeatures' reader (the fact
// engine's resolution, with server/access deciding visibility), group counts from coverage-of.ts, own values through
// visibleObservation. Every detailed commune's units are read in that commune's own view, as GraphQL and OGC read them.
import { firstVisible } from '../access/observation-visibility.ts';
import { carriesPublication, countPublication } from '../access/value-publication.ts';
import { coverageOf } from '../queries/coverage-of.ts';
import { villageProperties, villageValueReader } from '../queries/village-features.ts';
import type { Viewer } from '../schema/context.ts';
import { toObservation, toVillage } from '../schema/unit-views.ts';
import { communeViews } from '../store/atlas-snapshot.ts';
import type { AtlasSnapshot, TileFeature, Unit, UnitLevel } from '../store/atlas-store.ts';
import { registerTileLayer, tileFeature, type StoredGeometry, type TileLayer } from './tile-layer.ts';

const BOUNDARIES: StoredGeometry = { table: 'boundaries', idColumn: 'unit_id', geomColumn: 'geom' };

/** Indicators the atlas keeps at this level, in the report's order. */
const indicatorsAt = (store: AtlasSnapshot, level: UnitLevel) => store.indicators().filter((i) => i.levels.includes(level));

/**
 * A commune's or former commune's values as the viewer may see them: for a yes/no indicator the fact engine's count of
 * bản (<key> when exact, else null, with <key>_min, <key>_max, <key>_total; for signed-in users <key>_publication beside a
 * sensitive one), for the others its own latest visible value.
 */
function groupProperties(store: AtlasSnapshot, coverage: (key: string) => ReturnType<typeof coverageOf>, viewer: Viewer, unit: Unit): Record<string, unknown> {
  const b = store.boundary(unit.id);
  const properties: Record<string, unknown> = { code: unit.code, name: unit.name, boundaryQuality: b?.quality ?? null, areaKm2: b?.areaKm2 ?? null };
  for (const indicator of indicatorsAt(store, unit.level)) {
    const key = indicator.key;
    if (indicator.kind === 'boolean') {
      const { resolution } = coverage(key);
      const count = unit.level === 'commune' ? resolution.whole : resolution.groups.find((g) => g.id === unit.id);
      if (!count) continue;
      Object.assign(properties, {
        [key]: count.min === count.max ? count.min : null, [`${key}_min`]: count.min, [`${key}_max`]: count.max,
        [`${key}_total`]: count.total, [`${key}_status`]: count.status,
        // Signed-in users: whether the public sees this count (it may rest on a pending or restricted fact).
        ...(carriesPublication(viewer, indicator) ? { [`${key}_publication`]: countPublication(store, count.sources) } : {}),
      });
      continue;
    }
    const o = firstVisible(store, viewer, store.observations({ unitId: unit.id, indicator: key }));
    if (!o) { properties[`${key}_status`] = 'UNKNOWN'; continue; }
    const shown = toObservation(store, viewer, o);
    Object.assign(properties, {
      [key]: typeof shown.value === 'object' ? JSON.stringify(shown.value) : shown.value, [`${key}_comparator`]: shown.comparator,
      [`${key}_status`]: shown.status, [`${key}_period`]: shown.period,
    });
  }
  return properties;
}

/** Every detailed commune's features (Mường Bang's first), each made by `inView` in that commune's view: the fact engine counts its own bản. */
const everyCommune = (store: AtlasSnapshot, inView: (view: AtlasSnapshot) => TileFeature[]): TileFeature[] => communeViews(store).flatMap(inView);

const unitLayer = (name: string, level: Exclude<UnitLevel, 'village'>, minZoom: number): TileLayer => ({
  name, minZoom, maxZoom: 16, stored: BOUNDARIES,
  features: (store, viewer) => everyCommune(store, (view) => {
    // Each yes/no indicator resolved once for all the commune's units of the layer.
    const resolved = new Map<string, ReturnType<typeof coverageOf>>();
    const coverage = (key: string) => resolved.get(key) ?? resolved.set(key, coverageOf(view, viewer, key)).get(key)!;
    return view.units(level).map((u) => tileFeature(u.id, view.boundary(u.id)?.geometry, groupProperties(view, coverage, viewer, u)));
  }),
});

/** The bản cells with every bản-level indicator, exactly the properties of GraphQL villageFeatures (and the OGC items). */
export const villagesTileLayer: TileLayer = {
  name: 'villages', minZoom: 8, maxZoom: 16, stored: BOUNDARIES,
  features: (store, viewer) => everyCommune(store, (view) => {
    const valuesOf = villageValueReader(view, viewer, indicatorsAt(view, 'village').map((i) => i.key));
    return view.units('village').map((u) => tileFeature(u.id, view.boundary(u.id)?.geometry, villageProperties(toVillage(view, u), valuesOf(u))));
  }),
};

export const formerCommunesTileLayer = unitLayer('former-communes', 'formerCommune', 6);
export const communeTileLayer = unitLayer('commune', 'commune', 0);

/** Mường Bang's neighbouring communes' official outlines (its report's context; other detailed communes have none). */
export const neighboursTileLayer: TileLayer = {
  name: 'neighbours', minZoom: 6, maxZoom: 16, stored: { table: 'neighbours', idColumn: 'code', geomColumn: 'geom' },
  features: (store) => store.neighbours().map((n) => tileFeature(n.code, n.geometry, { code: n.code, name: n.name, province: n.province })),
};

for (const layer of [communeTileLayer, formerCommunesTileLayer, villagesTileLayer, neighboursTileLayer]) registerTileLayer(layer);
