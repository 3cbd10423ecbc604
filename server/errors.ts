/** Stable error codes of the API (GraphQL extensions.code). */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

/**
 * An error the caller can act on: a stable code and a message in Vietnamese and English that names
 * the field, row or bản at fault. Anything else that escapes a resolver is masked.
 */
export class AtlasError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
  }
}

export const badInput = (field: string, vi: string, en: string) => new AtlasError('BAD_USER_INPUT', `${vi} / ${en}`, { field });
