import { describe, expect, it } from 'vitest';
import { classOf, quantileLimits } from './quantile-classes.ts';

describe('quantileLimits', () => {
  it('puts a skewed list into classes of about equal size', () => {
    // 1, 2, … 100 squared and cubed: heavy right skew.
    const values = Array.from({ length: 1000 }, (_, i) => (i + 1) ** 3);
    const limits = quantileLimits(values, 5);
    expect(limits).toHaveLength(6);
    const counts = [0, 0, 0, 0, 0];
    for (const v of values) counts[classOf(v, limits)]++;
    for (const c of counts) expect(c).toBe(200);
  });

  it('makes fewer classes when values tie, never an empty one', () => {
    const limits = quantileLimits([1, 1, 1, 1, 1, 1, 2], 4);
    expect(limits).toEqual([1, 2]);
    expect(classOf(1, limits)).toBe(0);
    expect(classOf(2, limits)).toBe(0);
    expect(quantileLimits([], 5)).toEqual([]);
  });
});
