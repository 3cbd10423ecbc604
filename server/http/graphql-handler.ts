// /graphql through Apollo (as @as-integrations/express5 does it), and the one place answers enter the answer
// cache: a cacheable read that missed is kept when Apollo says it may be (keepable-answer.plugin.ts).
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { AtlasContext } from '../schema/context.ts';
import type { AnswerCache } from './answer-cache.ts';
import { CACHE_HEADER, readGenerationOf, readKeyOf, sendPrepared } from './cached-reads.ts';
import { answerVerdict } from './keepable-answer.plugin.ts';
import { compressAnswer } from './compress-answer.ts';

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
      if (key !== undefined && verdict?.keep && answer.body.kind === 'complete' && answers.couldKeep(answer.body.string.length)) {
        const prepared = await answers.prepare(key, generation, answer.body.string, answer.headers.get('content-type') ?? 'application/json; charset=utf-8');
        sendPrepared(req, res, prepared, 'miss');
        return;
      }
      for (const [name, value] of answer.headers) res.setHeader(name, value);
      if (key !== undefined && verdict?.read) res.setHeader(CACHE_HEADER, 'miss');
      res.statusCode = answer.status ?? 200;
      // The bytes depend on the encoding asked for (compress-answer.ts), whatever their size.
      res.vary('Accept-Encoding');
      if (answer.body.kind === 'complete') {
        // Not res.send: it would hash the whole answer for a weak ETag that no one can use (no-store, or private).
        const { encoding, body } = await compressAnswer(req, Buffer.from(answer.body.string, 'utf8'));
        if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
        res.setHeader('Content-Length', body.length);
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      for await (const chunk of answer.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (e) {
      next(e);
    }
  };
}
