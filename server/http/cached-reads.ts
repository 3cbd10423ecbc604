// Anonymous reads answered from the answer cache before Express (GET) or right after body parsing (POST), never
// through Apollo: bytes already serialised and compressed, a strong ETag, 304 on If-None-Match, and headers a
// shared cache may honour. Both paths build the response with one function (preparedResponse).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { PersistedOperations } from '../client-types/persisted-operations.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import type { AnswerCache, PreparedAnswer } from './answer-cache.ts';
import { MEDIA_SLOTS, mediaTypeOf, type GraphQLMediaType } from './graphql-media-type.ts';
import { boundedMemo } from './bounded-memo.ts';
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

/** Encodings by their slot in PreparedAnswer.heads. */
const ENCODINGS = ['identity', 'gzip', 'br'] as const;
type Encoding = typeof ENCODINGS[number];

/** The encoding to send: brotli, else gzip, else none, as the client's Accept-Encoding allows (q=0 refuses). */
export function chosenEncoding(acceptEncoding: string | undefined): Encoding {
  return acceptEncoding ? encodingOf(acceptEncoding) : 'identity';
}
const encodingOf = boundedMemo(negotiatedEncoding, { entries: 64, maxKeyChars: 256 });

function negotiatedEncoding(acceptEncoding: string): Encoding {
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
  if (ifNoneMatch === etag) return true; // what a revalidating client sends: the tag it was given
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => { const tag = t.trim(); return tag === etag || tag === `W/${etag}`; });
}

/**
 * A prepared answer of a GraphQL request is sent in the media type the request's Accept chose (graphql-media-type.ts):
 * the same bytes, another Content-Type and ETag, and `Vary: Accept`. A tile (null) has the one type it was kept with.
 */
type Representation = GraphQLMediaType | null;

/** The slot of a representation in PreparedAnswer.heads (tiles after the GraphQL media types). */
const slotOf = (media: Representation, encoding: Encoding, status: 200 | 304) =>
  ((media ? media.slot : MEDIA_SLOTS) * ENCODINGS.length + ENCODINGS.indexOf(encoding)) * 2 + (status === 304 ? 1 : 0);

/**
 * Every header line of one way of sending a prepared answer, the security headers first (the Express path skips
 * them: its middleware set them already), built once per answer and way: a 304 of the cache costs about what a raw
 * server's costs, and building these lines (the tag, the length, the list) was a good part of it.
 */
function headLines(answer: PreparedAnswer, media: Representation, encoding: Encoding, status: 200 | 304, state: 'hit' | 'miss'): string[] {
  const slot = slotOf(media, encoding, status);
  const kept = state === 'hit' ? answer.heads[slot] : undefined;
  if (kept) return kept;
  const lines = SECURITY_HEADERS.concat([
    'ETag', etagOf(answer, media, encoding),
    'Cache-Control', PUBLIC_CACHE_CONTROL,
    // The bytes depend on the encoding asked for, a GraphQL answer's type on Accept; the answer itself on whether a
    // session cookie comes with the request (signed-in requests bypass this cache and see more): a shared cache
    // must not reuse one for another.
    'Vary', media ? 'Accept, Accept-Encoding, Cookie' : 'Accept-Encoding, Cookie',
    CACHE_HEADER, state,
  ]);
  if (status === 200) {
    lines.push('Content-Type', media ? media.contentType : answer.contentType, 'Content-Length', String(answer[encoding].length));
    if (encoding !== 'identity') lines.push('Content-Encoding', encoding);
  }
  if (state === 'hit') answer.heads[slot] = lines;
  return lines;
}

