// Choropleth at bản level: the 23 cells coloured by the indicator (categories for yes/no, classes otherwise).
import { addChoroplethFill } from './choropleth-fill.ts';
import { VILLAGE_SOURCE } from './sources.ts';
import type { LayerSpec } from './types.ts';

export const VILLAGE_FILL_LAYER = 'villages-fill';

export const villageFillLayer: LayerSpec = {
  id: 'village-fill',
  group: 'choropleth',
  level: 'village',
  layerIds: [VILLAGE_FILL_LAYER, 'villages-hatch', 'villages-dots'],
  add(map) {
    addChoroplethFill(map, 'villages', VILLAGE_SOURCE);
  },
};
