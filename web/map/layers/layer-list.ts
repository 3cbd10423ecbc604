// The map's layers, bottom to top, and which of them a view shows: data only (no MapLibre), so the first picture
// (web/first-picture/) draws the first paint's layers from the same specs, in the same order.
import type { Level } from '../../state/ui-state.ts';
import { communeLineLayer } from './commune-line.layer.ts';
import { formerCommuneFillLayer } from './former-commune-fill.layer.ts';
import { formerCommuneLinesLayer } from './former-commune-lines.layer.ts';
import { neighboursLayer } from './neighbours.layer.ts';
import { placesLinesLayer } from './places-lines.layer.ts';
import type { LayerSpec } from './types.ts';
import { villageFillLayer } from './village-fill.layer.ts';
import { villageHitLayer } from './village-hit.layer.ts';
import { villageHighlightLayer, villageLinesLayer } from './village-lines.layer.ts';
import { villageMarkedLayer } from './village-marked.layer.ts';
import { villageNotPublicLayer } from './village-not-public.layer.ts';

export const LAYERS: readonly LayerSpec[] = [
  neighboursLayer,
  formerCommuneFillLayer,
  villageFillLayer,
  villageHitLayer,
  villageLinesLayer,
  villageNotPublicLayer,
  formerCommuneLinesLayer,
  communeLineLayer,
  placesLinesLayer,
  villageMarkedLayer,
  villageHighlightLayer,
];

/** Whether a spec's layers show: its group not switched off, and at its level (the choropleth fills). */
export function layerVisible(spec: LayerSpec, level: Level, hidden: readonly string[]): boolean {
  return (!spec.group || !hidden.includes(spec.group)) && (!spec.level || spec.level === level);
}
