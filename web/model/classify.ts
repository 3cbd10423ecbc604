// Classification of a few values (n ≤ 23) into classes for a choropleth, with simple-statistics.
import { ckmeans, equalIntervalBreaks, quantile } from 'simple-statistics';

export type ClassMethod = 'ckmeans' | 'quantile' | 'equal';
export const CLASS_METHODS: readonly ClassMethod[] = ['ckmeans', 'quantile', 'equal'];

export interface Classification {
  /** Each class's [from, to] as the legend shows it (ckmeans: the values' own extent; otherwise the limits). */
  ranges: Array<[number, number]>;
  /** Number of classes actually made (fewer than asked when there are fewer distinct values). */
  k: number;
  /** Class index of a value (0 … k − 1). */
  classOf: (v: number) => number;
}

/** Class limits of `values` by `method`, asking for `k` classes. Empty input gives zero classes. */
export function classify(values: number[], method: ClassMethod, k: number): Classification {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  const distinct = [...new Set(sorted)];
  if (distinct.length === 0) return { ranges: [], k: 0, classOf: () => 0 };
  const n = Math.max(1, Math.min(k, distinct.length));
  if (n === 1) return { ranges: [[distinct[0], distinct[distinct.length - 1]]], k: 1, classOf: () => 0 };
  if (method === 'ckmeans') {
    // ckmeans is optimal 1-D k-means (Jenks' natural breaks, done exactly); a class starts at its cluster's first value.
    const clusters = ckmeans(sorted, n).filter((c) => c.length > 0);
    const starts = clusters.map((c) => c[0]);
    const classOf = (v: number) => {
      let i = 0;
      while (i + 1 < starts.length && v >= starts[i + 1]) i++;
      return i;
    };
    return { ranges: clusters.map((c) => [c[0], c[c.length - 1]] as [number, number]), k: clusters.length, classOf };
  }
  let breaks: number[];
  if (method === 'quantile') {
    breaks = [sorted[0], ...Array.from({ length: n - 1 }, (_, i) => quantile(sorted, (i + 1) / n)), sorted[sorted.length - 1]];
  } else {
    breaks = equalIntervalBreaks(sorted, n);
  }
  // Ties (quantiles of repeated values) would make empty classes: keep strictly rising limits.
  const limits = breaks.filter((b, i) => i === 0 || b > breaks[i - 1]);
  if (limits.length < 2) limits.push(limits[0]);
  const classes = limits.length - 1;
  const classOf = (v: number) => {
    for (let i = 0; i < classes - 1; i++) if (v < limits[i + 1]) return i;
    return classes - 1;
  };
  return { ranges: Array.from({ length: classes }, (_, i) => [limits[i], limits[i + 1]] as [number, number]), k: classes, classOf };
}

/** How many values fall in each class. */
export function countPerClass(values: number[], c: Classification): number[] {
  const counts = Array.from({ length: c.k }, () => 0);
  for (const v of values) counts[c.classOf(v)] += 1;
  return counts;
}
