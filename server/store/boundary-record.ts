import { bbox, booleanPointInPolygon, centroid, pointOnFeature } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { geodesicAreaKm2 } from '../../geo/geodesic-area.ts';
import type { CommunePartition } from '../../geo/partition-commune.ts';
import type { SourceRef } from '../../geo/seed-types.ts';
import type { BoundaryInput, BoundaryQuality } from './atlas-store.ts';

/** A point for the label: the centroid, or a point on the surface when the centroid falls outside. */
export function labelPoint(g: Polygon | MultiPolygon): [number, number] {
  const c = centroid(g).geometry.coordinates as [number, number];
  return booleanPointInPolygon(c, g) ? c : (pointOnFeature(g).geometry.coordinates as [number, number]);
}

/** A boundary with what the store keeps precomputed beside it: area on the WGS84 ellipsoid, label point, bbox. */
export function boundaryRecord(unitId: string, quality: BoundaryQuality, geometry: Polygon | MultiPolygon, source: SourceRef, method: string | null): BoundaryInput {
  return {
    unitId, quality, geometry, areaKm2: geodesicAreaKm2(geometry), centroid: labelPoint(geometry),
    bbox: bbox(geometry) as [number, number, number, number], source, method,
  };
}

/** The SCHEMATIC boundary records of a partition: its zones and its bản cells. */
export function schematicBoundaries(partition: CommunePartition): BoundaryInput[] {
  const generated: SourceRef = { doc: 'atlas-partition' };
  return [...partition.zones, ...partition.villages].map((c) => boundaryRecord(c.id, 'SCHEMATIC', c.geometry, generated, partition.method));
}
