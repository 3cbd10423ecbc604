import { describe, expect, it } from 'vitest';
import { area } from '@turf/turf';
import type { Polygon } from 'geojson';
import { geodesicAreaKm2 } from './geodesic-area.ts';

// Closed form for the area between two parallels on the WGS84 ellipsoid (via the authalic
// latitude): an independent check on geographiclib for boxes small enough that geodesic edges and
// parallels enclose the same area to well under a millionth.
const a = 6378137, f = 1 / 298.257223563, b = a * (1 - f), e = Math.sqrt(f * (2 - f));
const q = (deg: number) => {
  const s = Math.sin((deg * Math.PI) / 180);
  return s / (1 - e * e * s * s) + Math.log((1 + e * s) / (1 - e * s)) / (2 * e);
};
const quadrangleKm2 = (lon1: number, lat1: number, lon2: number, lat2: number) =>
  (((lon2 - lon1) * Math.PI) / 180) * (b * b / 2) * (q(lat2) - q(lat1)) / 1e6;
const box = (lon1: number, lat1: number, lon2: number, lat2: number): number[][] =>
  [[lon1, lat1], [lon2, lat1], [lon2, lat2], [lon1, lat2], [lon1, lat1]];

describe('geodesicAreaKm2', () => {
  it('agrees with the closed-form ellipsoidal area of a small box at the commune\'s latitude', () => {
    const g: Polygon = { type: 'Polygon', coordinates: [box(104.70, 21.20, 104.71, 21.21)] };
    const exact = quadrangleKm2(104.70, 21.20, 104.71, 21.21);
    expect(Math.abs(geodesicAreaKm2(g) - exact) / exact).toBeLessThan(1e-6);
    // The sphere reads high here; that is why areas are not taken from turf.area.
    expect(area(g) / 1e6 / exact - 1).toBeGreaterThan(0.002);
  });

  it('subtracts holes, ignores ring orientation and adds the parts of a MultiPolygon', () => {
    const outer = box(104.70, 21.20, 104.72, 21.22);
    const hole = box(104.705, 21.205, 104.71, 21.21);
    const whole = quadrangleKm2(104.70, 21.20, 104.72, 21.22);
    const holeArea = quadrangleKm2(104.705, 21.205, 104.71, 21.21);
    const withHole = geodesicAreaKm2({ type: 'Polygon', coordinates: [outer, hole] });
    expect(Math.abs(withHole - (whole - holeArea)) / whole).toBeLessThan(1e-6);
    expect(geodesicAreaKm2({ type: 'Polygon', coordinates: [[...outer].reverse()] })).toBeCloseTo(geodesicAreaKm2({ type: 'Polygon', coordinates: [outer] }), 9);
    const two = geodesicAreaKm2({ type: 'MultiPolygon', coordinates: [[outer], [box(104.80, 21.20, 104.82, 21.22)]] });
    expect(Math.abs(two - 2 * whole) / whole).toBeLessThan(1e-6);
  });
});
