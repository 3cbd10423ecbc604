// Former communes (before the 1 July 2025 merger): medium outlines, dashed where schematic. The first paint draws
// the solid ones; the dashed ones and the halo come right after (never a schematic outline drawn solid).
import type { ExpressionSpecification } from 'maplibre-gl';
import { palette } from '../palette.ts';
import { FORMER_COMMUNE_SOURCE } from './source-ids.ts';
import type { LayerSpec } from './types.ts';

const schematic: ExpressionSpecification = ['==', ['get', 'quality'], 'SCHEMATIC'];

export const formerCommuneLinesLayer: LayerSpec = {
  id: 'former-commune-lines',
  group: 'formerCommuneLines',
  layers: [
    { id: 'former-communes-halo', type: 'line', source: FORMER_COMMUNE_SOURCE, paint: { 'line-color': '#ffffff', 'line-width': 4, 'line-opacity': 0.85 } },
    {
      id: 'former-communes-line', type: 'line', source: FORMER_COMMUNE_SOURCE, filter: ['!', schematic], layout: { 'line-join': 'round' },
      paint: { 'line-color': palette.formerCommuneLine, 'line-width': 1.8 },
    },
    {
      id: 'former-communes-line-schematic', type: 'line', source: FORMER_COMMUNE_SOURCE, filter: schematic, layout: { 'line-join': 'round' },
      paint: { 'line-color': palette.formerCommuneLine, 'line-width': 1.8, 'line-dasharray': [4, 2] },
    },
  ],
  firstPaint: ['former-communes-line'],
};
