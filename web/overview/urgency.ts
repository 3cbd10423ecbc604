// The order a leader reads targets in: what is off track first, then what nobody knows, then what is met.
import type { TargetStatus } from '../api/types.ts';

/** Statuses from most to least urgent. (The report gives no trajectory, so there is no "on track" between them.) */
export const URGENCY: readonly TargetStatus[] = ['NOT_MET', 'UNKNOWN', 'MET'];

/** Sort by urgency, keeping the report's order within a status. */
export function byUrgency<T extends { status: TargetStatus; no?: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => URGENCY.indexOf(a.status) - URGENCY.indexOf(b.status) || (a.no ?? 0) - (b.no ?? 0));
}
