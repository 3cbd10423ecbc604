import { booleanPointInPolygon, kinks } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** What is wrong with a polygon someone sent, in Vietnamese and English (null: nothing). */
export interface PolygonProblem { vi: string; en: string; selfIntersecting?: boolean }

const problem = (vi: string, en: string): PolygonProblem => ({ vi, en });

/** A [lon, lat] or [lon, lat, altitude] of finite numbers, lon in [-180, 180], lat in [-90, 90]. */
function isPosition(p: unknown): p is Position {
  return Array.isArray(p) && (p.length === 2 || p.length === 3) && p.every((n) => typeof n === 'number' && Number.isFinite(n))
    && Math.abs(p[0] as number) <= 180 && Math.abs(p[1] as number) <= 90;
}

/**
 * Whether a ring encloses next to nothing: its planar area (shoelace, taken about its first position to keep
 * rounding small) is below a billionth of its bounding box, as for points on one line that double back.
 */
function isSliver(ring: Position[]): boolean {
  const [x0, y0] = ring[0];
  let s = 0, minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 1; i < ring.length; i++) {
    const [ax, ay, bx, by] = [ring[i - 1][0] - x0, ring[i - 1][1] - y0, ring[i][0] - x0, ring[i][1] - y0];
    s += ax * by - bx * ay;
    minX = Math.min(minX, bx); minY = Math.min(minY, by); maxX = Math.max(maxX, bx); maxY = Math.max(maxY, by);
  }
  const box = (maxX - minX) ** 2 + (maxY - minY) ** 2;
  return box === 0 || Math.abs(s / 2) < box * 1e-9;
}

/**
 * Checks a GeoJSON Polygon or MultiPolygon strictly, in about linear time before the one superlinear
 * test (self-intersection): coordinates nested as the type says, positions of finite numbers in range,
 * rings closed with at least four positions and some area, at most `maxPositions` positions, no
 * self-intersection, holes inside their shell and parts outside each other.
 * Turf's booleanValid accepts strings and nulls as coordinates and is quadratic, so it is not used.
 * Winding is not checked: RFC 7946 §3.1.6 asks parsers not to reject either orientation.
 */
export function polygonProblem(geometry: unknown, maxPositions: number): PolygonProblem | null {
  const type = (geometry as { type?: unknown })?.type;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    return problem('cần GeoJSON Polygon hoặc MultiPolygon', 'a GeoJSON Polygon or MultiPolygon is needed');
  }
  const coordinates = (geometry as { coordinates?: unknown }).coordinates;
  const polygons = (type === 'Polygon' ? [coordinates] : coordinates) as unknown;
  if (!Array.isArray(polygons) || polygons.length === 0) return problem('không có toạ độ', 'it has no coordinates');
  let count = 0;
  for (const rings of polygons) {
    if (!Array.isArray(rings) || rings.length === 0) return problem('đa giác không có vòng nào', 'a polygon has no ring');
    for (const ring of rings) {
      if (!Array.isArray(ring)) return problem('vòng không phải danh sách toạ độ', 'a ring is not a list of positions');
      count += ring.length;
      if (count > maxPositions) {
        return problem(`quá nhiều điểm (tối đa ${maxPositions})`, `too many positions (at most ${maxPositions})`);
      }
      if (!ring.every(isPosition)) {
        return problem('toạ độ phải là [kinh độ, vĩ độ] bằng số hữu hạn trong phạm vi',
          'positions must be [lon, lat] of finite numbers within [-180, 180] and [-90, 90]');
      }
      if (ring.length < 4) return problem('vòng cần ít nhất 4 điểm', 'a ring needs at least 4 positions');
      const [first, last] = [ring[0] as Position, ring[ring.length - 1] as Position];
      if (first[0] !== last[0] || first[1] !== last[1]) return problem('vòng chưa khép (điểm cuối khác điểm đầu)', 'a ring is not closed (last position differs from the first)');
    }
  }
  if (kinks({ type, coordinates } as Polygon | MultiPolygon).features.length > 0) return { ...problem('tự cắt', 'intersects itself'), selfIntersecting: true };
  const parts = (type === 'Polygon' ? [coordinates] : coordinates) as Position[][][];
  if (parts.some((rings) => rings.some(isSliver))) return problem('có vòng không có diện tích', 'a ring encloses no area');
  // Without crossings, one vertex tells whether a ring lies inside another.
  for (const rings of parts) {
    const shell: Polygon = { type: 'Polygon', coordinates: [rings[0]] };
    if (rings.slice(1).some((hole) => !booleanPointInPolygon(hole[0], shell))) return problem('có lỗ nằm ngoài vòng ngoài', 'a hole lies outside its outer ring');
  }
  for (let i = 0; i < parts.length; i++) {
    for (let j = 0; j < parts.length; j++) {
      if (i !== j && booleanPointInPolygon(parts[i][0][0], { type: 'Polygon', coordinates: [parts[j][0]] }, { ignoreBoundary: true })) {
        return problem('các phần của MultiPolygon chồng lên nhau', 'parts of the MultiPolygon overlap');
      }
    }
  }
  return null;
}

/** The same polygon with positions cut to [lon, lat] (altitudes dropped): what is stored. */
export function flatPolygon<T extends Polygon | MultiPolygon>(g: T): T {
  const flat = (ring: Position[]) => ring.map((p) => [p[0], p[1]]);
  return (g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(flat) }
    : { type: 'MultiPolygon', coordinates: (g as MultiPolygon).coordinates.map((rings) => rings.map(flat)) }) as T;
}
