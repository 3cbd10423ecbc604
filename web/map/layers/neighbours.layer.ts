// Neighbouring communes: faded fill and thin outline, for context only (added right after the first paint).
import { palette } from '../palette.ts';
import { NEIGHBOUR_SOURCE } from './source-ids.ts';
import type { LayerSpec } from './types.ts';

/** Opacity of the neighbours' fill (the Country tab sets it to 0 while it draws every commune). */
export const NEIGHBOURS_FILL_OPACITY = 0.8;

export const neighboursLayer: LayerSpec = {
  id: 'neighbours',
  group: 'neighbours',
  layers: [
    { id: 'neighbours-fill', type: 'fill', source: NEIGHBOUR_SOURCE, paint: { 'fill-color': palette.neighbourFill, 'fill-opacity': NEIGHBOURS_FILL_OPACITY } },
    { id: 'neighbours-line', type: 'line', source: NEIGHBOUR_SOURCE, paint: { 'line-color': palette.neighbourLine, 'line-width': 0.8 } },
  ],
};
