// Anonymous GraphQL POSTs answered before Express: the common request of an analyst or a tool (no session cookie,
// a UTF-8 application/json body of one query) costs, through Express and Apollo's pipeline, more than resolving it
// (its router and middleware, seven plugin hooks, content negotiation, a second hash of the query). Here it runs the
// same steps with the same functions: the body read as small-json-body.ts reads it, the CSRF rule (csrf-prevention.ts),
// the nesting limits (variables-depth.ts), the answer cache (cached-reads.ts), the same validation rules and query
// limits through a store of validated documents, the heavy-request gate, graphql-js `execute` on the same schema and
// context, errors formatted as Apollo formats them, the anonymous size cap, and the same headers. Anything else — a
// session cookie, another content type, a batch, extensions (persisted queries), a mutation, a document Apollo would
// refuse, variables it would refuse — goes to Express unchanged, with the body already read (bodyReadBefore), and is
// answered there exactly as before. A body whose text passed these checks before is looked up by its text, without
// being parsed again (post-body-keys.ts). tests/anonymous-post-fast-path.test.ts sends the same requests both ways.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { execute, getOperationAST, getVariableValues, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { AtlasContext, SessionControl } from '../schema/context.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import { countPostBeforeExpress } from '../diagnostics/request-paths.ts';
import type { AnswerCache, PreparedAnswer } from './answer-cache.ts';
import { answerWritten } from './answer-written.ts';
import { cappedAnswer } from './answer-size-cap.plugin.ts';
import { weighAnswers } from './answer-size.ts';
import { postLookup, sendPreparedFirst } from './cached-reads.ts';
import { preflighted } from './csrf-prevention.ts';
import { formatExecutionErrors } from './format-error.ts';
import { JSON_MEDIA, mediaTypeOf, type GraphQLMediaType } from './graphql-media-type.ts';
import { writeGraphQLAnswer } from './graphql-handler.ts';
import type { HeavyRequestGate } from './heavy-request-gate.plugin.ts';
import { errorResponse } from './json-errors.ts';
import { hasSessionCookie, postReadKey } from './read-key.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { setSessionCacheHeaders } from './session-cache-headers.ts';
import { PostBodyKeys } from './post-body-keys.ts';
import { bodyReadBefore, parsedJson, plainJsonLength, readPlainText, SMALL_BODY_BYTES, type BodyText } from './small-json-body.ts';
import type { ValidatedDocuments } from './validated-documents.ts';
import { nestingRefusal } from './variables-depth.ts';

/** What the path needs of the portal: the same schema, documents, cache, store, context and gate as Apollo's path. */
export interface AnonymousPostDeps {
  schema: GraphQLSchema;
  documents: ValidatedDocuments;
  answers: AnswerCache;
  store: AtlasStore;
  /** The request's store (one snapshot per request, server/store/request-store.ts). */
  storeOf: (req: IncomingMessage) => AtlasStore;
  /** The context factory of Apollo's path (app.ts). */
  contextOf: (req: IncomingMessage, res: ServerResponse, session: SessionControl) => AtlasContext;
  gate: HeavyRequestGate;
  /** Hand the request to Express (its body read already: bodyReadBefore). */
  toExpress: (req: IncomingMessage, res: ServerResponse) => void;
}

/** The type of body-parser's errors as jsonErrors sends them (res.type('application/json')). */
const CONTENT_TYPE = 'application/json; charset=utf-8';

/** The one query of a plain body, or null when Apollo should see the body (a batch, extensions, odd fields). */
interface PlainRequest { query: string; operationName: string | undefined; variables: Record<string, unknown> | undefined }
function plainRequest(body: unknown): PlainRequest | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { query, operationName, variables, extensions } = body as Record<string, unknown>;
  if (typeof query !== 'string' || extensions !== undefined) return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
  return { query, operationName: operationName ?? undefined, variables: (variables ?? undefined) as Record<string, unknown> | undefined };
}

/** Only queries run here, and no query touches the session (sign-in and sign-out are mutations, run by Express). */
const QUERIES_ONLY_SESSION = (req: IncomingMessage): SessionControl => ({
  get clientKey() { return req.socket.remoteAddress ?? 'unknown'; },
  signIn: () => Promise.reject(new Error('sign-in runs through Express')),
  signOut: () => Promise.reject(new Error('sign-out runs through Express')),
});

/**
 * The request listener's first look at a request: true when this path took it (it answers it, or hands it to
 * Express once its body is read), false when it is not an anonymous JSON POST to /graphql (Express takes it as is).
 */
export function anonymousPosts(deps: AnonymousPostDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const bodyKeys = new PostBodyKeys();
  return (req, res) => {
    if (req.method !== 'POST' || req.url !== '/graphql') return false;
    const h = req.headers;
    if (hasSessionCookie(h) || !preflighted(h)) return false;
    // The type Apollo would answer in (graphql-media-type.ts); none acceptable: Express answers 406.
    const media = mediaTypeOf(h);
    if (media === null) return false;
    const length = plainJsonLength(req.method, h, SMALL_BODY_BYTES);
    if (length === null) return false;
    readPlainText(req, length, (text) => answerBody(deps, bodyKeys, req, res, text, media));
    return true;
  };
}

