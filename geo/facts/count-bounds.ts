// A count a source gives only as a bound ("trên 5 trong 6 bản", "gần 20/23"): the counts it allows.
import type { BoundComparator } from '../seed-types.ts';

/**
 * The fewest and most of `total` bản a bounded count allows: "> 4 of 6" is 5…6, "≤ 2 of 6" is 0…2. "≈" says on
 * neither side, so it allows anything from 0 to total (it bounds nothing for certain).
 */
export function countBounds(achieved: number, total: number, comparator: BoundComparator | null | undefined): { min: number; max: number } {
  const clamp = (n: number) => Math.max(0, Math.min(total, n));
  switch (comparator) {
    case '>': return { min: clamp(Math.floor(achieved) + 1), max: total };
    case '>=': return { min: clamp(Math.ceil(achieved)), max: total };
    case '<': return { min: 0, max: clamp(Math.ceil(achieved) - 1) };
    case '<=': return { min: 0, max: clamp(Math.floor(achieved)) };
    case '≈': return { min: 0, max: total };
    default: return { min: clamp(achieved), max: clamp(achieved) };
  }
}
