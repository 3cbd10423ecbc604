import geodesic from 'geographiclib-geodesic';
import type { Position } from 'geojson';

const WGS84 = geodesic.Geodesic.WGS84;

/** Distance in km between two [lon, lat] points on the WGS84 ellipsoid (Karney's geodesics, exact to nanometres). */
export function geodesicDistanceKm([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  return (WGS84.Inverse(lat1, lon1, lat2, lon2).s12 ?? NaN) / 1000;
}
