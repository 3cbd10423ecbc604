// How long the outbox waits before trying again on its own: 30 s after the first failure, doubling up to 5 min, so a
// phone in a valley without signal does not spend its battery knocking every few seconds.

/** The first wait, in ms; localStorage "atlas.fieldRetryBaseMs" overrides it (the page tests use a short one). */
export const RETRY_BASE_MS = 30_000;
/** The longest wait, in ms (never less than the base). */
export const RETRY_MAX_MS = 5 * 60_000;
const BASE_KEY = 'atlas.fieldRetryBaseMs';

/** The base wait this device uses. */
export function retryBaseMs(): number {
  const set = Number(globalThis.localStorage?.getItem(BASE_KEY));
  return Number.isFinite(set) && set > 0 ? set : RETRY_BASE_MS;
}

/** The wait before the next try after `failures` tries in a row that did not reach the portal. */
export function retryDelay(failures: number, base = retryBaseMs()): number {
  return Math.min(base * 2 ** Math.max(0, failures), Math.max(base, RETRY_MAX_MS));
}
