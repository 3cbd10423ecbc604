// The SQLite store reads every observation again after each write (its snapshot). Most of what it reads is already
// in the previous snapshot: values an import did not touch, and the notes, sources and names of those it did. Taking
// the previous snapshot's objects for them keeps one copy: the text just read dies young (cheap to collect), instead of
// a second copy of every note that survives its first collections and is copied by each of them.
import type { Observation } from './atlas-store.ts';

/** Equal as JSON values (what the store parses from its JSON columns): same primitives, arrays and plain objects. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * `fresh` (just read) as the previous snapshot's object of the same row when every field is equal, or else `fresh`
 * with each equal field taken from it. Snapshot objects are never changed once made, so sharing them is safe.
 */
export function withUnchangedParts(fresh: Observation, previous: Observation | undefined): Observation {
  if (!previous) return fresh;
  let same = true;
  const target = fresh as unknown as Record<string, unknown>;
  const before = previous as unknown as Record<string, unknown>;
  for (const key of Object.keys(target)) {
    if (sameJson(target[key], before[key])) target[key] = before[key];
    else same = false;
  }
  return same ? previous : fresh;
}
