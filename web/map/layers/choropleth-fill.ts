// The fill of a choropleth on one source: colour from feature-state, the grey hatch where the value
// is unknown and dots where it is estimated. fill-pattern cannot read feature-state, so each pattern
// is its own layer whose opacity feature-state switches on.
import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { addDotsPattern, DOTS_IMAGE } from '../dots-pattern.ts';
import { addHatchPattern, HATCH_IMAGE } from '../hatch-pattern.ts';
import { FS } from './types.ts';

/** Opacity of value fills: strong enough to read, light enough to keep labels legible. */
export const FILL_OPACITY = 0.78;

/** Add `<prefix>-fill`, `<prefix>-hatch` and `<prefix>-dots` on `source`. */
export function addChoroplethFill(map: MapLibreMap, prefix: string, source: string): void {
  addHatchPattern(map);
  addDotsPattern(map);
  const state = FS.state as unknown as ExpressionSpecification;
  const neutral: ExpressionSpecification = ['match', state, ['unknown', 'estimated'], true, false];
  map.addLayer({
    id: `${prefix}-fill`,
    type: 'fill',
    source,
    paint: { 'fill-color': FS.color as unknown as ExpressionSpecification, 'fill-opacity': ['case', neutral, 0.92, FILL_OPACITY] },
  });
  map.addLayer({
    id: `${prefix}-hatch`,
    type: 'fill',
    source,
    paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': ['case', ['==', state, 'unknown'], 0.8, 0] },
  });
  map.addLayer({
    id: `${prefix}-dots`,
    type: 'fill',
    source,
    paint: { 'fill-pattern': DOTS_IMAGE, 'fill-opacity': ['case', FS.estimated as unknown as ExpressionSpecification, 0.9, 0] },
  });
}
