// The bản cells: geometry is sent once; colours come from feature-state (setFeatureState), so
// restyling for another indicator or a corrected value never re-sends geometry.
import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Village } from '../api/types.ts';
import { addHatchPattern, HATCH_IMAGE } from './hatch-pattern.ts';
import { FILL_OPACITY, palette } from './palette.ts';
import { stateOf, type VillageState } from './village-state.ts';

export const VILLAGE_SOURCE = 'villages';
export const VILLAGE_FILL_LAYER = 'villages-fill';

const state: ExpressionSpecification = ['coalesce', ['feature-state', 'state'], 'unknown'];
const isUnknown: ExpressionSpecification = ['==', state, 'unknown'];
const schematic: ExpressionSpecification = ['==', ['get', 'quality'], 'SCHEMATIC'];

/** GeoJSON of the bản cells; `id` is promoted so feature-state can address each bản by its stable id. */
export function villageFeatures(villages: Village[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: villages.map((v) => ({
      type: 'Feature',
      properties: { id: v.id, label: v.label, formerCommune: v.formerCommune.id, quality: v.boundaryQuality },
      geometry: v.geometry,
    })),
  };
}

/** Add the bản source and its layers: value fill, hatch for unknown, outlines (dashed when schematic), hover. */
export function addVillageLayer(map: MapLibreMap, villages: Village[], attribution: string): void {
  addHatchPattern(map);
  map.addSource(VILLAGE_SOURCE, { type: 'geojson', data: villageFeatures(villages), promoteId: 'id', attribution });
  map.addLayer({
    id: VILLAGE_FILL_LAYER,
    type: 'fill',
    source: VILLAGE_SOURCE,
    paint: {
      'fill-color': ['match', state,
        'achieved', palette.state.achieved,
        'notAchieved', palette.state.notAchieved,
        palette.state.unknown],
      'fill-opacity': ['case', isUnknown, 0.9, FILL_OPACITY],
    },
  });
  // fill-pattern cannot read feature-state, so the hatch is constant and its opacity switches it on.
  map.addLayer({
    id: 'villages-hatch',
    type: 'fill',
    source: VILLAGE_SOURCE,
    paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': ['case', isUnknown, 0.8, 0] },
  });
  map.addLayer({
    id: 'villages-line',
    type: 'line',
    source: VILLAGE_SOURCE,
    filter: ['!', schematic],
    paint: { 'line-color': palette.villageLine, 'line-width': 1 },
  });
  map.addLayer({
    id: 'villages-line-schematic',
    type: 'line',
    source: VILLAGE_SOURCE,
    filter: schematic,
    paint: { 'line-color': palette.villageLine, 'line-width': 1, 'line-dasharray': [3, 2] },
  });
  map.addLayer({
    id: 'villages-hover',
    type: 'line',
    source: VILLAGE_SOURCE,
    paint: {
      'line-color': palette.hover,
      'line-width': 2.5,
      'line-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 1, 0],
    },
  });
}

/** Colour every bản by its observation through feature-state; returns the count per state. */
export function setVillageStates(map: MapLibreMap, villages: Village[]): Record<VillageState, number> {
  const counts: Record<VillageState, number> = { achieved: 0, notAchieved: 0, unknown: 0 };
  for (const v of villages) {
    const s = stateOf(v.observation);
    counts[s] += 1;
    map.setFeatureState({ source: VILLAGE_SOURCE, id: v.id }, { state: s });
  }
  return counts;
}

/** The source's own features (what the map holds, not what was fetched). */
export function villageSourceFeatureCount(map: MapLibreMap): number {
  const source = map.getSource<GeoJSONSource>(VILLAGE_SOURCE);
  return source ? map.querySourceFeatures(VILLAGE_SOURCE).reduce((ids, f) => ids.add(String(f.id)), new Set<string>()).size : 0;
}
