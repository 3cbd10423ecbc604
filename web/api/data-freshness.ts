// Whether the data on screen came from the device's offline copy, and when the portal sent that copy.
// The service worker marks an answer it gave from its cache (OFFLINE_COPY_HEADER, the copy's Date).
import { OFFLINE_COPY_HEADER } from './offline-reads.ts';

let offlineCopyOf: Date | null = null;
const listeners = new Set<() => void>();

/** Note an answer of a read: from the network (live) or from the offline copy. */
export function noteReadAnswer(res: Response): void {
  const copy = res.headers.get(OFFLINE_COPY_HEADER);
  const next = copy === null ? null : new Date(copy || Date.now());
  // The oldest copy on screen is what the page says (any live answer after it does not make older ones live).
  if (next && (!offlineCopyOf || next < offlineCopyOf)) offlineCopyOf = next;
  listeners.forEach((l) => l());
}

/** When the data shown was last synced, if any of it is an offline copy; null when all of it is live. */
export function offlineCopyTime(): Date | null {
  return offlineCopyOf;
}

/** Forget the offline copy (after the page loaded everything again from the portal). */
export function dataIsLive(): void {
  offlineCopyOf = null;
  listeners.forEach((l) => l());
}

/** Call `listener` whenever that changes; returns the unsubscribe. */
export function onFreshnessChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
