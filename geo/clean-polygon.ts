import { cleanCoords } from '@turf/turf';
import * as polyclip from 'polyclip-ts';
import type { MultiPolygon, Polygon } from 'geojson';

/**
 * Valid MultiPolygon from a possibly self-intersecting (Multi)Polygon.
 * The official sapnhap polygons have kinks; a boolean union of the shape with itself
 * (the same sweep-line engine Turf's union uses) resolves them without changing the area.
 */
export function cleanPolygon(geometry: Polygon | MultiPolygon): MultiPolygon {
  const tidy = cleanCoords(geometry) as Polygon | MultiPolygon;
  const coords = tidy.type === 'Polygon' ? [tidy.coordinates] : tidy.coordinates;
  const merged = polyclip.union(coords as polyclip.Geom);
  return { type: 'MultiPolygon', coordinates: merged };
}
