// Fit the map to the commune, leaving room for the panels that float over the map
// (the side panel on the left, the legend card on the right; a bottom sheet on narrow screens).
import type { LngLatLike, Map as MapLibreMap, PaddingOptions } from 'maplibre-gl';
import type { Commune } from '../api/types.ts';
import { bboxOf } from './bounds.ts';

/** Padding that keeps the commune clear of the floating panels. */
export function paddingFor(map: MapLibreMap, panels: Array<HTMLElement | null>): PaddingOptions {
  return paddingIn(map.getContainer(), panels);
}

/** Padding within the map's container `container` (the first picture fits before the map exists). */
export function paddingIn(container: HTMLElement, panels: Array<HTMLElement | null>): { top: number; right: number; bottom: number; left: number } {
  const base = 28;
  const box = container.getBoundingClientRect();
  // Keep the commune clear of the attribution/scale in the bottom-right corner too.
  const corner = container.querySelector<HTMLElement>('.maplibregl-ctrl-bottom-right');
  const pad = { top: base, right: base + 12, bottom: Math.max(base + 16, (corner?.offsetHeight ?? 0) + 12), left: base };
  for (const panel of panels) {
    if (!panel || panel.offsetParent === null) continue;
    const r = panel.getBoundingClientRect();
    if (r.width >= box.width * 0.6) {
      // A sheet across the map: at the top (legend on a phone) or at the bottom (the panel on a phone).
      if (r.top - box.top < box.height / 3 && r.bottom - box.top < box.height / 2) pad.top = Math.max(pad.top, r.bottom - box.top + 8);
      else pad.bottom = Math.max(pad.bottom, box.bottom - r.top + base);
    }
    else if (r.left - box.left < box.width / 2) pad.left = Math.max(pad.left, r.right - box.left + base);
    else pad.right = Math.max(pad.right, box.right - r.left + base);
  }
  // Never leave less than a quarter of the width for the commune.
  const spare = box.width - pad.left - pad.right;
  if (spare < box.width / 4) pad.right = Math.max(base, box.width - pad.left - box.width / 4);
  return pad;
}

/** The camera that fits the commune's bounding box clear of `panels` (fitToCommune's). */
export function communeCamera(map: MapLibreMap, commune: Commune, panels: Array<HTMLElement | null>): { center: LngLatLike; zoom: number } | undefined {
  const [w, s, e, n] = bboxOf(commune.geometry);
  const camera = map.cameraForBounds([[w, s], [e, n]], { padding: paddingFor(map, panels) });
  return camera?.center !== undefined && camera.zoom !== undefined ? { center: camera.center, zoom: camera.zoom } : undefined;
}

/**
 * Whether the map shows `camera` already, to within half a pixel: a jump there would change nothing on screen but
 * still ask for a frame (one more frame before the first map is idle, on a software renderer 0.1–0.3 s).
 */
export function showsCamera(map: MapLibreMap, camera: { center: LngLatLike; zoom: number }): boolean {
  const at = map.project(map.getCenter());
  const to = map.project(camera.center);
  return Math.hypot(at.x - to.x, at.y - to.y) < 0.5 && Math.abs(map.getZoom() - camera.zoom) < 1e-3;
}

/** Fit the view to the commune's bounding box, without animation. */
export function fitToCommune(map: MapLibreMap, commune: Commune, panels: Array<HTMLElement | null>): void {
  const camera = communeCamera(map, commune, panels);
  if (camera) map.jumpTo(camera);
}
