// The commune outline: the one official boundary, drawn solid and strong with a white halo.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Commune } from '../api/types.ts';
import { palette } from './palette.ts';

export const COMMUNE_SOURCE = 'commune';

/** Add the commune source and its outline (drawn last, above the bản cells). */
export function addCommuneLayer(map: MapLibreMap, commune: Commune, attribution: string): void {
  map.addSource(COMMUNE_SOURCE, {
    type: 'geojson',
    attribution,
    promoteId: 'id',
    data: { type: 'Feature', properties: { id: commune.id, quality: commune.boundaryQuality }, geometry: commune.geometry },
  });
  map.addLayer({ id: 'commune-halo', type: 'line', source: COMMUNE_SOURCE, paint: { 'line-color': palette.communeHalo, 'line-width': 6, 'line-opacity': 0.9 } });
  map.addLayer({
    id: 'commune-line',
    type: 'line',
    source: COMMUNE_SOURCE,
    layout: { 'line-join': 'round' },
    paint: { 'line-color': palette.communeLine, 'line-width': 2.6 },
  });
}
