import { describe, it, expect } from 'vitest';
import type { Polygon } from 'geojson';
import { boundaryOverlaps } from './boundary-overlaps.ts';
import { geodesicAreaKm2 } from './geodesic-area.ts';

const square = (x: number, y: number, h: number): Polygon =>
  ({ type: 'Polygon', coordinates: [[[x - h, y - h], [x + h, y - h], [x + h, y + h], [x - h, y + h], [x - h, y - h]]] });

describe('boundaryOverlaps', () => {
  it('reports every pair of 7 identical boundaries, each with the whole area shared', () => {
    const g = square(104.9, 21.2, 0.002);
    const overlaps = boundaryOverlaps(Array.from({ length: 7 }, (_, i) => ({ id: `b${i}`, geometry: g })));
    expect(overlaps).toHaveLength(21);
    const whole = geodesicAreaKm2(g) * 1e6;
    for (const o of overlaps) expect(o.areaM2).toBeCloseTo(whole, -1);
  });

  it('gives the shared part of two boundaries that overlap by a quarter', () => {
    const [o] = boundaryOverlaps([{ id: 'a', geometry: square(104.9, 21.2, 0.002) }, { id: 'b', geometry: square(104.902, 21.202, 0.002) }]);
    expect(o).toMatchObject({ a: 'a', b: 'b' });
    expect(o.areaM2).toBeCloseTo(geodesicAreaKm2(square(104.901, 21.201, 0.001)) * 1e6, -1);
  });

  it('finds none between neighbours that share an edge or lie apart', () => {
    const parts = [
      { id: 'a', geometry: square(104.9, 21.2, 0.002) },
      { id: 'b', geometry: square(104.904, 21.2, 0.002) }, // shares a's east edge
      { id: 'c', geometry: square(105.0, 21.3, 0.002) },
    ];
    expect(boundaryOverlaps(parts)).toEqual([]);
  });
});
