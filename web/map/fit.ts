// Fit the map to the commune, leaving room for the side panel that floats over the map.
import type { Map as MapLibreMap, PaddingOptions } from 'maplibre-gl';
import type { Commune } from '../api/types.ts';
import { bboxOf } from './bounds.ts';

/** Padding that keeps the commune clear of the panel (left column on wide screens, bottom sheet on narrow). */
export function paddingFor(map: MapLibreMap, panel: HTMLElement | null): PaddingOptions {
  const base = 28;
  let left = base;
  // Keep the commune clear of the attribution/scale in the bottom-right corner too.
  const corner = map.getContainer().querySelector<HTMLElement>('.maplibregl-ctrl-bottom-right');
  let bottom = Math.max(base + 16, (corner?.offsetHeight ?? 0) + 12);
  if (panel) {
    const box = map.getContainer().getBoundingClientRect();
    const r = panel.getBoundingClientRect();
    if (r.width < box.width * 0.6) left = Math.max(base, r.right - box.left + base);
    else bottom = Math.max(bottom, box.bottom - r.top + base);
  }
  return { top: base, right: base + 12, bottom, left };
}

/** Fit the view to the commune's bounding box, without animation. */
export function fitToCommune(map: MapLibreMap, commune: Commune, panel: HTMLElement | null): void {
  const [w, s, e, n] = bboxOf(commune.geometry);
  map.fitBounds([[w, s], [e, n]], { padding: paddingFor(map, panel), animate: false });
}
