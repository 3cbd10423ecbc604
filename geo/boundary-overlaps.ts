import { bbox, feature, featureCollection, intersect } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { geodesicAreaKm2 } from './geodesic-area.ts';

export interface BoundaryPart {
  id: string;
  geometry: Polygon | MultiPolygon;
}

export interface BoundaryOverlap {
  /** The two boundaries, in the order given. */
  a: string;
  b: string;
  /** Area they share, in m² on the WGS84 ellipsoid. */
  areaM2: number;
}

/** Below this, two boundaries that share an edge only touch: floating-point slivers, not an overlap. */
export const OVERLAP_MIN_M2 = 1;

/** Every pair of boundaries that share more than `minAreaM2` of ground, with the area shared. */
export function boundaryOverlaps(parts: BoundaryPart[], minAreaM2 = OVERLAP_MIN_M2): BoundaryOverlap[] {
  const boxes = parts.map((p) => bbox(p.geometry));
  const overlaps: BoundaryOverlap[] = [];
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a[2] < b[0] || b[2] < a[0] || a[3] < b[1] || b[3] < a[1]) continue; // boxes apart: no shared ground
      const shared = intersect(featureCollection([feature(parts[i].geometry), feature(parts[j].geometry)]));
      if (!shared) continue;
      const areaM2 = geodesicAreaKm2(shared.geometry) * 1e6;
      if (areaM2 > minAreaM2) overlaps.push({ a: parts[i].id, b: parts[j].id, areaM2 });
    }
  }
  return overlaps;
}
