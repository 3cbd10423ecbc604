// The JSON body of an anonymous or read-only /graphql request, read without body-parser's general machinery in the
// common case: a known length within the limit, application/json in UTF-8, not content-encoded. Reading such a body
// through body-parser (type-is, raw-body, an iconv decoder) cost more than Apollo's whole pipeline on a small query.
// Any other request (chunked, compressed, another charset, too large, no body) goes to express.json, which answers as
// before; errors take body-parser's shape, so jsonErrors answers them alike (400 malformed JSON). Well-formed JSON that
// is not an object (a string, a number, null) is read as it is: graphql-body-check.ts refuses it, naming what it is.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import express, { type RequestHandler } from 'express';

/** application/json, with no parameter or a UTF-8 charset: what GraphQL clients send. */
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** A body-parser style error (jsonErrors reads its status and type). */
function bodyError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, type, expose: true });
}

/** What reading a body gave: the parsed JSON, or body-parser's error for it. */
export type JsonBody = { ok: true; body: unknown } | { ok: false; error: Error };

/**
 * The body's length when it is the common case read here (a POST of UTF-8 application/json, not chunked nor
 * encoded, 1 to limitBytes bytes), else null (express.json reads it).
 */
export function plainJsonLength(method: string | undefined, h: IncomingHttpHeaders, limitBytes: number): number | null {
  const length = Number(h['content-length']);
  const plain = method === 'POST' && PLAIN_JSON.test(h['content-type'] ?? '') && h['transfer-encoding'] === undefined
    && (h['content-encoding'] === undefined || h['content-encoding'].toLowerCase() === 'identity')
    && Number.isInteger(length) && length > 0 && length <= limitBytes;
  return plain ? length : null;
}

/** What reading a body's bytes gave: its text (UTF-8, a byte order mark dropped), or body-parser's error. */
export type BodyText = { ok: true; text: string } | { ok: false; error: Error };

/** Read the text of a body plainJsonLength accepted; `done` is called once, with body-parser's error when it fails. */
export function readPlainText(req: IncomingMessage, length: number, done: (read: BodyText) => void): void {
  const chunks: Buffer[] = [];
  let received = 0;
  let settled = false;
  const settle = (read: BodyText) => { if (!settled) { settled = true; done(read); } };
  req.on('data', (chunk: Buffer) => { chunks.push(chunk); received += chunk.length; });
  req.once('error', () => settle({ ok: false, error: bodyError(400, 'request.aborted', 'request aborted') }));
  req.once('end', () => {
    // Node frames the body by its Content-Length: fewer bytes means the client stopped sending.
    if (received !== length) { settle({ ok: false, error: bodyError(400, 'request.size.invalid', 'request size did not match content length') }); return; }
    const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received)).toString('utf8');
    // A byte order mark, as body-parser's decoder drops it.
    settle({ ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text });
  });
}

/** The JSON of a body's text, or body-parser's error for text that is not JSON. */
export function parsedJson(read: BodyText): JsonBody {
  if (!read.ok) return read;
  try {
    return { ok: true, body: JSON.parse(read.text) };
  } catch (e) {
    return { ok: false, error: bodyError(400, 'entity.parse.failed', (e as Error).message) };
  }
}

/**
 * Bodies read before Express (server/http/anonymous-post.ts) of requests it then handed to Express: the body is
 * taken from here, as if read now (the stream is already consumed).
 */
const readBefore = new WeakMap<IncomingMessage, JsonBody>();

/** Hand a request whose body was read already to the Express path, with what reading it gave. */
export function bodyReadBefore(req: IncomingMessage, read: JsonBody): void {
  readBefore.set(req, read);
}

/** express.json({ limit }) with a shorter road for the common case above. */
export function smallJsonBody(limitBytes: number): RequestHandler {
  // Any JSON value is read (not strict): graphql-body-check.ts says what a body that is not one request should be.
  const general = express.json({ limit: limitBytes, strict: false });
  const settle = (req: express.Request, next: express.NextFunction, read: JsonBody) => {
    if (!read.ok) { next(read.error); return; }
    req.body = read.body;
    next();
  };
  return (req, res, next) => {
    const before = readBefore.get(req);
    if (before) { settle(req, next, before); return; }
    const length = plainJsonLength(req.method, req.headers, limitBytes);
    if (length === null) { general(req, res, next); return; }
    readPlainText(req, length, (read) => settle(req, next, parsedJson(read)));
  };
}

/** The body limit of anonymous and read-only requests: small queries (editors' uploads have their own, larger one). */
export const SMALL_BODY_BYTES = 1024 * 1024;
