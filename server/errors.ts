/** Stable error codes of the API (GraphQL extensions.code). */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

/**
 * An error the caller can act on: a stable code and a message in Vietnamese and English that names
 * the field, row or bản at fault. Anything else that escapes a resolver is masked.
 */
export class AtlasError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly details: Record<string, unknown> = {}) {
    super(shortenQuoted(message));
  }
}

/**
 * Messages quote what the caller sent ("No unit \"…\""); a quote longer than 80 characters is cut, so a
 * megabyte id is not echoed back twice (Vietnamese and English) in the answer.
 */
export function shortenQuoted(message: string): string {
  // Quotes are taken in pairs from the left: a pattern asking for 81+ characters between any two quote marks took the
  // text between two short quotes (`"report-2025" is about … "report-2025"`) for one long quote and cut the sentence.
  return message.replace(/"([^"]*)"/gu, (whole, inner: string) => ([...inner].length > 80 ? `"${[...inner].slice(0, 60).join('')}…"` : whole));
}

/** CONFLICT for an edit made on a stale version: who wins is whoever wrote first; the other reloads. */
export function conflictError(what: string, expected: number, actual: number): AtlasError {
  return new AtlasError('CONFLICT',
    `${what} đã được người khác sửa (phiên bản ${actual}, bạn sửa từ ${expected}); tải lại rồi sửa lại / ` +
    `${what} was changed by someone else (version ${actual}, your edit was made on ${expected}); reload and edit again`,
    { expectedVersion: expected, currentVersion: actual });
}

export const badInput = (field: string, vi: string, en: string) => new AtlasError('BAD_USER_INPUT', `${vi} / ${en}`, { field });
