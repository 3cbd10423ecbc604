// The latency percentile every bench reports: nearest rank on a sorted copy (p99 of 100 samples is the largest).

/** The `fraction` (0…1) percentile of the samples `xs` (none: undefined at run time). */
export function percentile(xs: readonly number[], fraction: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}
