import type { PowerSite } from './power-cells.ts';

export interface BalancedSiteInput {
  /** Share of the area this site should get (shares are normalised to sum 1). */
  share: number;
  /** A known position (plane km): the site stays there. Without one, the site moves to the middle of its area. */
  fixed?: [number, number];
}

/**
 * A capacity-constrained centroidal power diagram on sample points: each site gets its share of the
 * points (area), free sites move to the centroid of what they own (compact cells), fixed sites stay.
 * Deterministic: no randomness, sites start on consecutive runs of the points along their main axis.
 */
export function balancedPowerDiagram(
  points: Array<[number, number]>,
  pointAreaKm2: number,
  inputs: BalancedSiteInput[],
  rounds = 40,
): PowerSite[] {
  const n = inputs.length;
  const total = inputs.reduce((s, i) => s + i.share, 0);
  const wanted = inputs.map((i) => (i.share / total) * points.length);
  const sites = initialSites(points, inputs, wanted);
  if (n === 1) return sites;
  const owner = new Int32Array(points.length);
  // Points and sites in flat typed arrays: the assignment below runs thousands of times over every point and
  // is most of the partition's time; tuples and site objects cost a pointer chase (and a getter) per distance.
  const px = Float64Array.from(points, (p) => p[0]);
  const py = Float64Array.from(points, (p) => p[1]);
  const sx = new Float64Array(n), sy = new Float64Array(n), sw = new Float64Array(n);
  const counts = new Float64Array(n);
  const assign = () => {
    for (let s = 0; s < n; s++) { sx[s] = sites[s].x; sy[s] = sites[s].y; sw[s] = sites[s].weight; }
    counts.fill(0);
    for (let p = 0; p < px.length; p++) {
      const x = px[p], y = py[p];
      let best = 0, bestD = Infinity;
      for (let s = 0; s < n; s++) {
        // powerDistance(sites[s], x, y), the same arithmetic in the same order (identical results).
        const d = (x - sx[s]) ** 2 + (y - sy[s]) ** 2 - sw[s];
        if (d < bestD) { bestD = d; best = s; }
      }
      owner[p] = best;
      counts[best]++;
    }
    return counts;
  };
  for (let round = 0; round < rounds; round++) {
    // Weights: raise the power of sites short of their share until every share is met (about).
    for (let step = 0; step < 60; step++) {
      const counts = assign();
      let worst = 0;
      for (let s = 0; s < n; s++) {
        const gap = (wanted[s] - counts[s]) / wanted[s];
        worst = Math.max(worst, Math.abs(gap));
        sites[s].weight += 0.3 * gap * wanted[s] * pointAreaKm2; // ~ the shift that closes the gap
      }
      if (worst < 0.002) break;
    }
    // Lloyd step: free sites move to the centroid of the area they own.
    const mx = new Float64Array(n), my = new Float64Array(n), c = new Float64Array(n);
    for (let p = 0; p < px.length; p++) { const o = owner[p]; mx[o] += px[p]; my[o] += py[p]; c[o]++; }
    for (let s = 0; s < n; s++) {
      if (!inputs[s].fixed && c[s] > 0) { sites[s].x = mx[s] / c[s]; sites[s].y = my[s] / c[s]; }
    }
  }
  assign();
  // Final weight polish after the last move.
  for (let step = 0; step < 200; step++) {
    let worst = 0;
    for (let s = 0; s < n; s++) {
      const gap = (wanted[s] - counts[s]) / wanted[s];
      worst = Math.max(worst, Math.abs(gap));
      sites[s].weight += 0.2 * gap * wanted[s] * pointAreaKm2;
    }
    if (worst < 0.002) break;
    assign();
  }
  return sites;
}

/** Starting sites: fixed ones where given; free ones at the middle of consecutive runs of points along the main axis. */
function initialSites(points: Array<[number, number]>, inputs: BalancedSiteInput[], wanted: number[]): PowerSite[] {
  const [ax, ay] = mainAxis(points);
  const order = points.map((p, i) => [p[0] * ax + p[1] * ay, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let start = 0;
  return inputs.map((input, s) => {
    const end = Math.min(points.length, Math.round(start + wanted[s]));
    let x = 0, y = 0;
    for (let k = start; k < end; k++) { x += points[order[k][1]][0]; y += points[order[k][1]][1]; }
    const count = Math.max(1, end - start);
    start = end;
    const [fx, fy] = input.fixed ?? [x / count, y / count];
    return { x: fx, y: fy, weight: 0 };
  });
}

/** Unit vector of the direction of greatest spread (principal axis) of the points. */
function mainAxis(points: Array<[number, number]>): [number, number] {
  let mx = 0, my = 0;
  for (const [x, y] of points) { mx += x; my += y; }
  mx /= points.length; my /= points.length;
  let sxx = 0, syy = 0, sxy = 0;
  for (const [x, y] of points) { sxx += (x - mx) ** 2; syy += (y - my) ** 2; sxy += (x - mx) * (y - my); }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  return [Math.cos(angle), Math.sin(angle)];
}
