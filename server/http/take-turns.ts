// Heavy anonymous work runs one piece at a time: thirty pieces at once would take turns on the event loop with
// every small request behind them; queued here, a small request waits for at most one.

export interface Turns {
  /** Wait for the turn (at once when free); hold it until release(). */
  acquire(): Promise<void>;
  /** Hand the turn to the next waiting, on a later turn of the event loop. */
  release(): void;
  /** Run `work` in a turn of its own. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** A queue of turns, first come first served. */
export function takeTurns(): Turns {
  let busy = false;
  const waiting: Array<() => void> = [];
  const acquire = () => new Promise<void>((resolve) => {
    if (!busy) { busy = true; resolve(); } else waiting.push(resolve);
  });
  // Released on a later turn of the event loop, so the answer just computed is written first, and requests that
  // arrived meanwhile are read before the next heavy one starts.
  const release = () => setImmediate(() => {
    const next = waiting.shift();
    if (next) next(); else busy = false;
  });
  return {
    acquire,
    release,
    async run(work) {
      await acquire();
      try { return await work(); } finally { release(); }
    },
  };
}
