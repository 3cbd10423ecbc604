// The GeoJSON sources, added once with `promoteId` so feature-state can address every unit by its
// stable id: restyling for another indicator never re-sends geometry. Each is added with the first layer that
// draws it (layers/index.ts), so the first paint does not wait for the neighbours' or the roads'. No MapLibre here:
// the first picture (web/first-picture/) draws the same features.
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSourceSpecification } from 'maplibre-gl';
import type { AtlasData } from '../../api/atlas-data.ts';
import { isLinePlace } from '../line-place.ts';

import { COMMUNE_SOURCE, FORMER_COMMUNE_SOURCE, NEIGHBOUR_SOURCE, PLACES_LINE_SOURCE, VILLAGE_SOURCE } from './source-ids.ts';

/** GeoJSON of the bản cells. */
export function villageFeatures(data: AtlasData): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: data.villages.map((v) => ({
      type: 'Feature',
      properties: { id: v.id, label: v.label, formerCommune: v.formerCommune.id, quality: v.boundaryQuality },
      geometry: v.geometry,
    })),
  };
}

/** The sources by id, ready to add (their attribution is a control in the page's language: see MapView). */
export function sourceSpecs(data: AtlasData): Record<string, GeoJSONSourceSpecification> {
  return {
    [NEIGHBOUR_SOURCE]: {
      type: 'geojson',
      promoteId: 'code',
      data: { type: 'FeatureCollection', features: data.neighbours.map((n) => ({ type: 'Feature', properties: { code: n.code, name: n.name }, geometry: n.geometry })) },
    },
    [FORMER_COMMUNE_SOURCE]: {
      type: 'geojson',
      promoteId: 'id',
      data: {
        type: 'FeatureCollection',
        features: data.commune.formerCommunes.map((fc) => ({
          type: 'Feature', properties: { id: fc.id, code: fc.code, name: fc.name, quality: fc.boundaryQuality }, geometry: fc.geometry,
        })),
      },
    },
    [VILLAGE_SOURCE]: { type: 'geojson', data: villageFeatures(data), promoteId: 'id' },
    [PLACES_LINE_SOURCE]: {
      type: 'geojson',
      promoteId: 'id',
      data: {
        type: 'FeatureCollection',
        features: (data.places ?? []).filter(isLinePlace).map((p) => ({ type: 'Feature', properties: { id: p.id, kind: p.kind, name: p.name }, geometry: p.geometry! })),
      },
    },
    [COMMUNE_SOURCE]: {
      type: 'geojson',
      promoteId: 'id',
      data: { type: 'Feature', properties: { id: data.commune.id, quality: data.commune.boundaryQuality }, geometry: data.commune.geometry },
    },
  };
}
