// Signed-in users: a bản whose value on the map the public does not see as shown (pending publication or never
// published: feature-state "notPublic", from the server's ResolvedValue.publication) gets a dashed purple outline
// inside its cell, so no one reads it as a public figure. Anonymous visitors never have such a value.
import type { ExpressionSpecification } from 'maplibre-gl';
import { palette } from '../palette.ts';
import { VILLAGE_SOURCE } from './source-ids.ts';
import type { LayerSpec } from './types.ts';

const notPublic: ExpressionSpecification = ['boolean', ['feature-state', 'notPublic'], false];

export const VILLAGE_NOT_PUBLIC_LAYER = 'villages-not-public';

export const villageNotPublicLayer: LayerSpec = {
  id: 'village-not-public',
  group: 'choropleth',
  level: 'village',
  layers: [{
    id: VILLAGE_NOT_PUBLIC_LAYER, type: 'line', source: VILLAGE_SOURCE, layout: { 'line-join': 'round' },
    paint: { 'line-color': palette.notPublic, 'line-width': 2.5, 'line-offset': 1.5, 'line-dasharray': [2, 1.5], 'line-opacity': ['case', notPublic, 1, 0] },
  }],
};
