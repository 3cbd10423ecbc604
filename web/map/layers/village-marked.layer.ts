// Bản marked in the planner's what-if: filled with a purple veil and outlined (feature-state "marked").
import type { ExpressionSpecification } from 'maplibre-gl';
import { VILLAGE_SOURCE } from './source-ids.ts';
import type { LayerSpec } from './types.ts';

const marked: ExpressionSpecification = ['boolean', ['feature-state', 'marked'], false];

export const villageMarkedLayer: LayerSpec = {
  id: 'village-marked',
  group: null,
  layers: [
    { id: 'villages-marked-fill', type: 'fill', source: VILLAGE_SOURCE, paint: { 'fill-color': '#6a3d9a', 'fill-opacity': ['case', marked, 0.45, 0] } },
    { id: 'villages-marked', type: 'line', source: VILLAGE_SOURCE, layout: { 'line-join': 'round' }, paint: { 'line-color': '#6a3d9a', 'line-width': 3, 'line-opacity': ['case', marked, 1, 0] } },
  ],
};
