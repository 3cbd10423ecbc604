// Choropleth at former-commune level: the three schematic zones coloured by the former communes'
// own observations (a yes/no indicator as the share of bản achieving it).
import { addChoroplethPatterns, choroplethFillLayers } from './choropleth-fill.ts';
import { FORMER_COMMUNE_SOURCE } from './source-ids.ts';
import type { LayerSpec } from './types.ts';

export const FORMER_COMMUNE_FILL_LAYER = 'former-communes-fill';

export const formerCommuneFillLayer: LayerSpec = {
  id: 'former-commune-fill',
  group: 'choropleth',
  level: 'formerCommune',
  layers: choroplethFillLayers('former-communes', FORMER_COMMUNE_SOURCE),
  firstPaint: [FORMER_COMMUNE_FILL_LAYER],
  images: addChoroplethPatterns,
};
