// Whether the data on screen came from the device's offline copy, and when the portal sent that copy.
// The service worker marks an answer it gave from its cache (OFFLINE_COPY_HEADER, the copy's Date).
import { OFFLINE_COPY_HEADER } from './offline-reads.ts';

let offlineCopyOf: Date | null = null;
const listeners = new Set<() => void>();
// Answers given from the offline copy so far (tells a reload whether all of its answers were live).
let copyAnswers = 0;
const reachedListeners = new Set<() => void>();

/** Note an answer of a read: from the network (live) or from the offline copy. */
export function noteReadAnswer(res: Response): void {
  const copy = res.headers.get(OFFLINE_COPY_HEADER);
  const next = copy === null ? null : new Date(copy || Date.now());
  // The oldest copy on screen is what the page says (any live answer after it does not make older ones live).
  if (next && (!offlineCopyOf || next < offlineCopyOf)) offlineCopyOf = next;
  if (next) copyAnswers += 1;
  listeners.forEach((l) => l());
  if (!next) notePortalReached();
}

/** Note that the portal itself answered (a live read, a sync): the page may leave its offline copy. */
export function notePortalReached(): void {
  if (offlineCopyOf) reachedListeners.forEach((l) => l());
}

/** Call `listener` when the portal answers while the page shows its offline copy; returns the unsubscribe. */
export function onPortalReached(listener: () => void): () => void {
  reachedListeners.add(listener);
  return () => reachedListeners.delete(listener);
}

/** Run a reload; its result when every read it made came from the network, null when any came from the copy. */
export async function loadLive<T>(load: () => Promise<T>): Promise<T | null> {
  const before = copyAnswers;
  const result = await load();
  return copyAnswers === before ? result : null;
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