/** A request this path could not answer: body-parser's or Apollo's coded error, or a cut connection once writing began. */
function answerFailed(res: ServerResponse, e: unknown): void {
  if (res.headersSent) { res.destroy(); return; }
  const { status, body } = errorResponse(e);
  setSecurityHeaders(res);
  res.writeHead(status, { 'Content-Type': CONTENT_TYPE }).end(body);
}

/**
 * Answer a request whose body is read. A hit of a body whose key is known (bodyKeys: it passed every check below
 * before) is sent without parsing the body again, at once when the data version was read less than a millisecond ago
 * (answer-cache.ts), else once it is read; everything else goes through `answer`.
 */
function answerBody(deps: AnonymousPostDeps, bodyKeys: PostBodyKeys, req: IncomingMessage, res: ServerResponse, text: BodyText, media: GraphQLMediaType): void {
  const key = text.ok ? bodyKeys.get(text.text) : undefined;
  if (key !== undefined) {
    try {
      const now = deps.answers.answerNow(key);
      if (now) { sendHit(req, res, now, media); return; }
      if (now === null) {
        deps.answers.lookup(key).then(({ answer: found }) => (found ? sendHit(req, res, found, media) : answer(deps, bodyKeys, req, res, text, media)))
          .catch((e: unknown) => answerFailed(res, e));
        return;
      }
    } catch (e) { answerFailed(res, e); return; }
  }
  answer(deps, bodyKeys, req, res, text, media).catch((e: unknown) => answerFailed(res, e));
}

/** A hit, counted as a POST answered before Express. */
function sendHit(req: IncomingMessage, res: ServerResponse, answer: PreparedAnswer, media: GraphQLMediaType): void {
  countPostBeforeExpress();
  sendPreparedFirst(req, res, answer, media, 'hit');
}

/** Answer one request whose body is read, or hand it to Express. */
async function answer(deps: AnonymousPostDeps, bodyKeys: PostBodyKeys, req: IncomingMessage, res: ServerResponse, text: BodyText, media: GraphQLMediaType): Promise<void> {
  const read = parsedJson(text);
  const toExpress = () => { bodyReadBefore(req, read); deps.toExpress(req, res); };
  if (!read.ok || !text.ok) return toExpress();
  const request = plainRequest(read.body);
  if (!request || nestingRefusal(request.query, request.variables)) return toExpress();
  const key = postReadKey(read.body, req.headers);
  let generation = '';
  if (key !== null) {
    bodyKeys.remember(text.text, key);
    // The request's store (a snapshot per request) only for a miss: a hit needs none.
    const found = await postLookup(deps.answers, key, () => deps.storeOf(req));
    if (found.answer) return sendHit(req, res, found.answer, media);
    generation = found.generation;
  }
  const store = deps.storeOf(req);
  weighAnswers(deps.store, await store.snapshot());
  const document = deps.documents.get(request.query);
  const operation = document && getOperationAST(document, request.operationName);
  if (!document || !operation || operation.operation !== 'query' || !variablesAccepted(deps.schema, operation, request.variables)) return toExpress();
  countPostBeforeExpress();

  const heavy = deps.gate.isHeavy(document);
  if (heavy) await deps.gate.acquire();
  try {
    await run(deps, req, res, document, request, key, generation, media);
  } finally {
    if (heavy) deps.gate.releaseWhen(answerWritten(res));
  }
}

/** True when the variables coerce (else Apollo answers with its 400 BAD_USER_INPUT naming them). */
function variablesAccepted(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): boolean {
  if (!operation.variableDefinitions?.length) return true;
  return !('errors' in getVariableValues(schema, operation.variableDefinitions, variables ?? {}, { maxErrors: 50 }));
}

/** Execute, format, cap, and write (or keep in the answer cache) as Apollo's path does. */
async function run(deps: AnonymousPostDeps, req: IncomingMessage, res: ServerResponse, document: DocumentNode, request: PlainRequest,
  key: string | null, generation: string, media: GraphQLMediaType): Promise<void> {
  const result = await execute({
    schema: deps.schema, document, operationName: request.operationName, variableValues: request.variables,
    contextValue: deps.contextOf(req, res, QUERIES_ONLY_SESSION(req)),
  });
  const errors = result.errors?.length ? formatExecutionErrors(result.errors) : undefined;
  // The result as Apollo's plugins see it (the cap walks it in this order and stops past the cap: the size it names
  // depends on the order), then serialised in Apollo's order of the fields: errors, data, extensions.
  const capped = cappedAnswer({ ...result, errors });
  // Without data (nothing executed) Apollo answers 400; execution errors beside data, 200.
  const status = capped.status ?? (errors && result.data === undefined ? 400 : 200);
  const { errors: sentErrors, data, extensions } = capped.result as { errors?: unknown; data?: unknown; extensions?: unknown };
  const json = JSON.stringify({ errors: sentErrors, data, extensions }) + '\n';
  const keep = status === 200 && !errors && Boolean(result.data);
  if (key !== null && keep && deps.answers.couldKeep(json.length)) {
    return sendPreparedFirst(req, res, await deps.answers.prepare(key, generation, json, JSON_MEDIA.contentType), media, 'miss');
  }
  setSecurityHeaders(res);
  setSessionCacheHeaders(req, res);
  await writeGraphQLAnswer(req, res, { status, headers: [['content-type', media.contentType], ['cache-control', 'no-store']], body: json },
    key !== null ? 'miss' : undefined);
}
