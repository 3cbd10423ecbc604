// Neighbouring communes: faded fill and thin outline, for context only.
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Neighbour } from '../api/types.ts';
import { palette } from './palette.ts';

export const NEIGHBOUR_SOURCE = 'neighbours';

/** Add the neighbours source and its two layers. */
export function addNeighbourLayer(map: MapLibreMap, neighbours: Neighbour[]): void {
  const data: FeatureCollection = {
    type: 'FeatureCollection',
    features: neighbours.map((n) => ({ type: 'Feature', id: n.code, properties: { code: n.code, name: n.name }, geometry: n.geometry })),
  };
  map.addSource(NEIGHBOUR_SOURCE, { type: 'geojson', data, promoteId: 'code' });
  map.addLayer({ id: 'neighbours-fill', type: 'fill', source: NEIGHBOUR_SOURCE, paint: { 'fill-color': palette.neighbourFill, 'fill-opacity': 0.8 } });
  map.addLayer({ id: 'neighbours-line', type: 'line', source: NEIGHBOUR_SOURCE, paint: { 'line-color': palette.neighbourLine, 'line-width': 0.8 } });
}
