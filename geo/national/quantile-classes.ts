// Classes for thousands of heavily skewed values (commune density runs from under 10 to over 40,000 people/km²):
// quantiles put about as many communes in each class whatever the skew, where equal intervals would put nearly
// all of them in the first class. Pure; used for the national map and its legend.

/** Class limits [min, …, max] (k classes, fewer when values tie): value v is in class i when limits[i] ≤ v < limits[i + 1]. */
export function quantileLimits(values: number[], k: number): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0 || k < 1) return [];
  const at = (p: number) => {
    // Linear interpolation between closest ranks (type 7, as R and spreadsheets compute quantiles).
    const h = (sorted.length - 1) * p;
    const lo = Math.floor(h);
    return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
  };
  const limits = [sorted[0]];
  for (let i = 1; i < k; i++) {
    const q = at(i / k);
    if (q > limits[limits.length - 1]) limits.push(q);
  }
  const max = sorted[sorted.length - 1];
  if (max > limits[limits.length - 1] || limits.length === 1) limits.push(max);
  return limits;
}

/** The class (0 … limits.length − 2) of a value; the maximum falls in the last class. */
export function classOf(value: number, limits: number[]): number {
  const last = limits.length - 2;
  for (let i = 0; i < last; i++) if (value < limits[i + 1]) return i;
  return Math.max(0, last);
}
