import { centroid as turfCentroid } from '@turf/turf';
import { geodesicAreaKm2 } from './geodesic-area.ts';
import * as polyclip from 'polyclip-ts';
import type { MultiPolygon, Position } from 'geojson';
import { balancedPowerDiagram, type BalancedSiteInput } from './balanced-power-diagram.ts';
import { localProjection, type LocalProjection } from './local-projection.ts';
import { powerCells } from './power-cells.ts';
import { samplePolygon } from './sample-polygon.ts';

export interface ZoneInput {
  id: string;
  /** Land area the zone should get (km²); zones share the commune in these proportions. */
  targetAreaKm2: number;
  villages: Array<{ id: string; centre: Position | null }>;
}

export interface PartCell {
  id: string;
  geometry: MultiPolygon;
  areaKm2: number;
  /** The site the cell was grown from: the known centre, or the generated one. */
  site: [number, number];
  siteKnown: boolean;
}

export interface CommunePartition {
  zones: PartCell[];
  villages: Array<PartCell & { zone: string }>;
  method: string;
}

export const PARTITION_METHOD =
  'Schematic: capacity-constrained centroidal power diagram (deterministic). Zones take the commune in ' +
  'proportion to the former communes\' land areas; each zone is split into one compact cell per bản. ' +
  'Known bản centres are kept fixed and the cells grow around them.';

/**
 * Split a commune polygon into former-commune zones and bản cells (SCHEMATIC geometry).
 * The cells tile the commune exactly: power cells are clipped to the zone, zones to the commune.
 */
export function partitionCommune(commune: MultiPolygon, zones: ZoneInput[], stepKm = 0.15): CommunePartition {
  const origin = turfCentroid(commune).geometry.coordinates;
  const proj = localProjection(origin);
  const points = samplePolygon(commune, proj, stepKm);
  const pointArea = stepKm * stepKm;

  const zoneInputs: BalancedSiteInput[] = zones.map((z) => {
    const known = z.villages.filter((v) => v.centre).map((v) => proj.forward(v.centre!));
    return { share: z.targetAreaKm2, fixed: known.length ? mean(known) : undefined };
  });
  const zoneSites = balancedPowerDiagram(points, pointArea, zoneInputs);
  const box = boundingBox(points, 50);
  const zoneCells = powerCells(zoneSites, box);

  const outZones: PartCell[] = [];
  const outVillages: CommunePartition['villages'] = [];
  zones.forEach((zone, zi) => {
    const zoneGeom = clip(commune, zoneCells[zi], proj);
    outZones.push(cell(zone.id, zoneGeom, zoneSites[zi], proj, zoneInputs[zi].fixed !== undefined));
    const own = points.filter(([x, y]) => owns(zoneSites, zi, x, y));
    const inputs: BalancedSiteInput[] = zone.villages.map((v) => ({ share: 1, fixed: v.centre ? proj.forward(v.centre) : undefined }));
    const sites = balancedPowerDiagram(own, pointArea, inputs);
    const cells = powerCells(sites, box);
    zone.villages.forEach((v, vi) => {
      const g = clipTo(zoneGeom, cells[vi], proj);
      outVillages.push({ ...cell(v.id, g, sites[vi], proj, v.centre !== null), zone: zone.id });
    });
  });
  return { zones: outZones, villages: outVillages, method: PARTITION_METHOD };
}

function owns(sites: ReturnType<typeof balancedPowerDiagram>, i: number, x: number, y: number): boolean {
  const d = (s: (typeof sites)[number]) => (x - s.x) ** 2 + (y - s.y) ** 2 - s.weight;
  const di = d(sites[i]);
  return sites.every((s, j) => j === i || di < d(s) || (di === d(s) && i < j));
}

function cell(id: string, geometry: MultiPolygon, site: { x: number; y: number }, proj: LocalProjection, known: boolean): PartCell {
  return { id, geometry, areaKm2: geodesicAreaKm2(geometry), site: proj.inverse([site.x, site.y]), siteKnown: known };
}

function clip(shape: MultiPolygon, planeCell: Array<[number, number]>, proj: LocalProjection): MultiPolygon {
  return clipTo(shape, planeCell, proj);
}

/** Intersect a shape with a convex plane cell (converted back to lon/lat). */
function clipTo(shape: MultiPolygon, planeCell: Array<[number, number]>, proj: LocalProjection): MultiPolygon {
  if (planeCell.length < 3) return { type: 'MultiPolygon', coordinates: [] };
  const ring = planeCell.map((p) => proj.inverse(p));
  ring.push(ring[0]);
  const coords = polyclip.intersection(shape.coordinates as polyclip.Geom, [ring] as polyclip.Geom);
  return { type: 'MultiPolygon', coordinates: coords };
}

function mean(ps: Array<[number, number]>): [number, number] {
  return [ps.reduce((s, p) => s + p[0], 0) / ps.length, ps.reduce((s, p) => s + p[1], 0) / ps.length];
}

function boundingBox(points: Array<[number, number]>, margin: number): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of points) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
  return [x0 - margin, y0 - margin, x1 + margin, y1 + margin];
}
