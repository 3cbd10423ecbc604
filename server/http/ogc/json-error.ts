// JSON error bodies for the OGC API and the exports: an OGC-style exception ({ code, description }) that
// names the parameter at fault, in Vietnamese and English. Anything unexpected is masked.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AtlasError, shortenQuoted } from '../../errors.ts';

/** An HTTP error the caller can act on: status, OGC exception code, bilingual description, parameter. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly parameter?: string) {
    super(shortenQuoted(message));
  }
}

/** 400 naming the query parameter at fault. */
export const badParameter = (parameter: string, vi: string, en: string) =>
  new HttpError(400, 'InvalidParameterValue', `${vi} / ${en}`, parameter);

/** 404 for an unknown collection, feature or path. */
export const notFound = (vi: string, en: string) => new HttpError(404, 'NotFound', `${vi} / ${en}`);

/** Express error handler: HttpError and AtlasError keep their message; anything else becomes a masked 500. */
export const jsonErrors: ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) return next(err);
  if (err instanceof HttpError) {
    res.status(err.status).json({ code: err.code, description: err.message, ...(err.parameter ? { parameter: err.parameter } : {}) });
  } else if (err instanceof AtlasError) {
    const status = err.code === 'NOT_FOUND' ? 404 : err.code === 'BAD_USER_INPUT' ? 400 : err.code === 'FORBIDDEN' ? 403 : err.code === 'UNAUTHENTICATED' ? 401 : 409;
    const field = typeof err.details.field === 'string' ? err.details.field : undefined;
    res.status(status).json({ code: status === 400 ? 'InvalidParameterValue' : err.code, description: err.message, ...(field ? { parameter: field } : {}) });
  } else {
    console.error('Internal error:', err);
    res.status(500).json({ code: 'ServerError', description: 'Lỗi máy chủ / Internal server error' });
  }
};

/** Final handler of a router: any path it does not know is a JSON 404. */
export const unknownPath: RequestHandler = (req, _res, next) =>
  next(notFound(`Không có đường dẫn ${req.originalUrl.split('?')[0]}`, `No such path ${req.originalUrl.split('?')[0]}`));
