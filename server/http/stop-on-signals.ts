// Ctrl-C (SIGINT) or SIGTERM (a process manager, `kill`, systemd) stops the portal cleanly: no new
// connections, requests under way finish, then Apollo and the database close and one line says so.
import type { Server } from 'node:http';

/** Requests under way get this long to finish before their connections are closed. */
const DRAIN_MS = 3000;

/** Install the handlers; returns the stop function (also used for ATLAS_EXIT_AFTER_START). Safe to call twice. */
export function stopOnSignals(server: Server, closeAll: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | null = null;
  const stop = () => {
    // Ctrl-C reaches both npm and the portal, and npm forwards it: the second signal joins the first stop.
    stopping ??= (async () => {
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), DRAIN_MS).unref();
      await drained;
      await closeAll();
      console.log('Commune Atlas stopped');
      process.exit(0);
    })().catch((e: unknown) => {
      console.error(`Commune Atlas did not stop cleanly: ${(e as Error).message}`);
      process.exit(1);
    });
    return stopping;
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return stop;
}
