// How a source bounds a value ("trên 95%" is more than 95, "gần 12 tỷ" nearly 12): the symbols the seeds and
// the database hold, the names the API gives them, and what a bound says against a target. Pure.
import type { BoundComparator } from './seed-types.ts';
import { meetsTarget } from './meets-target.ts';

/** Every bound a value may carry; a value without one is exact. */
export const BOUND_COMPARATORS: readonly BoundComparator[] = ['>', '>=', '<', '<=', '≈'];

/** The API's names for the bounds (EXACT: no bound). */
export const COMPARATOR_NAMES = {
  '>': 'GREATER_THAN', '>=': 'AT_LEAST', '<': 'LESS_THAN', '<=': 'AT_MOST', '≈': 'APPROXIMATELY',
} as const satisfies Record<BoundComparator, string>;

export type ComparatorName = (typeof COMPARATOR_NAMES)[BoundComparator] | 'EXACT';

/** True for a symbol a value may be bounded by. */
export function isBoundComparator(x: unknown): x is BoundComparator {
  return typeof x === 'string' && (BOUND_COMPARATORS as readonly string[]).includes(x);
}

/** The API name of a stored bound (null: exact). */
export function comparatorName(c: BoundComparator | null | undefined): ComparatorName {
  return c ? COMPARATOR_NAMES[c] : 'EXACT';
}

/** The stored symbol of an API name (EXACT: null), or undefined for a name that is not one. */
export function comparatorFromName(name: string): BoundComparator | null | undefined {
  if (name === 'EXACT') return null;
  const hit = (Object.entries(COMPARATOR_NAMES) as [BoundComparator, string][]).find(([, n]) => n === name);
  return hit ? hit[0] : undefined;
}

/**
 * Read a comparator as a person types it in a file or a form: a symbol (">", ">=", "≥", "<", "<=", "≤", "≈", "~", "="),
 * an API name (GREATER_THAN…) or the report's words ("trên", "ít nhất", "dưới", "tối đa", "gần"). Empty or "=" is exact
 * (null); anything else is undefined (the caller reports it).
 */
export function readComparator(text: string | null | undefined): BoundComparator | null | undefined {
  const t = (text ?? '').normalize('NFC').trim().toLowerCase();
  if (t === '' || t === '=' || t === 'exact' || t === 'bằng') return null;
  const words: Record<string, BoundComparator> = {
    '>': '>', 'trên': '>', 'hơn': '>', '>=': '>=', '≥': '>=', 'ít nhất': '>=', 'từ': '>=', '<': '<', 'dưới': '<',
    '<=': '<=', '≤': '<=', 'tối đa': '<=', '≈': '≈', '~': '≈', 'gần': '≈', 'khoảng': '≈',
  };
  if (words[t]) return words[t];
  return comparatorFromName(t.toUpperCase()) ?? undefined;
}

/**
 * Whether a value known as "bound value" meets the target "targetComparator target": true or false when every value
 * the bound allows gives the same answer, null when it depends on what the sources do not say ("≈" is never settled
 * unless exact values on both sides of it agree, so it counts as unknown near the target).
 */
export function boundMeetsTarget(value: number, bound: BoundComparator | null | undefined, targetComparator: string, target: number): boolean | null {
  if (!bound) return meetsTarget(value, targetComparator, target);
  if (bound === '≈') return null;
  // The bound allows an interval; a target is met by all of it, none of it, or it depends.
  const eps = 1e-9;
  const samples = bound === '>' ? [value + eps, value + 1e6] : bound === '>=' ? [value, value + 1e6]
    : bound === '<' ? [value - eps, value - 1e6] : [value, value - 1e6];
  // Every target comparator is monotone in the value, so the ends of the interval decide it; the target itself may lie inside.
  const inside = bound === '>' ? target > value : bound === '>=' ? target >= value : bound === '<' ? target < value : target <= value;
  const answers = new Set([...samples, ...(inside ? [target] : [])].map((v) => meetsTarget(v, targetComparator, target)));
  return answers.size === 1 ? [...answers][0] : null;
}
