// The tables of the next snapshot after a write that changed observations only (an import: thousands of them): the
// previous tables with the written rows put in their place. Reading every table again after the COMMIT made a second
// copy of every stored value (tens of MB of strings for the garbage collector) on the thread that answers requests.
import type { Observation } from './atlas-store.ts';
import type { AtlasTables } from './atlas-snapshot.ts';

/** The key of one stored value: one observation per unit, indicator and period. */
export const observationKey = (o: Pick<Observation, 'unitId' | 'indicator' | 'period'>): string => `${o.unitId}\u0000${o.indicator}\u0000${o.period}`;

// SQLite's BINARY collation (UTF-8 bytes) and JavaScript's string order agree outside the astral planes, which ids, keys and periods never use.
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** The order of AtlasTables.observations: unit, indicator, then the latest period first. */
export const observationOrder = (a: Observation, b: Observation): number =>
  cmp(a.unitId, b.unitId) || cmp(a.indicator, b.indicator) || cmp(b.period, a.period);

/**
 * `previous` with the observations a write stored (by key, as the writer read them back inside its transaction), at
 * data version `version`. Every other table and every unchanged observation is the same object as before.
 */
export function tablesAfterObservationWrites(previous: AtlasTables, written: ReadonlyMap<string, Observation>, version: number): AtlasTables {
  const pending = new Map(written);
  const kept: Observation[] = [];
  for (const o of previous.observations) {
    const key = observationKey(o);
    const now = pending.get(key);
    if (now === undefined) kept.push(o);
    else {
      kept.push(now);
      pending.delete(key);
    }
  }
  const added = [...pending.values()].sort(observationOrder);
  return { ...previous, version, observations: added.length === 0 ? kept : merged(kept, added) };
}

/** Two lists in observation order, as one. */
function merged(a: Observation[], b: Observation[]): Observation[] {
  const out: Observation[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(observationOrder(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}
