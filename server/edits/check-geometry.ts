import { area, intersect, featureCollection } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { flatPolygon, polygonProblem } from '../../geo/polygon-problem.ts';
import { AtlasError } from '../errors.ts';

/** Why a geometry was refused: a stable code in the error (extensions.reason), for imports and API clients. */
export type GeometryReason = 'SWAPPED_LAT_LON' | 'OUTSIDE_COMMUNE' | 'SELF_INTERSECTION' | 'INVALID_GEOMETRY';

function refuse(field: string, reason: GeometryReason, vi: string, en: string): AtlasError {
  return new AtlasError('BAD_USER_INPUT', `${vi} / ${en}`, { field, reason });
}

/** Positions a surveyed boundary may have (a GPS track of a bản every few metres fits); the checks are superlinear. */
export const BOUNDARY_MAX_POSITIONS = 5000;

/** Whether a [lon, lat] pair looks written the other way round (lat first) for a place at this longitude. */
function looksSwapped([a, b]: number[], near: [number, number]): boolean {
  return Math.abs(a - near[1]) < 5 && Math.abs(b - near[0]) < 5 && Math.abs(a - near[0]) > 5;
}

/** A point an officer gives: finite, in range, not lat/lon swapped, inside the commune. */
export function checkPoint(field: string, lonLat: [number, number], inside: (p: [number, number]) => boolean, near: [number, number]) {
  const [lon, lat] = lonLat;
  if (looksSwapped(lonLat, near)) {
    throw refuse(field, 'SWAPPED_LAT_LON', `Toạ độ [${lon}, ${lat}] có vẻ bị đảo (vĩ độ trước kinh độ); cần [kinh độ, vĩ độ]`,
      `[${lon}, ${lat}] looks swapped (latitude first); give [longitude, latitude]`);
  }
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw refuse(field, 'INVALID_GEOMETRY', `Toạ độ [${lon}, ${lat}] không hợp lệ`, `[${lon}, ${lat}] is not a [lon, lat] position`);
  }
  if (!inside(lonLat)) {
    throw refuse(field, 'OUTSIDE_COMMUNE', `Điểm [${lon}, ${lat}] nằm ngoài xã`, `[${lon}, ${lat}] lies outside the commune`);
  }
}

/** A boundary an officer gives: a valid, non-self-intersecting (Multi)Polygon lying inside the commune. */
export function checkBoundary(field: string, geometry: unknown, commune: MultiPolygon, near: [number, number]): Polygon | MultiPolygon {
  const g = (geometry as Feature)?.type === 'Feature' ? (geometry as Feature).geometry : geometry;
  const type = (g as { type?: string })?.type;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    throw refuse(field, 'INVALID_GEOMETRY', 'Ranh giới phải là GeoJSON Polygon hoặc MultiPolygon', 'The boundary must be a GeoJSON Polygon or MultiPolygon');
  }
  const coords = (g as { coordinates?: unknown }).coordinates;
  const first = (type === 'Polygon' ? (coords as unknown[][])?.[0]?.[0] : (coords as unknown[][][])?.[0]?.[0]?.[0]) as number[] | undefined;
  if (Array.isArray(first) && looksSwapped(first, near)) {
    throw refuse(field, 'SWAPPED_LAT_LON', 'Toạ độ ranh giới có vẻ bị đảo (vĩ độ trước kinh độ)', 'The boundary coordinates look swapped (latitude first)');
  }
  const problem = polygonProblem(g, BOUNDARY_MAX_POSITIONS);
  if (problem?.selfIntersecting) throw refuse(field, 'SELF_INTERSECTION', 'Ranh giới tự cắt', 'The boundary intersects itself');
  if (problem) throw refuse(field, 'INVALID_GEOMETRY', `Ranh giới không hợp lệ: ${problem.vi}`, `The boundary is not valid GeoJSON: ${problem.en}`);
  const poly = flatPolygon(g as Polygon | MultiPolygon);
  const total = area(poly);
  const inside = intersect(featureCollection([{ type: 'Feature', properties: {}, geometry: poly }, { type: 'Feature', properties: {}, geometry: commune }]));
  // 1% slack: a surveyed line may run a few metres outside the official one along the commune edge.
  if (!inside || area(inside) < total * 0.99) throw refuse(field, 'OUTSIDE_COMMUNE', 'Ranh giới nằm ngoài xã', 'The boundary lies (partly) outside the commune');
  return poly;
}
