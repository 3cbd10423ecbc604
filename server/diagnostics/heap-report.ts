// Memory figures for the load soak (tests/bench/load.ts), over the IPC channel a parent process opens.
// Inert in normal use: `npm start` has no IPC channel, so nothing listens.
import { getHeapSpaceStatistics } from 'node:v8';

/** Answer {type: 'heap'} with the heap in use after a full collection (needs node --expose-gc). */
export function answerHeapRequests(): void {
  if (!process.send) return;
  process.on('message', (m: unknown) => {
    if ((m as { type?: string })?.type !== 'heap') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const { heapUsed, heapTotal, rss, external, arrayBuffers } = process.memoryUsage();
    // What V8 holds per space (committed, i.e. in RSS once touched) beside what is live in it.
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, { committed: s.physical_space_size, used: s.space_used_size }]));
    process.send!({ type: 'heap', collected: Boolean(gc), heapUsed, heapTotal, rss, external, arrayBuffers, spaces });
  });
  // The channel must not keep the process alive after the server closes.
  process.channel?.unref();
}
