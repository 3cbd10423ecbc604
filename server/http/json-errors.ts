// Express's last word on a failed request: a short JSON error, never its HTML page with a stack.
import type { ErrorRequestHandler } from 'express';

interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
  limit?: number;
  expose?: boolean;
}

/** Body shaped like a GraphQL error response, so the page's client reads every failure the same way. */
function errorBody(message: string, code: string, extra: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extra } }] };
}

const formatBytes = (n: number) => (n >= 1024 * 1024 ? `${n / 1024 / 1024} MB` : `${Math.round(n / 1024)} kB`);

/**
 * The answer to a failed request: an oversized body is 413, malformed JSON 400, another client error its own 4xx,
 * anything else 500. The body names the problem and never carries a stack, a file path, SQL or the request's own bytes.
 */
export function errorResponse(err: unknown): { status: number; body: string } {
  const e = (typeof err === 'object' && err !== null ? err : {}) as HttpError;
  const status = e.status ?? e.statusCode ?? 500;
  let body;
  if (e.type === 'entity.too.large') {
    const limit = e.limit ? ` (${formatBytes(e.limit)})` : '';
    body = errorBody(`Yêu cầu quá lớn${limit} / Request body too large${limit}`, 'PAYLOAD_TOO_LARGE', e.limit ? { limitBytes: e.limit } : {});
  } else if (e.type === 'entity.parse.failed') {
    body = errorBody('JSON không hợp lệ / Malformed JSON in the request body', 'BAD_REQUEST');
  } else if (status >= 400 && status < 500) {
    body = errorBody(`Yêu cầu không hợp lệ / Bad request (HTTP ${status})`, 'BAD_REQUEST');
  } else {
    console.error('Unhandled HTTP error:', err);
    body = errorBody('Lỗi máy chủ; dữ liệu không thay đổi / Internal server error; nothing was changed', 'INTERNAL_SERVER_ERROR');
  }
  return { status: status >= 400 && status < 600 ? status : 500, body: JSON.stringify(body) };
}

/** Error handler mounted after every route: errorResponse's answer, as JSON. */
export const jsonErrors: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  if (res.headersSent) return next(err);
  const { status, body } = errorResponse(err);
  res.status(status).type('application/json').send(body);
};
