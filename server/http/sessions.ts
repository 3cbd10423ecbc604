import type { Request, RequestHandler, Response } from 'express';
import { parse } from 'cookie';
import { SESSION_COOKIE, SESSION_HOURS, hashToken, newSessionToken } from '../access/session-tokens.ts';
import type { SessionControl, Viewer } from '../schema/context.ts';
import type { AtlasStore } from '../store/atlas-store.ts';

/** Reads the session cookie and sets req.viewer to its user; a missing or expired session is anonymous. */
export function sessionMiddleware(store: AtlasStore): RequestHandler {
  return (req, _res, next) => {
    const token = parse(req.headers.cookie ?? '')[SESSION_COOKIE];
    if (!token) { next(); return; }
    store.sessionUser(hashToken(token), new Date().toISOString()).then((user) => {
      if (user) (req as Request & { viewer?: Viewer }).viewer = { role: user.role, name: user.username, userId: user.id };
      next();
    }, next);
  };
}

/**
 * Sign-in and sign-out for one request: a new token on every sign-in (rotation), HttpOnly SameSite=Strict cookie.
 * Everything is read from the request when a resolver asks for it, not when the context is made: Express computes
 * req.ip (proxy-addr) and req.secure anew at each read, and that was the largest cost of an anonymous request's context,
 * which only sign-in ever reads.
 */
export function sessionControl(store: AtlasStore, req: Request, res: Response): SessionControl {
  const current = () => parse(req.headers.cookie ?? '')[SESSION_COOKIE];
  const cookieOptions = () => ({ httpOnly: true, sameSite: 'strict' as const, secure: req.secure, path: '/' });
  return {
    get clientKey() { return req.ip ?? req.socket.remoteAddress ?? 'unknown'; },
    signIn: async (userId) => {
      const old = current();
      if (old) await store.deleteSession(hashToken(old));
      const { token, hash } = newSessionToken();
      const expires = new Date(Date.now() + SESSION_HOURS * 3600_000);
      await store.createSession(hash, userId, expires.toISOString());
      res.cookie(SESSION_COOKIE, token, { ...cookieOptions(), expires });
    },
    signOut: async () => {
      const old = current();
      if (old) await store.deleteSession(hashToken(old));
      res.clearCookie(SESSION_COOKIE, cookieOptions());
    },
  };
}
