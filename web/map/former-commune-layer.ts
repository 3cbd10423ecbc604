// Former communes (before the 1 July 2025 merger): medium outlines between the bản cells and the commune line.
import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { FormerCommune } from '../api/types.ts';
import { palette } from './palette.ts';

export const FORMER_COMMUNE_SOURCE = 'former-communes';

/** Add the former-commune source and its outlines (dashed where the boundary is schematic). */
export function addFormerCommuneLayer(map: MapLibreMap, formerCommunes: FormerCommune[]): void {
  const data: FeatureCollection = {
    type: 'FeatureCollection',
    features: formerCommunes.map((fc) => ({
      type: 'Feature',
      id: fc.id,
      properties: { id: fc.id, code: fc.code, name: fc.name, quality: fc.boundaryQuality },
      geometry: fc.geometry,
    })),
  };
  map.addSource(FORMER_COMMUNE_SOURCE, { type: 'geojson', data, promoteId: 'id' });
  const schematic: ExpressionSpecification = ['==', ['get', 'quality'], 'SCHEMATIC'];
  map.addLayer({ id: 'former-communes-halo', type: 'line', source: FORMER_COMMUNE_SOURCE, paint: { 'line-color': '#ffffff', 'line-width': 4, 'line-opacity': 0.85 } });
  map.addLayer({
    id: 'former-communes-line',
    type: 'line',
    source: FORMER_COMMUNE_SOURCE,
    filter: ['!', schematic],
    layout: { 'line-join': 'round' },
    paint: { 'line-color': palette.formerCommuneLine, 'line-width': 1.8 },
  });
  map.addLayer({
    id: 'former-communes-line-schematic',
    type: 'line',
    source: FORMER_COMMUNE_SOURCE,
    filter: schematic,
    layout: { 'line-join': 'round' },
    paint: { 'line-color': palette.formerCommuneLine, 'line-width': 1.8, 'line-dasharray': [4, 2] },
  });
}
