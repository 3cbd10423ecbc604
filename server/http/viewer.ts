import type { Request } from 'express';
import type { Viewer } from '../schema/context.ts';

export const ANONYMOUS: Viewer = { role: 'anonymous', name: null };

/** Who sent this request: set by the session middleware on sign-in, anonymous otherwise. */
export function viewerOf(req: Request): Viewer {
  return (req as Request & { viewer?: Viewer }).viewer ?? ANONYMOUS;
}
