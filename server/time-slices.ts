// Long loops on the request thread (an import's writes, re-reading the data after them) must not hold the
// event loop: they run in slices of a few milliseconds, with every waiting request served in between.

/** How long one slice of such a loop may run before other work gets its turn. */
export const SLICE_MS = 8;

/**
 * A pause to await at each step of a long loop: it resolves at once while the current slice lasts, and after a
 * turn of the event loop (pending I/O handled, requests answered) once the slice has run `sliceMs`.
 */
export function timeSlices(sliceMs = SLICE_MS): () => Promise<void> {
  let started = performance.now();
  return async () => {
    if (performance.now() - started < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    started = performance.now();
  };
}
