// The dots that mark an estimated value: drawn on a canvas and registered with map.addImage
// (no sprite to fetch). Dark grey dots read as "estimate" over any fill.
import type { Map as MapLibreMap } from 'maplibre-gl';

export const DOTS_IMAGE = 'dots-estimated';
const SIZE = 8;
const DOT = '#4a5459';

/** Draw one tile with two offset dots (a staggered grid once tiled). */
export function drawDots(pixelRatio: number): ImageData {
  const px = Math.round(SIZE * pixelRatio);
  const canvas = document.createElement('canvas');
  canvas.width = px;
  canvas.height = px;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable for the dots pattern');
  ctx.fillStyle = DOT;
  for (const [x, y] of [[0.25, 0.25], [0.75, 0.75]]) {
    ctx.beginPath();
    ctx.arc(x * px, y * px, 1.1 * pixelRatio, 0, Math.PI * 2);
    ctx.fill();
  }
  return ctx.getImageData(0, 0, px, px);
}

/** Register the dots image on the map (idempotent). */
export function addDotsPattern(map: MapLibreMap): void {
  if (map.hasImage(DOTS_IMAGE)) return;
  const pixelRatio = Math.max(1, Math.round(window.devicePixelRatio || 1));
  map.addImage(DOTS_IMAGE, drawDots(pixelRatio), { pixelRatio });
}

/** The same dots as CSS, for legend swatches. */
export const DOTS_CSS = `radial-gradient(circle, ${DOT} 1.1px, transparent 1.5px) 0 0 / ${SIZE / 2}px ${SIZE / 2}px, #fbfaf5`;
