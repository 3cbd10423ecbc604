/**
 * Sign-in attempts allowed per key (client address, and user name) in a sliding window; past that, sign-in is
 * refused until the window moves on. An attempt is counted when it starts, before the password is checked
 * (scrypt is asynchronous: counting after it would let many parallel tries pass the limit), and a success
 * clears its keys. In memory: a restart forgets. At most maxKeys keys are kept; when full, expired keys go
 * first, then the oldest.
 */
export class LoginRateLimit {
  private attempts = new Map<string, number[]>();

  constructor(private readonly max = 5, private readonly windowMs = 15 * 60_000, private readonly maxKeys = 10_000) {}

  /**
   * Start an attempt: 0 when it may go ahead (and it is counted), otherwise the seconds to wait (not counted).
   */
  begin(keys: string[], now = Date.now()): number {
    let wait = 0;
    const recent = keys.map((key) => this.recent(key, now));
    for (const times of recent) {
      if (times.length >= this.max) wait = Math.max(wait, Math.ceil((times[times.length - this.max] + this.windowMs - now) / 1000));
    }
    if (wait > 0) return wait;
    keys.forEach((key, i) => this.store(key, [...recent[i], now].slice(-this.max), now));
    return 0;
  }

  /** A successful sign-in: its keys start again from nothing. */
  succeed(keys: string[]): void {
    for (const key of keys) this.attempts.delete(key);
  }

  /** How many keys are kept (for tests and monitoring). */
  get size(): number {
    return this.attempts.size;
  }

  private recent(key: string, now: number): number[] {
    const times = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (times.length === 0) this.attempts.delete(key);
    return times;
  }

  private store(key: string, times: number[], now: number): void {
    this.attempts.delete(key); // re-inserted last: the map's order is the order of last use
    if (this.attempts.size >= this.maxKeys) {
      for (const [k, t] of this.attempts) if (now - t[t.length - 1] >= this.windowMs) this.attempts.delete(k);
      while (this.attempts.size >= this.maxKeys) this.attempts.delete(this.attempts.keys().next().value!);
    }
    this.attempts.set(key, times);
  }
}
