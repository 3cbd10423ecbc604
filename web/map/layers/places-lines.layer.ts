// Roads (and other line places) drawn from their own geometry only; a road without one is named in
// the legend's places note instead (see panels/PlacesNote.tsx), never drawn along a guessed course.
import { PLACES_LINE_SOURCE } from './source-ids.ts';
import type { LayerSpec } from './types.ts';

export const placesLinesLayer: LayerSpec = {
  id: 'places-lines',
  group: 'places',
  layers: [
    { id: 'places-line-casing', type: 'line', source: PLACES_LINE_SOURCE, layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': 5 } },
    { id: 'places-line', type: 'line', source: PLACES_LINE_SOURCE, layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': '#7a3b12', 'line-width': 2.5 } },
  ],
};
