import type { Position } from 'geojson';

/** A plane in kilometres around a reference point (equirectangular): good to ~0.1% over a commune. */
export interface LocalProjection {
  forward(p: Position): [number, number];
  inverse(p: [number, number]): [number, number];
}

/** Equirectangular projection centred on [lon0, lat0]. It is affine, so straight lines stay straight both ways. */
export function localProjection([lon0, lat0]: Position): LocalProjection {
  const rad = (lat0 * Math.PI) / 180;
  const kx = 111.32 * Math.cos(rad);
  const ky = 110.574;
  return {
    forward: ([lon, lat]) => [(lon - lon0) * kx, (lat - lat0) * ky],
    inverse: ([x, y]) => [lon0 + x / kx, lat0 + y / ky],
  };
}
