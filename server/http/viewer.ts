import type { IncomingMessage } from 'node:http';
import { ANONYMOUS, type Viewer } from '../schema/context.ts';

/** Who sent this request: set by the session middleware on sign-in, anonymous otherwise. */
export function viewerOf(req: IncomingMessage): Viewer {
  return (req as IncomingMessage & { viewer?: Viewer }).viewer ?? ANONYMOUS;
}
