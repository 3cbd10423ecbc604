import geodesic from 'geographiclib-geodesic';
import type { MultiPolygon, Polygon, Position } from 'geojson';

const WGS84 = geodesic.Geodesic.WGS84;

/** Area in m² enclosed by one ring on the WGS84 ellipsoid (orientation ignored). */
function ringAreaM2(ring: Position[]): number {
  const p = WGS84.Polygon(false);
  // The closing position repeats the first; geographiclib closes the ring itself.
  for (const [lon, lat] of ring.slice(0, -1)) p.AddPoint(lat, lon);
  return Math.abs(p.Compute(false, true).area ?? NaN);
}

/**
 * Area in km² on the WGS84 ellipsoid (Karney's algorithm, as PostGIS `geography` measures):
 * outer rings minus holes. turf.area works on a sphere and reads about 0.3% high at this latitude.
 */
export function geodesicAreaKm2(g: Polygon | MultiPolygon): number {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let m2 = 0;
  for (const [outer, ...holes] of polygons) {
    m2 += ringAreaM2(outer) - holes.reduce((s, h) => s + ringAreaM2(h), 0);
  }
  return m2 / 1e6;
}
