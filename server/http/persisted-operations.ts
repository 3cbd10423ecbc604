import type { Request, RequestHandler } from 'express';
import type { PersistedOperations } from '../client-types/persisted-operations.ts';
import { viewerOf } from './viewer.ts';

/** Error code of an anonymous GET that does not name an operation of the manifest. */
export const UNKNOWN_OPERATION = 'PERSISTED_OPERATION_UNKNOWN';

/** The id an anonymous GET names: `extensions={"persistedQuery":{"sha256Hash":…}}`, or undefined. */
function requestedId(extensions: unknown): string | undefined {
  if (typeof extensions !== 'string') return undefined;
  try {
    const hash = (JSON.parse(extensions) as { persistedQuery?: { sha256Hash?: unknown } } | null)?.persistedQuery?.sha256Hash;
    return typeof hash === 'string' ? hash : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Anonymous GET reads of /graphql run only operations of the persisted-operation manifest (the page's own),
 * named by id; the document is taken from the manifest, so an HTTP cache can only ever hold those answers.
 * A GET with a document of its own or an unknown id gets 400 PERSISTED_OPERATION_UNKNOWN. POST (analysts,
 * GraphiQL) is untouched; signed-in users' GETs may send any document, and a manifest id alone runs its document.
 */
export function persistedOperationsOnly(manifest: PersistedOperations): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const url = new URL(req.originalUrl, 'http://portal');
    const id = requestedId(url.searchParams.get('extensions'));
    const document = id !== undefined && Object.hasOwn(manifest, id) ? manifest[id] : undefined;
    const sent = url.searchParams.get('query');
    if (viewerOf(req).role !== 'anonymous') {
      // The page GETs its boot query by id whoever is signed in: the manifest supplies the document here too.
      if (document !== undefined && sent === null) substitute(req, url, document);
      return next();
    }
    if (document === undefined || (sent !== null && sent !== document)) {
      res.status(400).json({ errors: [{
        message: 'Yêu cầu GET ẩn danh chỉ chạy các truy vấn đã đăng ký của trang (extensions.persistedQuery.sha256Hash); '
          + 'gửi truy vấn khác bằng POST / An anonymous GET runs only the page\'s registered operations '
          + '(extensions.persistedQuery.sha256Hash); send any other query with POST',
        extensions: { code: UNKNOWN_OPERATION, ...(id !== undefined ? { id } : {}) },
      }] });
      return;
    }
    substitute(req, url, document);
    next();
  };
}

/** Put the manifest's document in the query string: Apollo reads it there (and checks that its sha256 is the id). */
function substitute(req: Request, url: URL, document: string): void {
  url.searchParams.set('query', document);
  req.url = `${req.url.split('?')[0]}?${url.searchParams.toString()}`;
}
