// What a POST to /graphql must send before anything reads it further: JSON in UTF-8, and one JSON object that names an
// operation. Each rule is one function returning the refusal (status and the portal's JSON error body) or null, so
// every road that reads a /graphql body (Express's middleware below, or a faster one) answers the same faults alike.
import type { RequestHandler } from 'express';

/** A refused request: its HTTP status and the body to send (the shape of every other error of the portal). */
export interface BodyRefusal {
  status: 400 | 415;
  body: { errors: [{ message: string; extensions: { code: string; [key: string]: unknown } }] };
}

/** Error code of a JSON body in a charset other than UTF-8. */
export const UNSUPPORTED_CHARSET = 'UNSUPPORTED_CHARSET';

const refusal = (status: 400 | 415, message: string, extensions: BodyRefusal['body']['errors'][0]['extensions']): BodyRefusal =>
  ({ status, body: { errors: [{ message, extensions }] } });

/** True for a Content-Type of application/json, whatever its parameters. */
const isJson = (contentType: string | undefined) => contentType?.split(';')[0]!.trim().toLowerCase() === 'application/json';

/** The charset parameter of a Content-Type, as sent (quotes removed), or undefined. */
function charsetOf(contentType: string): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType)?.[1];
}

/**
 * A JSON body in another charset than UTF-8 (the only one JSON allows between systems, RFC 8259 §8.1): 415
 * UNSUPPORTED_CHARSET naming the charset sent. Any other Content-Type is left to the rules that read it (CSRF, Apollo).
 */
export function charsetRefusal(contentType: string | undefined): BodyRefusal | null {
  if (!isJson(contentType)) return null;
  const charset = charsetOf(contentType!);
  if (charset === undefined || charset.toLowerCase() === 'utf-8') return null;
  return refusal(415,
    `Bảng mã "${charset}" không được hỗ trợ: gửi JSON bằng UTF-8 (Content-Type: application/json; charset=utf-8) / `
    + `Charset "${charset}" is not supported: send the JSON in UTF-8 (Content-Type: application/json; charset=utf-8)`,
    { code: UNSUPPORTED_CHARSET, charset });
}

/**
 * A POST body that is well-formed JSON but not one GraphQL request: 400 BAD_REQUEST saying what was sent (nothing (as
 * undefined), a string, a number, true/false, null, an array: operations are not batched here) and what is expected, a
 * JSON object with a `query` or a persisted-query extension. An object that has either is left to Apollo (it checks
 * their types).
 */
export function bodyRefusal(body: unknown): BodyRefusal | null {
  const vi = 'một đối tượng JSON có "query" (hoặc extensions.persistedQuery)';
  const en = 'a JSON object with a "query" (or an extensions.persistedQuery)';
  if (Array.isArray(body)) {
    return refusal(400, `Không nhận nhiều thao tác trong một mảng JSON: gửi mỗi thao tác là ${vi} / `
      + `Batched operations (a JSON array) are not accepted: send each operation as ${en}`, { code: 'BAD_REQUEST', received: 'array' });
  }
  if (body === undefined) {
    return refusal(400, `Yêu cầu POST không có nội dung: gửi ${vi} / The POST request has no body: send ${en}`,
      { code: 'BAD_REQUEST', received: 'nothing' });
  }
  if (typeof body !== 'object' || body === null) {
    const received = body === null ? 'null' : typeof body;
    const receivedVi = ({ string: 'một chuỗi', number: 'một số', boolean: 'true/false' } as Record<string, string>)[received] ?? received;
    return refusal(400, `Nội dung yêu cầu là JSON ${receivedVi}, không phải ${vi} / `
      + `The request body is a JSON ${received}, not ${en}`, { code: 'BAD_REQUEST', received });
  }
  const { query, extensions } = body as { query?: unknown; extensions?: { persistedQuery?: unknown } };
  if (query !== undefined || (typeof extensions === 'object' && extensions?.persistedQuery !== undefined)) return null;
  return refusal(400, `Nội dung yêu cầu phải là ${vi} / The request body must be ${en}`, { code: 'BAD_REQUEST', received: 'object' });
}

const send = (res: Parameters<RequestHandler>[1], r: BodyRefusal) => { res.status(r.status).json(r.body); };

/** Before the body is read: refuses a JSON body in another charset than UTF-8 (charsetRefusal). */
export const refuseOtherCharsets: RequestHandler = (req, res, next) => {
  const r = charsetRefusal(req.headers['content-type']);
  if (r) send(res, r); else next();
};

/** After the body is read: refuses a JSON POST that is not one GraphQL request (bodyRefusal). GETs carry no body. */
export const refuseNonRequestBodies: RequestHandler = (req, res, next) => {
  // body-parser leaves req.body undefined when it read nothing: no body, or another Content-Type (CSRF prevention and
  // Apollo answer the latter); it reads an empty body as {}, which is no body either.
  const body = req.headers['content-length'] === '0' ? undefined : req.body;
  const r = req.method === 'POST' && (body !== undefined || isJson(req.headers['content-type'])) ? bodyRefusal(body) : null;
  if (r) send(res, r); else next();
};
