// A scale bar's length and label for the map's current zoom at its centre latitude.
import type { Map as MapLibreMap } from 'maplibre-gl';

/** Metres per CSS pixel at the map centre (web mercator, 512-px tiles). */
export function metresPerPixel(map: MapLibreMap): number {
  const lat = map.getCenter().lat;
  return (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
}

/** The longest "nice" distance (1, 2 or 5 × 10ⁿ m) whose bar fits in `maxPx` CSS pixels. */
export function scaleBar(map: MapLibreMap, maxPx = 120): { px: number; metres: number; label: string } {
  const mpp = metresPerPixel(map);
  const max = mpp * maxPx;
  const pow = 10 ** Math.floor(Math.log10(max));
  const metres = [5, 2, 1].map((m) => m * pow).find((m) => m <= max) ?? pow;
  return { px: metres / mpp, metres, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}
