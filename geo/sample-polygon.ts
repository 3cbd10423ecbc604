import type { MultiPolygon } from 'geojson';
import type { LocalProjection } from './local-projection.ts';

/** Grid points (plane km) inside a polygon, spaced `stepKm` apart: each stands for stepKm² of area. */
export function samplePolygon(geometry: MultiPolygon, projection: LocalProjection, stepKm: number): Array<[number, number]> {
  const rings = geometry.coordinates.flat().map((ring) => ring.map((p) => projection.forward(p)));
  let minY = Infinity, maxY = -Infinity, minX = Infinity;
  for (const ring of rings) for (const [x, y] of ring) { minY = Math.min(minY, y); maxY = Math.max(maxY, y); minX = Math.min(minX, x); }
  const points: Array<[number, number]> = [];
  // Scanline with even–odd crossings: exact and linear in the number of edges per row.
  for (let y = Math.floor(minY / stepKm) * stepKm + stepKm / 2; y < maxY; y += stepKm) {
    const xs: number[] = [];
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if ((yi > y) !== (yj > y)) xs.push(xi + ((y - yi) / (yj - yi)) * (xj - xi));
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const start = Math.ceil((xs[k] - minX) / stepKm - 0.5) * stepKm + minX + stepKm / 2;
      for (let x = start; x < xs[k + 1]; x += stepKm) points.push([x, y]);
    }
  }
  return points;
}
