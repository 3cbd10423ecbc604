// Web Mercator as MapLibre draws it (512-pixel tiles, no rotation or pitch), for the first picture: the camera
// fitBounds gives a box in a container with padding, and where a longitude/latitude lands on screen at a camera.
import type { BBox } from '../map/bounds.ts';

export interface PictureCamera { center: [number, number]; zoom: number }
export interface Padding { top: number; right: number; bottom: number; left: number }

const TILE = 512;
/** MapLibre's default largest zoom (fitBounds never goes beyond it). */
const MAX_ZOOM = 22;

/** Longitude, latitude → the unit square of Web Mercator (x east, y south). */
export function mercator([lng, lat]: readonly number[]): [number, number] {
  const sin = Math.sin((lat * Math.PI) / 180);
  return [(lng + 180) / 360, 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)];
}

function unmercator([x, y]: [number, number]): [number, number] {
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
  return [x * 360 - 180, lat];
}

/** The camera MapLibre's fitBounds (bearing 0, no offset) takes for `bbox` in a `width`×`height` container. */
export function fitCamera([w, s, e, n]: BBox, width: number, height: number, pad: Padding): PictureCamera {
  const [x0, y0] = mercator([w, n]);
  const [x1, y1] = mercator([e, s]);
  const scale = Math.min((width - pad.left - pad.right) / ((x1 - x0) * TILE), (height - pad.top - pad.bottom) / ((y1 - y0) * TILE));
  const zoom = Math.min(Math.log2(scale), MAX_ZOOM);
  const world = TILE * 2 ** zoom;
  const centre: [number, number] = [(x0 + x1) / 2 - (pad.left - pad.right) / 2 / world, (y0 + y1) / 2 - (pad.top - pad.bottom) / 2 / world];
  return { center: unmercator(centre), zoom };
}

/** Where a longitude/latitude is drawn, in pixels of a `width`×`height` container shown at `camera`. */
export function projector(camera: PictureCamera, width: number, height: number): (p: readonly number[]) => [number, number] {
  const world = TILE * 2 ** camera.zoom;
  const [cx, cy] = mercator(camera.center);
  return (p) => {
    const [x, y] = mercator(p);
    return [(x - cx) * world + width / 2, (y - cy) * world + height / 2];
  };
}
