// The commune outline: the one official boundary, drawn solid and strong with a white halo, on top (the line in
// the first paint, its halo right after).
import { palette } from '../palette.ts';
import { COMMUNE_SOURCE } from './source-ids.ts';
import type { LayerSpec } from './types.ts';

export const communeLineLayer: LayerSpec = {
  id: 'commune-line',
  group: 'communeLine',
  layers: [
    { id: 'commune-halo', type: 'line', source: COMMUNE_SOURCE, paint: { 'line-color': palette.communeHalo, 'line-width': 6, 'line-opacity': 0.9 } },
    { id: 'commune-line', type: 'line', source: COMMUNE_SOURCE, layout: { 'line-join': 'round' }, paint: { 'line-color': palette.communeLine, 'line-width': 2.6 } },
  ],
  firstPaint: ['commune-line'],
};
