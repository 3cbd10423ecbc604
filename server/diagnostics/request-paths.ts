// How many requests each road through the HTTP server took, for the tests and benches that must know a request was
// answered before Express (tests/anonymous-post-fast-path.test.ts), over the IPC channel a parent process opens.
// Inert in normal use: `npm start` has no IPC channel, so nothing asks.

/** Requests answered before Express by the anonymous POST path (server/http/anonymous-post.ts). */
let postsBeforeExpress = 0;

/** Count one anonymous POST answered before Express. */
export function countPostBeforeExpress(): void {
  postsBeforeExpress++;
}

/** Answer {type: 'paths'} with the counts so far. */
export function answerPathRequests(): void {
  if (!process.send) return;
  process.on('message', (m: unknown) => {
    if ((m as { type?: string })?.type !== 'paths') return;
    process.send!({ type: 'paths', postsBeforeExpress });
  });
  // The channel must not keep the process alive after the server closes.
  process.channel?.unref();
}
