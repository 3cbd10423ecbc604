// Anonymous reads answered from the answer cache before Express (GET) or right after body parsing (POST), never
// through Apollo: bytes already serialised and compressed, a strong ETag, 304 on If-None-Match, and headers a
// shared cache may honour. Both paths build the response with one function (preparedResponse).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { PersistedOperations } from '../client-types/persisted-operations.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import type { AnswerCache, PreparedAnswer } from './answer-cache.ts';
import { getReadKey, postReadKey } from './read-key.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

/** Response header telling whether the body came from the cache (`hit`) or was computed and kept (`miss`). */
export const CACHE_HEADER = 'x-atlas-cache';

/**
 * Browsers and proxies may reuse an anonymous answer for a minute without asking (an edit shows within a
 * minute: the data changes a few times a day), and for ten more minutes while they revalidate in the background
 * (a 304 costs the portal next to nothing), so a proxy in front keeps answering while the portal is busy.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600';

/** The encoding to send: brotli, else gzip, else none, as the client's Accept-Encoding allows (q=0 refuses). */
export function chosenEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
  if (!acceptEncoding) return 'identity';
  let gzip = false;
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
    if (refused) continue;
    if (name === 'br') return 'br';
    if (name === 'gzip' || name === '*') gzip = true;
  }
  return gzip ? 'gzip' : 'identity';
}

/** True when If-None-Match names this ETag (weak comparison, as RFC 9110 asks for If-None-Match), or is `*`. */
function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => { const tag = t.trim(); return tag === etag || tag === `W/${etag}`; });
}

/** How a prepared answer goes out: its status, headers (name, value, …) and body, whichever path sends it. */
interface PreparedResponse { status: 200 | 304; headers: string[]; body: Buffer | undefined }

/** A prepared answer as a response: 304 when the client has it, else its bytes in the encoding the client takes best. */
function preparedResponse(req: IncomingMessage, answer: PreparedAnswer, state: 'hit' | 'miss'): PreparedResponse {
  const encoding = chosenEncoding(req.headers['accept-encoding']);
  // A strong tag names one sequence of bytes: each encoding gets its own (RFC 9110 §8.8.3).
  const etag = encoding === 'identity' ? answer.etag : answer.etag.replace(/"$/, `-${encoding}"`);
  const headers = [
    'ETag', etag,
    'Cache-Control', PUBLIC_CACHE_CONTROL,
    // The bytes depend on the encoding asked for; the answer itself on whether a session cookie comes with the
    // request (signed-in requests bypass this cache and see more): a shared cache must not reuse one for the other.
    'Vary', 'Accept-Encoding, Cookie',
    CACHE_HEADER, state,
  ];
  if (notModified(req.headers['if-none-match'], etag)) return { status: 304, headers, body: undefined };
  const body = answer[encoding];
  headers.push('Content-Type', answer.contentType, 'Content-Length', String(body.length));
  if (encoding !== 'identity') headers.push('Content-Encoding', encoding);
  return { status: 200, headers, body: req.method === 'HEAD' ? undefined : body };
}

/** Send a prepared answer inside Express (whose middleware has set headers of its own already). */
export function sendPrepared(req: IncomingMessage, res: ServerResponse, answer: PreparedAnswer, state: 'hit' | 'miss'): void {
  const { status, headers, body } = preparedResponse(req, answer, state);
  for (let i = 0; i < headers.length; i += 2) res.setHeader(headers[i]!, headers[i + 1]!);
  res.statusCode = status;
  res.end(body);
}

/**
 * Send a prepared answer before Express: the headers its middleware would set (security-headers.ts) and the
 * answer's, written at once: the same header lines as sendPrepared inside Express (tests/http-cache-fast-path.test.ts).
 */
export function sendPreparedFirst(req: IncomingMessage, res: ServerResponse, answer: PreparedAnswer, state: 'hit' | 'miss' = 'hit'): void {
  const { status, headers, body } = preparedResponse(req, answer, state);
  res.writeHead(status, SECURITY_HEADERS.concat(headers));
  res.end(body);
}

/**
 * Where graphql-handler.ts finds the key of a cacheable request that missed (set by the two lookups below), with the
 * generation that lookup saw (the answer computed for the miss belongs to it). Beside the request, not on it: new
 * properties on Express's request objects were a measurable part of a small request's cost.
 */
const misses = new WeakMap<IncomingMessage, { key: string; generation: string }>();
const missed = (req: IncomingMessage, key: string, generation: string) => { misses.set(req, { key, generation }); };

/**
 * The lookup for anonymous GET (and HEAD) reads of /graphql by persisted id, run on the raw request before
 * Express (its routing and middleware cost more than sending a cached answer): true when it answered, at once
 * when the data version was read less than a millisecond ago (answer-cache.ts, VERSION_REUSE_MS), else a promise.
 * On a miss it leaves the key on the request for graphql-handler.ts and Express takes over.
 */
export function cachedGetReads(cache: AnswerCache, manifest: PersistedOperations): (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean> {
  return (req, res) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url?.startsWith('/graphql?')) return false;
    const key = getReadKey(req.url, req.headers, manifest);
    if (key === null) return false;
    const answer = ({ answer, generation }: { answer: PreparedAnswer | undefined; generation: string }): boolean => {
      if (!answer) { missed(req, key, generation); return false; }
      sendPreparedFirst(req, res, answer);
      return true;
    };
    const now = cache.lookupNow(key);
    return now ? answer(now) : cache.lookup(key).then(answer);
  };
}

/**
 * The same for anonymous POSTs of a query, once their JSON body is parsed. The data version is read from the
 * request's own snapshot (`storeOf`, server/store/request-store.ts): the one its answer is computed from on a miss,
 * so a miss reads the version once, not once here and again in the resolvers.
 */
export function cachedPostReads(cache: AnswerCache, storeOf: (req: IncomingMessage) => AtlasStore): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST') return next();
    const key = postReadKey(req.body, req.headers);
    if (key === null) return next();
    cache.lookup(key, async () => (await storeOf(req).snapshot()).version).then(({ answer, generation }) => {
      if (answer) return sendPrepared(req, res, answer, 'hit');
      missed(req, key, generation);
      next();
    }, next);
  };
}

/** The cache key the lookups gave this request, if it is a cacheable read that missed. */
export function readKeyOf(req: IncomingMessage): string | undefined {
  return misses.get(req)?.key;
}

/** The generation the lookup of that request looked in (set with its key). */
export function readGenerationOf(req: IncomingMessage): string | undefined {
  return misses.get(req)?.generation;
}
