// An invisible fill over the bản cells that takes hover and click at every level (the coloured
// fill is hidden at former-commune level, but a bản can still be picked).
import { VILLAGE_SOURCE } from './source-ids.ts';
import type { LayerSpec } from './types.ts';

export const VILLAGE_HIT_LAYER = 'villages-hit';

export const villageHitLayer: LayerSpec = {
  id: 'village-hit',
  group: null,
  layers: [{ id: VILLAGE_HIT_LAYER, type: 'fill', source: VILLAGE_SOURCE, paint: { 'fill-color': '#000000', 'fill-opacity': 0 } }],
};
