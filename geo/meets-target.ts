/** Whether a value meets a target "comparator value" (e.g. 82.6 against "> 90" is false). */
export function meetsTarget(value: number, comparator: string, target: number): boolean {
  switch (comparator) {
    case '>': return value > target;
    case '>=': return value >= target;
    case '<': return value < target;
    case '<=': return value <= target;
    case '=': return Math.abs(value - target) < 1e-9;
    default: throw new Error(`unknown comparator ${comparator}`);
  }
}

/** Fewest of `total` units that meet "share comparator percent" (more than 90% of 23 → 21). */
export function unitsNeeded(total: number, comparator: string, percent: number): number | null {
  for (let n = 0; n <= total; n++) if (meetsTarget((n / total) * 100, comparator, percent)) return n;
  return null;
}
