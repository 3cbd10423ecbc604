import express from 'express';
import compression from 'compression';
import { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { AtlasStore } from '../store/atlas-store.ts';
import { requestStore } from '../store/request-store.ts';
import type { AtlasContext, SessionControl } from '../schema/context.ts';
import { formatError } from './format-error.ts';
import { graphqlPlugins } from './plugins.ts';
import { jsonErrors } from './json-errors.ts';
import { jsonBodyOffThread } from './json-body-off-thread.ts';
import { SMALL_BODY_BYTES, smallJsonBody } from './small-json-body.ts';
import { queryLimits } from './query-limits.ts';
import { answerSizeRule } from './answer-size.ts';
import { sessionControl, sessionMiddleware } from './sessions.ts';
import { AnswerCache } from './answer-cache.ts';
import { answerWritten } from './answer-written.ts';
import { cachedGetReads, cachedPostReads } from './cached-reads.ts';
import { graphqlHandler } from './graphql-handler.ts';
import { csrfPrevention } from './csrf-prevention.ts';
import { refuseNotAcceptable } from './graphql-media-type.ts';
import { anonymousPosts } from './anonymous-post.ts';
import { heavyRequestGate } from './heavy-request-gate.plugin.ts';
import { ValidatedDocuments } from './validated-documents.ts';
import { refuseNonRequestBodies, refuseOtherCharsets } from './graphql-body-check.ts';
import { viewerOf } from './viewer.ts';
import { securityHeaders } from './security-headers.ts';
import { sessionCacheHeaders } from './session-cache-headers.ts';
import { limitVariablesDepth } from './variables-depth.ts';
import { persistedOperationsOnly } from './persisted-operations.ts';
import type { PersistedOperations } from '../client-types/persisted-operations.ts';
import { ogcRouter } from './ogc/router.ts';
import { exportRouter } from './export/router.ts';
import { staticFiles } from './static-files.ts';
import { tilesRouter } from './tiles-router.ts';
import { fieldPhotosRouter } from './field-photos.ts';

/** The HTTP application: /graphql and the built web page, on one origin. */
export async function createApp(opts: {
  schema: GraphQLSchema; store: AtlasStore; webDir: string; trustProxy?: string | null;
  /** The page's operations, the only ones an anonymous GET may run (server/persisted-operations.json). */
  persistedOperations: PersistedOperations;
  /** Bound of the answer cache in bytes (server/http/answer-cache.ts). */
  answerCacheBytes?: number;
  /** Answer anonymous JSON POSTs of a query before Express (anonymous-post.ts); default true. */
  anonymousPostFastPath?: boolean;
}) {
  // One heavy-request queue and one set of validation rules for Apollo's path and the path before Express.
  const gate = heavyRequestGate();
  const validationRules = [...queryLimits.validationRules, answerSizeRule(opts.store)];
  const apollo = new ApolloServer<AtlasContext>({
    schema: opts.schema,
    introspection: true,
    plugins: graphqlPlugins(opts.store, gate),
    ...queryLimits,
    validationRules,
    formatError,
    includeStacktraceInErrorResponses: false,
    // csrf-prevention.ts checks it, just before Apollo, with a cheaper reading of the content type.
    csrfPrevention: false,
    // server/http/stop-on-signals.ts stops the portal: Apollo's own handlers would re-raise the signal
    // and end the process before the database is closed.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // Only a configured proxy is believed about the client's address (rate limits) and TLS (the Secure cookie).
  app.set('trust proxy', trustProxySetting(opts.trustProxy ?? null));
  app.use(securityHeaders);
  const answers = new AnswerCache(() => opts.store.dataVersion(), opts.answerCacheBytes);
  // gzip or brotli for clients that ask: geometry answers shrink several-fold. Not for /graphql, whose answers are
  // compressed whole once Apollo has made them (graphql-handler.ts, compress-answer.ts): the middleware's wrapping of
  // every response cost a small uncached request more than its resolvers. The page's files come precompressed.
  const compress = compression();
  app.use((req, res, next) => (GRAPHQL_PATH.test(req.path) ? next() : compress(req, res, next)));
  app.use(sessionMiddleware(opts.store));
  // Anonymous and read-only callers send small queries; editors may upload an import file (5 MB, base64),
  // whose JSON is parsed in a worker thread so that the portal keeps answering meanwhile.
  const smallBody = smallJsonBody(SMALL_BODY_BYTES);
  const uploadBody = jsonBodyOffThread('8mb');
  const bodyFor: express.RequestHandler = (req, res, next) =>
    (['editor', 'admin'].includes(viewerOf(req).role) ? uploadBody : smallBody)(req, res, next);
  app.use(['/graphql', '/ogc', '/export', '/tiles'], sessionCacheHeaders);
  // Each request's store reads one snapshot (request-store.ts), shared by the answer cache's lookup and the resolvers.
  const requestStores = new WeakMap<IncomingMessage, AtlasStore>();
  const storeOf = (req: IncomingMessage): AtlasStore => {
    let store = requestStores.get(req);
    if (!store) { store = requestStore(opts.store); requestStores.set(req, store); }
    return store;
  };
  // The context of every GraphQL request, through Apollo or before Express (anonymous-post.ts).
  const contextOf = (req: IncomingMessage, res: ServerResponse, session: SessionControl): AtlasContext => ({
    store: storeOf(req), viewer: viewerOf(req), session, answerWritten: () => answerWritten(res),
  });
  // A body in another charset than UTF-8, or JSON that is not one request, gets a coded error naming what was sent.
  app.use('/graphql', refuseOtherCharsets, bodyFor, refuseNonRequestBodies, limitVariablesDepth, persistedOperationsOnly(opts.persistedOperations),
    cachedPostReads(answers, storeOf), csrfPrevention, refuseNotAcceptable,
    graphqlHandler(apollo, answers, (req, res) => contextOf(req, res, sessionControl(opts.store, req, res))));
  app.use('/ogc', ogcRouter(opts.store));
  app.use('/export', exportRouter(opts.store));
  app.use('/tiles', tilesRouter(opts.store, answers));
  app.use('/field-photos', fieldPhotosRouter(opts.store));
  app.use(staticFiles(opts.webDir));
  app.get('/', (_req, res) => {
    const index = join(opts.webDir, 'index.html');
    if (existsSync(index)) res.sendFile(index);
    else res.status(503).type('text').send('The web app is not built yet: run `npm start` (it builds it) or `npm run build`.');
  });
  app.use(jsonErrors);
  // Anonymous GET reads the cache holds are answered before Express, already compressed: no routing, no body
  // parsing, no Apollo; so are anonymous JSON POSTs of a query (below). Everything else goes through the app above.
  const cachedGet = cachedGetReads(answers, opts.persistedOperations);
  // The lookup asks the store for its data version (a round trip on PostgreSQL); should that fail, Express answers.
  // A request Express answers may have written: once it is answered, the next lookup reads the data version again
  // (answer-cache.ts reuses a reading for a millisecond), so whoever saw that answer never gets an older one after it.
  const throughExpress = (req: IncomingMessage, res: ServerResponse) => {
    const forget = () => answers.forgetVersion();
    res.once('finish', forget).once('close', forget);
    app(req, res);
  };
  // Anonymous JSON POSTs of a query are answered before Express too, by the same steps (anonymous-post.ts).
  const anonymousPost = opts.anonymousPostFastPath === false ? () => false : anonymousPosts({
    schema: opts.schema, documents: new ValidatedDocuments(opts.schema, validationRules, queryLimits.parseOptions), answers,
    store: opts.store, storeOf, contextOf, gate, toExpress: throughExpress,
  });
  const notCachedGet = (req: IncomingMessage, res: ServerResponse) => {
    let taken = false;
    try { taken = anonymousPost(req, res); } catch { taken = false; }
    if (!taken) throughExpress(req, res);
  };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    let answered: boolean | Promise<boolean>;
    try { answered = cachedGet(req, res); } catch { answered = false; }
    if (answered === false) notCachedGet(req, res);
    else if (answered !== true) answered.then((a) => { if (!a) throughExpress(req, res); }, () => throughExpress(req, res));
  };
  return { app, handler, stop: () => apollo.stop() };
}

/** The paths app.use('/graphql', …) serves. */
const GRAPHQL_PATH = /^\/graphql(?:\/|$)/i; // Express matches paths without regard to case

/** TRUST_PROXY as Express reads it: a hop count, true/false, or addresses and names such as "loopback". */
function trustProxySetting(value: string | null): boolean | number | string {
  if (value === null || value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
