// The JSON body of an anonymous or read-only /graphql request, read without body-parser's general machinery in the
// common case: a known length within the limit, application/json in UTF-8, not content-encoded. Reading such a body
// through body-parser (type-is, raw-body, an iconv decoder) cost more than Apollo's whole pipeline on a small query.
// Any other request (chunked, compressed, another charset, too large, no body) goes to express.json, which answers as
// before; errors take body-parser's shape, so jsonErrors answers them alike (400 malformed JSON). Well-formed JSON that
// is not an object (a string, a number, null) is read as it is: graphql-body-check.ts refuses it, naming what it is.
import express, { type RequestHandler } from 'express';

/** application/json, with no parameter or a UTF-8 charset: what GraphQL clients send. */
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** A body-parser style error (jsonErrors reads its status and type). */
function bodyError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, type, expose: true });
}

/** express.json({ limit }) with a shorter road for the common case above. */
export function smallJsonBody(limitBytes: number): RequestHandler {
  // Any JSON value is read (not strict): graphql-body-check.ts says what a body that is not one request should be.
  const general = express.json({ limit: limitBytes, strict: false });
  return (req, res, next) => {
    const h = req.headers;
    const length = Number(h['content-length']);
    const plain = req.method === 'POST' && PLAIN_JSON.test(h['content-type'] ?? '') && h['transfer-encoding'] === undefined
      && (h['content-encoding'] === undefined || h['content-encoding'].toLowerCase() === 'identity')
      && Number.isInteger(length) && length > 0 && length <= limitBytes;
    if (!plain) { general(req, res, next); return; }
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => { chunks.push(chunk); received += chunk.length; });
    req.once('error', () => { if (!settled) { settled = true; next(bodyError(400, 'request.aborted', 'request aborted')); } });
    req.once('end', () => {
      if (settled) return;
      settled = true;
      // Node frames the body by its Content-Length: fewer bytes means the client stopped sending.
      if (received !== length) { next(bodyError(400, 'request.size.invalid', 'request size did not match content length')); return; }
      let text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received)).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte order mark, as body-parser's decoder drops it
      try {
        req.body = JSON.parse(text);
      } catch (e) {
        next(bodyError(400, 'entity.parse.failed', (e as Error).message));
        return;
      }
      next();
    });
  };
}
