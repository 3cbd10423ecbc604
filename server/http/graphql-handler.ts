// /graphql through Apollo (as @as-integrations/express5 does it), and the one place answers enter the answer
// cache: a cacheable read that missed is kept when Apollo says it may be (keepable-answer.plugin.ts).
// writeGraphQLAnswer writes an answer the cache does not keep, here and before Express (anonymous-post.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { AtlasContext } from '../schema/context.ts';
import type { AnswerCache } from './answer-cache.ts';
import { CACHE_HEADER, readGenerationOf, readKeyOf, sendPrepared } from './cached-reads.ts';
import { answerVerdict } from './keepable-answer.plugin.ts';
import { compressAnswer } from './compress-answer.ts';
import { JSON_MEDIA, mediaTypeOf } from './graphql-media-type.ts';
import { appendVary } from './vary.ts';

/** Runs a request through Apollo with the context `contextFor` makes, and writes Apollo's answer. */
export function graphqlHandler(
  apollo: ApolloServer<AtlasContext>, answers: AnswerCache, contextFor: (req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1]) => AtlasContext,
): RequestHandler {
  return async (req, res, next) => {
    try {
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const q = req.url.indexOf('?');
      const key = readKeyOf(req);
      // The generation the lookup read before this request ran (its data version): no second read of it.
      const generation = key === undefined ? '' : readGenerationOf(req) ?? await answers.generation();
      const httpGraphQLRequest = { method: req.method.toUpperCase(), headers, search: q < 0 ? '' : req.url.slice(q), body: req.body ?? {} };
      const answer = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => contextFor(req, res) });
      const verdict = answerVerdict(httpGraphQLRequest);
      // Kept only as the plugins last saw it: Apollo may still replace an answer after them (its 406 came after them and
      // was kept as a 200 for everyone before refuseNotAcceptable), so the status must still be 200.
      const media = mediaTypeOf(req.headers);
      if (key !== undefined && verdict?.keep && media !== null && (answer.status ?? 200) === 200 && answer.body.kind === 'complete'
        && answers.couldKeep(answer.body.string.length)) {
        // Kept as bytes; each request gets them in the type its Accept chose (cached-reads.ts).
        const prepared = await answers.prepare(key, generation, answer.body.string, JSON_MEDIA.contentType);
        sendPrepared(req, res, prepared, 'miss', media);
        return;
      }
      if (answer.body.kind === 'complete') {
        await writeGraphQLAnswer(req, res, { status: answer.status ?? 200, headers: answer.headers, body: answer.body.string },
          key !== undefined && verdict?.read ? 'miss' : undefined);
        return;
      }
      for (const [name, value] of answer.headers) res.setHeader(name, value);
      res.statusCode = answer.status ?? 200;
      appendVary(res, 'Accept');
      appendVary(res, 'Accept-Encoding');
      for await (const chunk of answer.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (e) {
      next(e);
    }
  };
}

/** A whole GraphQL answer as Apollo's pipeline leaves it: its status, its headers and its JSON. */
export interface GraphQLAnswer { status: number; headers: Iterable<[string, string]>; body: string }

/**
 * Write an answer the answer cache does not keep, compressed for this client. `cacheState`: 'miss' when it was a
 * cacheable read that missed (the x-atlas-cache header says so). The response's other headers (security, Vary:
 * Cookie) are set before: by Express's middleware, or by anonymous-post.ts with the same functions.
 */
export async function writeGraphQLAnswer(req: IncomingMessage, res: ServerResponse, answer: GraphQLAnswer, cacheState?: 'miss'): Promise<void> {
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  if (cacheState) res.setHeader(CACHE_HEADER, cacheState);
  res.statusCode = answer.status;
  // The type depends on Accept (graphql-media-type.ts), the bytes on the encoding asked for (compress-answer.ts).
  appendVary(res, 'Accept');
  appendVary(res, 'Accept-Encoding');
  // Not res.send: it would hash the whole answer for a weak ETag that no one can use (no-store, or private).
  const { encoding, body } = await compressAnswer(req, Buffer.from(answer.body, 'utf8'));
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}
