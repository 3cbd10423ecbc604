/** A weighted site of a power diagram, in plane coordinates (km). */
export interface PowerSite {
  x: number;
  y: number;
  weight: number;
}

type Pt = [number, number];

/** Power distance: squared distance less the site's weight. The site with the least one owns the point. */
export function powerDistance(site: PowerSite, x: number, y: number): number {
  return (x - site.x) ** 2 + (y - site.y) ** 2 - site.weight;
}

/** Keep the part of a convex polygon where a·p <= b (Sutherland–Hodgman against one line). */
function clipHalfPlane(poly: Pt[], ax: number, ay: number, b: number): Pt[] {
  const out: Pt[] = [];
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i];
    const q = poly[(i + 1) % poly.length];
    const fp = ax * p[0] + ay * p[1] - b;
    const fq = ax * q[0] + ay * q[1] - b;
    if (fp <= 0) out.push(p);
    if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
      const t = fp / (fp - fq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/**
 * The convex power cell of every site inside a bounding box [minX, minY, maxX, maxY].
 * Cells tile the box exactly, so clipping them to any shape inside it leaves no gaps and no overlaps.
 * A cell may be empty (a site dominated by its neighbours' weights).
 */
export function powerCells(sites: PowerSite[], box: [number, number, number, number]): Pt[][] {
  const [x0, y0, x1, y1] = box;
  return sites.map((si, i) => {
    let poly: Pt[] = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
    for (let j = 0; j < sites.length && poly.length > 0; j++) {
      if (j === i) continue;
      const sj = sites[j];
      // |p-si|² - wi <= |p-sj|² - wj  ⇔  2 p·(sj-si) <= |sj|² - |si|² + wi - wj
      const ax = 2 * (sj.x - si.x);
      const ay = 2 * (sj.y - si.y);
      const b = sj.x ** 2 + sj.y ** 2 - si.x ** 2 - si.y ** 2 + si.weight - sj.weight;
      poly = clipHalfPlane(poly, ax, ay, b);
    }
    return poly;
  });
}
