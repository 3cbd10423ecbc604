import type { IncomingMessage } from 'node:http';
import type { Viewer } from '../schema/context.ts';

export const ANONYMOUS: Viewer = { role: 'anonymous', name: null };

/** Who sent this request: set by the session middleware on sign-in, anonymous otherwise. */
export function viewerOf(req: IncomingMessage): Viewer {
  return (req as IncomingMessage & { viewer?: Viewer }).viewer ?? ANONYMOUS;
}
