// Choropleth at bản level: the 23 cells coloured by the indicator (categories for yes/no, classes otherwise).
import { addChoroplethPatterns, choroplethFillLayers } from './choropleth-fill.ts';
import { VILLAGE_SOURCE } from './source-ids.ts';
import type { LayerSpec } from './types.ts';

export const VILLAGE_FILL_LAYER = 'villages-fill';

export const villageFillLayer: LayerSpec = {
  id: 'village-fill',
  group: 'choropleth',
  level: 'village',
  layers: choroplethFillLayers('villages', VILLAGE_SOURCE),
  firstPaint: [VILLAGE_FILL_LAYER],
  images: addChoroplethPatterns,
};
