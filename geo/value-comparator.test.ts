import { describe, expect, it } from 'vitest';
import { boundMeetsTarget, comparatorFromName, comparatorName, readComparator } from './value-comparator.ts';

describe('value comparators', () => {
  it('reads what people type: symbols, API names and the report\'s words; empty or "=" is exact; anything else is undefined', () => {
    expect(['>', 'trên', 'Trên', 'GREATER_THAN'].map(readComparator)).toEqual(['>', '>', '>', '>']);
    expect(['≥', '>=', 'ít nhất'].map(readComparator)).toEqual(['>=', '>=', '>=']);
    expect(['<', 'dưới', '≤', 'tối đa', 'gần', '~'].map(readComparator)).toEqual(['<', '<', '<=', '<=', '≈', '≈']);
    expect(['', '=', ' ', null].map(readComparator)).toEqual([null, null, null, null]);
    expect(['khoảng chừng', '>>', 'more'].map(readComparator)).toEqual([undefined, undefined, undefined]);
  });

  it('names round-trip between the stored symbols and the API', () => {
    for (const c of ['>', '>=', '<', '<=', '≈', null] as const) expect(comparatorFromName(comparatorName(c))).toBe(c);
    expect(comparatorFromName('ABOUT')).toBeUndefined();
  });

  it('a bound meets a target only when every value it allows does: "> 95" meets "> 90", "> 99,8" against "= 100" depends', () => {
    expect(boundMeetsTarget(95, '>', '>', 90)).toBe(true);
    expect(boundMeetsTarget(95, '>', '>=', 95)).toBe(true);
    expect(boundMeetsTarget(99.8, '>', '=', 100)).toBeNull();
    expect(boundMeetsTarget(99.8, '>', '>=', 100)).toBeNull();
    expect(boundMeetsTarget(13, '<', '<', 15)).toBe(true);
    expect(boundMeetsTarget(13, '<', '<=', 10)).toBeNull();
    expect(boundMeetsTarget(13, '<', '>', 20)).toBe(false);
    expect(boundMeetsTarget(90, '<=', '>', 90)).toBe(false);
    expect(boundMeetsTarget(400, '≈', '>=', 100)).toBeNull();
    // Exact values compare as they are.
    expect(boundMeetsTarget(82.6, null, '>', 90)).toBe(false);
  });
});
