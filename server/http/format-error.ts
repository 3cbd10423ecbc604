import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import Database from 'better-sqlite3';
import { AtlasError, shortenQuoted } from '../errors.ts';

// Codes that carry a message meant for the caller; any other error is masked.
const CALLER_CODES = new Set([
  'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST',
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Apollo formatError: domain errors keep their code and message; validation errors keep theirs;
 * everything else becomes INTERNAL_SERVER_ERROR with no stack, SQL or path to the code.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AtlasError) {
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { code: original.code, ...original.details } };
  }
  const sqliteCode = original instanceof Database.SqliteError ? (original as unknown as { code: string }).code : undefined;
  const storage = sqliteCode ? storageProblem(sqliteCode) : undefined;
  if (storage) {
    // The failed statement's transaction was rolled back by SQLite: say so, and what the operator must fix.
    console.error(`Storage error (${sqliteCode}):`, (original as Error).message);
    return { message: storage.message, path: formatted.path, locations: formatted.locations, extensions: { code: storage.code } };
  }
  const code = formatted.extensions?.code as string | undefined;
  const validation = formatted.extensions?.validationErrors as ValidationFailure[] | undefined;
  if (validation) {
    // class-validator failures: name every field and rule, never echo the (possibly huge) input back.
    const problems = validation.flatMap((v) => describe(v, ''));
    return {
      message: `Dữ liệu không hợp lệ / Invalid input: ${problems.join('; ')}`,
      path: formatted.path, locations: formatted.locations,
      extensions: { code: 'BAD_USER_INPUT', fields: problems.map((p) => p.split(':')[0]) },
    };
  }
  if (code && CALLER_CODES.has(code)) {
    const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
    // graphql-js quotes the offending value in full (a 500 kB string for an Int): cut it short.
    return { ...formatted, message: shortenQuoted(formatted.message).slice(0, 2000), extensions };
  }
  if (/provided sha does not match query/i.test(formatted.message)) {
    // Automatic persisted queries: the hash sent is not the query's. The caller's mistake, not a server fault.
    return { message: 'Mã băm không khớp với truy vấn / The persisted query hash does not match the query (sha256 of the query text)',
      extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' } };
  }
  if (/unsupported persisted query version|persistedQuery/i.test(formatted.message)) {
    // Automatic persisted queries: a version other than 1, or a malformed extension. The caller's mistake.
    return { message: 'Phần mở rộng persistedQuery không hợp lệ (chỉ hỗ trợ version 1 với sha256Hash) / Invalid persistedQuery extension (only version 1 with a sha256Hash is supported)',
      extensions: { code: 'PERSISTED_QUERY_INVALID' } };
  }
  if (/not configured to execute subscription/i.test(formatted.message)) {
    // graphql-js reports a subscription on a schema without subscriptions as an execution error.
    return { message: 'Cổng không hỗ trợ subscription / Subscriptions are not supported; use a query',
      locations: formatted.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  }
  console.error('Internal error:', original);
  return {
    message: 'Lỗi máy chủ; dữ liệu không thay đổi / Internal server error; nothing was changed',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/**
 * The errors of an execution as Apollo's pipeline sends them (its normalizeAndFormatErrors, with stack traces off):
 * each error's JSON with a code (INTERNAL_SERVER_ERROR when it has none), then formatError. Used where a request is
 * executed without Apollo (anonymous-post.ts), so both paths answer with the same codes and extensions.
 */
export function formatExecutionErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[] {
  return errors.map((error) => {
    try {
      const { http: _http, ...extensions }: Record<string, unknown> = { ...error.extensions, code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR' };
      return formatError({ ...error.toJSON(), extensions }, error);
    } catch {
      return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
  });
}

/**
 * A disk that is full, read-only or failing is not the caller's fault and not a bug: a coded answer says that
 * nothing was changed and that the operator must act (better-sqlite3's SqliteError codes).
 */
export function storageProblem(sqliteCode: string): { code: string; message: string } | undefined {
  if (sqliteCode === 'SQLITE_FULL') {
    return { code: 'STORAGE_FULL', message: 'Ổ đĩa chứa dữ liệu đã đầy; không có gì thay đổi. Báo người quản trị giải phóng chỗ rồi thử lại / ' +
      'The disk holding the data is full; nothing was changed. Ask the operator to free some space, then try again' };
  }
  if (sqliteCode.startsWith('SQLITE_READONLY')) {
    return { code: 'STORAGE_READ_ONLY', message: 'Dữ liệu đang ở chế độ chỉ đọc; không có gì thay đổi. Báo người quản trị kiểm tra thư mục dữ liệu / ' +
      'The data can only be read at the moment; nothing was changed. Ask the operator to check the data directory' };
  }
  if (sqliteCode.startsWith('SQLITE_IOERR')) {
    return { code: 'STORAGE_IO_ERROR', message: 'Đọc hoặc ghi ổ đĩa bị lỗi; không có gì thay đổi. Báo người quản trị kiểm tra ổ đĩa rồi thử lại / ' +
      'Reading or writing the disk failed; nothing was changed. Ask the operator to check the disk, then try again' };
  }
  return undefined;
}

interface ValidationFailure {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationFailure[];
}

function describe(v: ValidationFailure, prefix: string): string[] {
  const path = prefix ? `${prefix}.${v.property}` : v.property;
  const own = Object.values(v.constraints ?? {}).map((c) => `${path}: ${c}`);
  return [...own, ...(v.children ?? []).flatMap((c) => describe(c, path))];
}