/** The strong ETag of one representation: a tag names one sequence of bytes and its type (RFC 9110 §8.8.3). */
function etagOf(answer: PreparedAnswer, media: Representation, encoding: Encoding): string {
  const parts = (media ? media.etagPart : '') + (encoding === 'identity' ? '' : `-${encoding}`);
  return parts ? answer.etag.replace(/"$/, `${parts}"`) : answer.etag;
}

/** How a prepared answer goes out: its status, header lines (name, value, …, security headers first) and body. */
interface PreparedResponse { status: 200 | 304; lines: string[]; body: Buffer | undefined }

/** A prepared answer as a response: 304 when the client has it, else its bytes in the encoding the client takes best. */
function preparedResponse(req: IncomingMessage, answer: PreparedAnswer, media: Representation, state: 'hit' | 'miss'): PreparedResponse {
  const encoding = chosenEncoding(req.headers['accept-encoding']);
  const ok = headLines(answer, media, encoding, 200, state);
  // The 200's ETag (its line after the security headers) is the one a revalidation names.
  if (notModified(req.headers['if-none-match'], ok[SECURITY_HEADERS.length + 1]!)) {
    return { status: 304, lines: headLines(answer, media, encoding, 304, state), body: undefined };
  }
  return { status: 200, lines: ok, body: req.method === 'HEAD' ? undefined : answer[encoding] };
}

/**
 * Send a prepared answer inside Express (whose middleware has set the security headers already). `media`: the type
 * a GraphQL request's Accept chose (mediaTypeOf); null for a tile.
 */
export function sendPrepared(req: IncomingMessage, res: ServerResponse, answer: PreparedAnswer, state: 'hit' | 'miss', media: Representation): void {
  const { status, lines, body } = preparedResponse(req, answer, media, state);
  for (let i = SECURITY_HEADERS.length; i < lines.length; i += 2) res.setHeader(lines[i]!, lines[i + 1]!);
  res.statusCode = status;
  res.end(body);
}

/**
 * Send a prepared answer of a GraphQL request before Express: the headers its middleware would set (security-headers.ts)
 * and the answer's, written at once: the same header lines as sendPrepared inside Express (tests/http-cache-fast-path.test.ts).
 */
export function sendPreparedFirst(req: IncomingMessage, res: ServerResponse, answer: PreparedAnswer, media: GraphQLMediaType, state: 'hit' | 'miss' = 'hit'): void {
  const { status, lines, body } = preparedResponse(req, answer, media, state);
  res.writeHead(status, lines);
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
    // A client that accepts no GraphQL type gets Express's 406 (graphql-media-type.ts).
    const media = mediaTypeOf(req.headers);
    if (media === null) return false;
    const key = getReadKey(req.url, req.headers, manifest);
    if (key === null) return false;
    const now = cache.answerNow(key);
    if (now) { sendPreparedFirst(req, res, now, media); return true; }
    return cache.lookup(key).then((found) => sentOrMissed(req, res, key, media, found));
  };
}

/** Send what a lookup found, or leave its key and generation for graphql-handler.ts: true when sent. */
function sentOrMissed(req: IncomingMessage, res: ServerResponse, key: string, media: GraphQLMediaType,
  { answer, generation }: { answer: PreparedAnswer | undefined; generation: string }): boolean {
  if (!answer) { missed(req, key, generation); return false; }
  sendPreparedFirst(req, res, answer, media);
  return true;
}

/**
 * The same for anonymous POSTs of a query, once their JSON body is parsed (postLookup).
 */
export function cachedPostReads(cache: AnswerCache, storeOf: (req: IncomingMessage) => AtlasStore): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST') return next();
    const media = mediaTypeOf(req.headers);
    const key = media === null ? null : postReadKey(req.body, req.headers);
    if (key === null || media === null) return next();
    postLookup(cache, key, () => storeOf(req)).then(({ answer, generation }) => {
      if (answer) return sendPrepared(req, res, answer, 'hit', media);
      missed(req, key, generation);
      next();
    }, next);
  };
}

/**
 * The lookup of an anonymous POST (here and before Express, anonymous-post.ts). A hit is found as a GET's is: in the
 * data version read less than a millisecond ago, else read once for all the lookups waiting; no request store, no
 * snapshot (reading the version from each request's snapshot, a read transaction on SQLite, was most of a hit's
 * cost). A miss looks again in the data version of the request's own snapshot (`store`, server/store/request-store.ts):
 * the one its answer is then computed from, so the resolvers do not read the version a second time.
 */
export async function postLookup(cache: AnswerCache, key: string, store: () => AtlasStore): Promise<{ answer: PreparedAnswer | undefined; generation: string }> {
  const first = cache.lookupNow(key) ?? await cache.lookup(key);
  if (first.answer) return first;
  return cache.lookup(key, async () => (await store().snapshot()).version);
}

/** The cache key the lookups gave this request, if it is a cacheable read that missed. */
export function readKeyOf(req: IncomingMessage): string | undefined {
  return misses.get(req)?.key;
}

/** The generation the lookup of that request looked in (set with its key). */
export function readGenerationOf(req: IncomingMessage): string | undefined {
  return misses.get(req)?.generation;
}
