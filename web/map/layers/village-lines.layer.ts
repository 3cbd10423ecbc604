// Bản cell outlines (dashed where schematic), and the hover and selection outlines from feature-state.
import type { ExpressionSpecification } from 'maplibre-gl';
import { palette } from '../palette.ts';
import { VILLAGE_SOURCE } from './sources.ts';
import { FS, type LayerSpec } from './types.ts';

const schematic: ExpressionSpecification = ['==', ['get', 'quality'], 'SCHEMATIC'];

export const villageLinesLayer: LayerSpec = {
  id: 'village-lines',
  group: 'villageLines',
  layerIds: ['villages-line', 'villages-line-schematic'],
  add(map) {
    map.addLayer({ id: 'villages-line', type: 'line', source: VILLAGE_SOURCE, filter: ['!', schematic], paint: { 'line-color': palette.villageLine, 'line-width': 1 } });
    map.addLayer({
      id: 'villages-line-schematic', type: 'line', source: VILLAGE_SOURCE, filter: schematic,
      paint: { 'line-color': palette.villageLine, 'line-width': 1, 'line-dasharray': [3, 2] },
    });
  },
};

export const villageHighlightLayer: LayerSpec = {
  id: 'village-highlight',
  group: null,
  layerIds: ['villages-hover', 'villages-selected'],
  add(map) {
    map.addLayer({
      id: 'villages-hover', type: 'line', source: VILLAGE_SOURCE,
      paint: { 'line-color': palette.hover, 'line-width': 2.5, 'line-opacity': ['case', FS.hover as unknown as ExpressionSpecification, 1, 0] },
    });
    map.addLayer({
      id: 'villages-selected', type: 'line', source: VILLAGE_SOURCE, layout: { 'line-join': 'round' },
      paint: { 'line-color': palette.selected, 'line-width': 4, 'line-opacity': ['case', FS.selected as unknown as ExpressionSpecification, 1, 0] },
    });
  },
};
