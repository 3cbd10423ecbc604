import type { ApolloServerPlugin } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { AtlasContext } from '../schema/context.ts';
import { viewerOf } from './viewer.ts';
import { hasSessionCookie } from './read-key.ts';
import { appendVary } from './vary.ts';

/**
 * Answers differ with the session (who may see a value): a shared cache must key them by cookie, and never keep
 * a signed-in user's answer at all.
 */
export const sessionCacheHeaders: RequestHandler = (req, res, next) => {
  setSessionCacheHeaders(req, res);
  next();
};

/** The headers sessionCacheHeaders sets, for a response answered before Express too (anonymous-post.ts). */
export function setSessionCacheHeaders(req: IncomingMessage, res: ServerResponse): void {
  appendVary(res, 'Cookie');
  // An expired or unknown session cookie too: such a request is answered afresh, never from a cache.
  if (viewerOf(req).role !== 'anonymous' || hasSessionCookie(req.headers)) res.setHeader('Cache-Control', 'private, no-store');
}

/** The same for /graphql, after Apollo has set its own Cache-Control ("no-store") on the answer. */
export const sessionCachePlugin: ApolloServerPlugin<AtlasContext> = {
  async requestDidStart({ contextValue, request }) {
    if (contextValue.viewer.role === 'anonymous' && !hasSessionCookie({ cookie: request.http?.headers.get('cookie') })) return;
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'private, no-store');
      },
    };
  },
};
