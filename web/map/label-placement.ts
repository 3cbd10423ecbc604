// Where to put a former commune's label: inside its zone, clear of the bản labels and of the
// zone's edge (a small polylabel with obstacles, in screen pixels).

export type Px = [number, number];

/** A label box: centre and half-sizes, in pixels. */
export interface Box {
  x: number;
  y: number;
  hw: number;
  hh: number;
}

function inside([x, y]: Px, rings: Px[][]): boolean {
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

/** Distance from the box (hw, hh) centred at p to a segment, approximated by sampling the segment. */
function boxSegmentGap(p: Px, hw: number, hh: number, a: Px, b: Px): number {
  let gap = Infinity;
  const n = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / 4));
  for (let k = 0; k <= n; k++) {
    const x = a[0] + ((b[0] - a[0]) * k) / n, y = a[1] + ((b[1] - a[1]) * k) / n;
    gap = Math.min(gap, Math.max(Math.abs(x - p[0]) - hw, Math.abs(y - p[1]) - hh));
  }
  return gap;
}

/** What covering a label costs a candidate spot, in pixels: more than any zone's edge can. */
const COVERS_A_LABEL = 1e6;

/**
 * Best centre for a label of half-size (hw, hh) inside `rings` (a polygon with holes, in pixels):
 * the inside point whose box keeps the largest gap to every obstacle box and to the zone's edge, a box clear of the
 * obstacles preferred to any that covers one.
 * Returns null when the polygon is empty.
 */
export function placeLabel(rings: Px[][], obstacles: Box[], hw: number, hh: number, steps = 36): Px | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) for (const [x, y] of ring) {
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  if (!isFinite(x0)) return null;
  let best: { p: Px; score: number } | null = null;
  for (let i = 0; i <= steps; i++) {
    for (let j = 0; j <= steps; j++) {
      const p: Px = [x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * j) / steps];
      if (!inside(p, rings)) continue;
      let score = Infinity;
      for (const o of obstacles) score = Math.min(score, Math.max(Math.abs(p[0] - o.x) - hw - o.hw, Math.abs(p[1] - o.y) - hh - o.hh));
      // Covering a label is worse than crossing the zone's edge: a box on a label ranks below every box clear
      // of the labels (a long label in a narrow zone may stick out of it, but it leaves the bản names readable).
      if (score < 0) score -= COVERS_A_LABEL;
      if (best && score <= best.score) continue;
      for (const ring of rings) {
        for (let k = 1; k < ring.length && score > (best?.score ?? -Infinity); k++) {
          // Cheap reject: segments far from the box cannot lower the score.
          const [a, b] = [ring[k - 1], ring[k]];
          const far = Math.min(Math.abs(a[0] - p[0]), Math.abs(b[0] - p[0])) - hw > score + Math.abs(a[0] - b[0]) ||
            Math.min(Math.abs(a[1] - p[1]), Math.abs(b[1] - p[1])) - hh > score + Math.abs(a[1] - b[1]);
          if (!far) score = Math.min(score, boxSegmentGap(p, hw, hh, a, b));
        }
      }
      if (!best || score > best.score) best = { p, score };
    }
  }
  return best?.p ?? null;
}
