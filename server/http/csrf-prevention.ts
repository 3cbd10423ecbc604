// Cross-site request forgery: a request another site's form or <img> could make the browser send (a GET, or a POST of
// a "simple" content type) is refused unless it carries a header only a script of the same origin can set, which
// a browser would first ask the portal about (CORS preflight, never granted). Apollo's own check (csrfPrevention)
// said the same, but parsed the content type with a full MIME parser on every request; this is the one place of the
// rule, also read by the answer cache (read-key.ts answers only what this lets through).
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';

const SIMPLE_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];
/** Headers that make a browser preflight the request (Apollo's clients send the first). */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'] as const;

/** True when a browser could not have sent this request cross-site without a preflight. */
export function preflighted(headers: IncomingHttpHeaders): boolean {
  const type = headers['content-type'];
  if (type !== undefined && !SIMPLE_TYPES.includes(type.split(';')[0]!.trim().toLowerCase())) return true;
  // A loop rather than some(): no closure made per request (this runs on every cached read and 304).
  for (const name of PREFLIGHT_HEADERS) { const v = headers[name]; if (typeof v === 'string' && v.length > 0) return true; }
  return false;
}

/** Refuses a request that was not preflighted: 400 BAD_REQUEST naming CSRF and the header to send. */
export const csrfPrevention: RequestHandler = (req, res, next) => {
  if (preflighted(req.headers)) return next();
  res.status(400).json({ errors: [{
    message: 'Yêu cầu bị chặn vì có thể là giả mạo yêu cầu liên trang (CSRF): gửi Content-Type: application/json, hoặc header '
      + 'apollo-require-preflight / This operation has been blocked as a potential Cross-Site Request Forgery (CSRF): send '
      + 'Content-Type: application/json, or a non-empty apollo-require-preflight header',
    extensions: { code: 'BAD_REQUEST' },
  }] });
};
