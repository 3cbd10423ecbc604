// The fill of a choropleth on one source: colour from feature-state, the grey hatch where the value
// is unknown and dots where it is estimated. fill-pattern cannot read feature-state, so each pattern
// is its own layer whose opacity feature-state switches on.
import type { ExpressionSpecification, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { addDotsPattern, DOTS_IMAGE } from '../dots-pattern.ts';
import { addHatchPattern, HATCH_IMAGE } from '../hatch-pattern.ts';
import { FS } from './types.ts';

/** Opacity of value fills: strong enough to read, light enough to keep labels legible. */
export const FILL_OPACITY = 0.78;
/** Opacity of an estimated value's fill in the first paint, before its dots are drawn: paler than a reported one. */
const ESTIMATED_FIRST_PAINT_OPACITY = 0.4;

/**
 * The fill's opacity. Unknown and estimated yes/no values have neutral colours of their own; in the first paint
 * (`firstPaint`: no pattern layer yet) an estimated number is also paler, so no estimate reads as a reported value.
 */
export function choroplethFillOpacity(firstPaint: boolean): ExpressionSpecification {
  const state = FS.state as unknown as ExpressionSpecification;
  const neutral: ExpressionSpecification = ['match', state, ['unknown', 'estimated'], true, false];
  if (!firstPaint) return ['case', neutral, 0.92, FILL_OPACITY];
  return ['case', neutral, 0.92, FS.estimated as unknown as ExpressionSpecification, ESTIMATED_FIRST_PAINT_OPACITY, FILL_OPACITY];
}

/** `<prefix>-fill` (drawn in the first paint), `<prefix>-hatch` and `<prefix>-dots` on `source`. */
export function choroplethFillLayers(prefix: string, source: string): LayerSpecification[] {
  const state = FS.state as unknown as ExpressionSpecification;
  return [
    { id: `${prefix}-fill`, type: 'fill', source, paint: { 'fill-color': FS.color as unknown as ExpressionSpecification, 'fill-opacity': choroplethFillOpacity(true) } },
    { id: `${prefix}-hatch`, type: 'fill', source, paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': ['case', ['==', state, 'unknown'], 0.8, 0] } },
    { id: `${prefix}-dots`, type: 'fill', source, paint: { 'fill-pattern': DOTS_IMAGE, 'fill-opacity': ['case', FS.estimated as unknown as ExpressionSpecification, 0.9, 0] } },
  ];
}

/** The patterns of the choropleth fills (registered once per map). */
export function addChoroplethPatterns(map: MapLibreMap): void {
  addHatchPattern(map);
  addDotsPattern(map);
}
