// The preview of a moved bản centre: the cells it would give, dashed in the pin's colour over the
// current cells, the moved bản's own cell lightly filled. Added while a centre is being placed only
// (see MapView), so it is not in the layer list.
import type { LayerSpecification } from 'maplibre-gl';

export const PREVIEW_SOURCE = 'centre-preview';
export const PREVIEW_COLOUR = '#c2185b';

/** The preview's layers, bottom to top; `villageId` is the bản being moved. */
export function previewLayers(villageId: string): LayerSpecification[] {
  return [
    { id: 'centre-preview-fill', type: 'fill', source: PREVIEW_SOURCE, filter: ['==', ['get', 'id'], villageId], paint: { 'fill-color': PREVIEW_COLOUR, 'fill-opacity': 0.12 } },
    { id: 'centre-preview-halo', type: 'line', source: PREVIEW_SOURCE, layout: { 'line-join': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': 3.5, 'line-opacity': 0.8 } },
    { id: 'centre-preview-line', type: 'line', source: PREVIEW_SOURCE, layout: { 'line-join': 'round' }, paint: { 'line-color': PREVIEW_COLOUR, 'line-width': 2, 'line-dasharray': [2, 1.5] } },
  ];
}
