// The portal's port is taken before anything else (the database is not opened), so a second
// `npm start` on a busy port says so and leaves the data directory untouched.
import type { Server } from 'node:http';

/** The port is held by another program (most often a portal already running). */
export class PortInUse extends Error {}

/** Listen on port/host with a server that has no app yet (attached later); rejects with PortInUse when it is taken. */
export function reservePort(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') {
        reject(new PortInUse(`cổng ${port} đang được dùng (một cổng bản đồ khác đang chạy?) / port ${port} is in use (another portal?). ` +
          `Stop the other one, or start this one on another port: PORT=${port + 1} npm start`));
      } else reject(e);
    });
    server.listen(port, host, () => resolve(server));
  });
}
