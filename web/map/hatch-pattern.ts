// The hatch that marks "unknown at bản level": drawn on a canvas at runtime and registered with
// map.addImage, so no sprite has to be fetched. Grey, so it never reads as a value colour.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { palette } from './palette.ts';

/** Image id of the hatch in the map style. */
export const HATCH_IMAGE = 'hatch-unknown';

/** Tile size in CSS pixels; the pattern repeats seamlessly at this period. */
const SIZE = 10;

/** Draw one tile of 45° hatching (lines wrap across tile edges so tiles join without seams). */
export function drawHatch(pixelRatio: number): ImageData {
  const px = Math.round(SIZE * pixelRatio);
  const canvas = document.createElement('canvas');
  canvas.width = px;
  canvas.height = px;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable for the hatch pattern');
  ctx.strokeStyle = palette.hatchLine;
  ctx.lineWidth = 1.2 * pixelRatio;
  ctx.lineCap = 'square';
  ctx.beginPath();
  for (const offset of [-px, 0, px]) {
    ctx.moveTo(offset, px);
    ctx.lineTo(offset + px, 0);
  }
  ctx.stroke();
  return ctx.getImageData(0, 0, px, px);
}

/** Register the hatch image on the map (idempotent). */
export function addHatchPattern(map: MapLibreMap): void {
  if (map.hasImage(HATCH_IMAGE)) return;
  const pixelRatio = Math.max(1, Math.round(window.devicePixelRatio || 1));
  map.addImage(HATCH_IMAGE, drawHatch(pixelRatio), { pixelRatio });
}

/** The same hatch as CSS, for legend swatches. */
export const HATCH_CSS = `repeating-linear-gradient(-45deg, ${palette.hatchLine} 0 1.2px, ${palette.unknownFill} 1.2px ${SIZE / Math.SQRT2}px)`;
