// Bounding boxes of GeoJSON geometries, for fitting the map to the commune.
import type { Geometry, Position } from 'geojson';

/** [west, south, east, north]. */
export type BBox = [number, number, number, number];

function eachPosition(geometry: Geometry, visit: (p: Position) => void): void {
  switch (geometry.type) {
    case 'Point': visit(geometry.coordinates); break;
    case 'MultiPoint':
    case 'LineString': geometry.coordinates.forEach(visit); break;
    case 'MultiLineString':
    case 'Polygon': geometry.coordinates.forEach((ring) => ring.forEach(visit)); break;
    case 'MultiPolygon': geometry.coordinates.forEach((poly) => poly.forEach((ring) => ring.forEach(visit))); break;
    case 'GeometryCollection': geometry.geometries.forEach((g) => eachPosition(g, visit)); break;
  }
}

/** Bounding box of a geometry. */
export function bboxOf(geometry: Geometry): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  eachPosition(geometry, ([x, y]) => {
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  });
  return box;
}

/** Whether a lon/lat lies inside a bounding box. */
export function bboxContains([w, s, e, n]: BBox, [x, y]: [number, number]): boolean {
  return x >= w && x <= e && y >= s && y <= n;
}

/** Area-weighted centroid of the largest outer ring; good enough to place a faded neighbour's name. */
export function labelPoint(geometry: Geometry): [number, number] | null {
  const rings: Position[][] =
    geometry.type === 'Polygon' ? [geometry.coordinates[0]]
    : geometry.type === 'MultiPolygon' ? geometry.coordinates.map((p) => p[0])
    : [];
  let best: { area: number; c: [number, number] } | null = null;
  for (const ring of rings) {
    let a = 0, cx = 0, cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      a += f;
      cx += (ring[j][0] + ring[i][0]) * f;
      cy += (ring[j][1] + ring[i][1]) * f;
    }
    if (a === 0) continue;
    const area = Math.abs(a / 2);
    if (!best || area > best.area) best = { area, c: [cx / (3 * a), cy / (3 * a)] };
  }
  return best?.c ?? null;
}
