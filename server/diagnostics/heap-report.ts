// Memory figures for the load soak (tests/bench/load.ts), over the IPC channel a parent process opens.
// Inert in normal use: `npm start` has no IPC channel, so nothing listens.

/** Answer {type: 'heap'} with the heap in use after a full collection (needs node --expose-gc). */
export function answerHeapRequests(): void {
  if (!process.send) return;
  process.on('message', (m: unknown) => {
    if ((m as { type?: string })?.type !== 'heap') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const { heapUsed, rss, external, arrayBuffers } = process.memoryUsage();
    process.send!({ type: 'heap', collected: Boolean(gc), heapUsed, rss, external, arrayBuffers });
  });
  // The channel must not keep the process alive after the server closes.
  process.channel?.unref();
}
