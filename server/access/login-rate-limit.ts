/**
 * How many wrong passwords may be tried, and when. A stranger must not be able to lock anyone out: failures are
 * counted per (account, address), so guesses from one address slow down that address only, with delays that grow
 * with each failure. Two ceilings, far higher, bound what many addresses (one account) or one address (many
 * accounts) can try in an hour; even past the account's ceiling, an address that has not failed on that account
 * is let through, so the owner signing in from their own machine is never locked out by someone else's guesses.
 */
export interface SignInRules {
  /** Failures of one (account, address) allowed before any delay. */
  freeTries: number;
  /** Delay after the first failure past freeTries; doubled with each further failure. */
  firstDelayMs: number;
  /** The longest delay between two tries of one (account, address). */
  maxDelayMs: number;
  /** A pair's failures are forgotten after this (so its delays stay long while the guessing goes on). */
  forgetAfterMs: number;
  /** The ceilings count the failures of this window. */
  windowMs: number;
  /** Failures on one account from all addresses in the window, past which only addresses without failures may try. */
  accountCeiling: number;
  /** Failures from one address on all accounts in the window (guessing many accounts): past it, that address waits. */
  addressCeiling: number;
  /** Bound on the (account, address) pairs kept in memory; when full, the pairs that failed least recently go first. */
  maxPairs: number;
}

export const SIGN_IN_RULES: SignInRules = {
  freeTries: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 24 * 60 * 60_000, windowMs: 60 * 60_000,
  accountCeiling: 200, addressCeiling: 50, maxPairs: 10_000,
};

/**
 * Sign-in attempts, in memory (a restart forgets). An attempt is counted as a failure when it starts, before the
 * password is checked (scrypt is asynchronous: counting after it would let many parallel tries through), and a
 * success takes back the failures of its (account, address).
 */
export class LoginRateLimit {
  /** Failure times per pair "account\u0000address", oldest first; the map's order is the order of the last failure. */
  private failures = new Map<string, number[]>();

  private readonly rules: SignInRules;

  /** The project's rules (SIGN_IN_RULES), with any of them changed (tests). */
  constructor(changed: Partial<SignInRules> = {}) {
    this.rules = { ...SIGN_IN_RULES, ...changed };
  }

  /** Start an attempt: 0 when it may go ahead (and it is counted), otherwise the seconds to wait (not counted). */
  begin(account: string, address: string, now = Date.now()): number {
    const key = pairKey(account, address);
    const mine = this.recent(key, now);
    let waitMs = 0;
    if (mine.length >= this.rules.freeTries) {
      const delay = Math.min(this.rules.maxDelayMs, this.rules.firstDelayMs * 2 ** (mine.length - this.rules.freeTries));
      waitMs = mine[mine.length - 1] + delay - now;
    }
    if (mine.length > 0) waitMs = Math.max(waitMs, this.ceilingWait(this.sameAccount(account, now), this.rules.accountCeiling, now));
    waitMs = Math.max(waitMs, this.ceilingWait(this.sameAddress(address, now), this.rules.addressCeiling, now));
    if (waitMs > 0) return Math.ceil(waitMs / 1000);
    this.store(key, [...mine, now], now);
    return 0;
  }

  /** A correct password: the failures of this (account, address) are taken back; other addresses' stay. */
  succeed(account: string, address: string): void {
    this.failures.delete(pairKey(account, address));
  }

  /** How many (account, address) pairs are kept (for tests and monitoring). */
  get size(): number {
    return this.failures.size;
  }

  /** Past a ceiling, wait until the oldest failure that puts the count at the ceiling leaves the window. */
  private ceilingWait(times: number[], ceiling: number, now: number): number {
    if (times.length < ceiling) return 0;
    times.sort((a, b) => a - b);
    return times[times.length - ceiling] + this.rules.windowMs - now;
  }

  private sameAccount(account: string, now: number): number[] {
    const prefix = `${account}\u0000`;
    return [...this.failures].filter(([k]) => k.startsWith(prefix)).flatMap(([, t]) => t.filter((x) => now - x < this.rules.windowMs));
  }

  private sameAddress(address: string, now: number): number[] {
    const suffix = `\u0000${address}`;
    return [...this.failures].filter(([k]) => k.endsWith(suffix)).flatMap(([, t]) => t.filter((x) => now - x < this.rules.windowMs));
  }

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => now - t < this.rules.forgetAfterMs);
    if (times.length === 0) this.failures.delete(key);
    return times;
  }

  private store(key: string, times: number[], now: number): void {
    this.failures.delete(key); // re-inserted last
    if (this.failures.size >= this.rules.maxPairs) {
      for (const [k, t] of this.failures) if (now - t[t.length - 1] >= this.rules.forgetAfterMs) this.failures.delete(k);
      while (this.failures.size >= this.rules.maxPairs) this.failures.delete(this.failures.keys().next().value!);
    }
    // Only the last failures matter for the delay and, at most, the ceilings: the list stays short.
    this.failures.set(key, times.slice(-Math.max(this.rules.accountCeiling, this.rules.addressCeiling)));
  }
}

const pairKey = (account: string, address: string) => `${account}\u0000${address}`;
