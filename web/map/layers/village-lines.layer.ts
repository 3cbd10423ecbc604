// Bản cell outlines (dashed where schematic: added right after the first paint, which draws the solid ones only),
// and the hover and selection outlines from feature-state.
import type { ExpressionSpecification } from 'maplibre-gl';
import { palette } from '../palette.ts';
import { VILLAGE_SOURCE } from './source-ids.ts';
import { FS, type LayerSpec } from './types.ts';

const schematic: ExpressionSpecification = ['==', ['get', 'quality'], 'SCHEMATIC'];

export const villageLinesLayer: LayerSpec = {
  id: 'village-lines',
  group: 'villageLines',
  layers: [
    { id: 'villages-line', type: 'line', source: VILLAGE_SOURCE, filter: ['!', schematic], paint: { 'line-color': palette.villageLine, 'line-width': 1 } },
    {
      id: 'villages-line-schematic', type: 'line', source: VILLAGE_SOURCE, filter: schematic,
      paint: { 'line-color': palette.villageLine, 'line-width': 1, 'line-dasharray': [3, 2] },
    },
  ],
  firstPaint: ['villages-line'],
};

export const villageHighlightLayer: LayerSpec = {
  id: 'village-highlight',
  group: null,
  layers: [
    {
      id: 'villages-hover', type: 'line', source: VILLAGE_SOURCE,
      paint: { 'line-color': palette.hover, 'line-width': 2.5, 'line-opacity': ['case', FS.hover as unknown as ExpressionSpecification, 1, 0] },
    },
    {
      id: 'villages-selected', type: 'line', source: VILLAGE_SOURCE, layout: { 'line-join': 'round' },
      paint: { 'line-color': palette.selected, 'line-width': 4, 'line-opacity': ['case', FS.selected as unknown as ExpressionSpecification, 1, 0] },
    },
  ],
};
