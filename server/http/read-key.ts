// Which requests may be answered from the answer cache, and under which key: anonymous reads only, named by
// the document's sha256, the operation name and the variables (as parsed JSON, so spelling does not matter).
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { parse } from 'cookie';
import { SESSION_COOKIE } from '../access/session-tokens.ts';
import type { PersistedOperations } from '../client-types/persisted-operations.ts';
// A request CSRF prevention refuses is never answered from the cache either.
import { preflighted } from './csrf-prevention.ts';
import { boundedMemo } from './bounded-memo.ts';

/** How many documents the per-document memos keep, and up to which length (larger ones are worked out each time). */
const DOCUMENTS_KEPT = { entries: 256, maxKeyChars: 64 * 1024 };

/** True when the request carries the session cookie (valid or not): such a request never touches the cache. */
export function hasSessionCookie(headers: IncomingHttpHeaders): boolean {
  const cookie = headers.cookie;
  return cookie !== undefined && cookie.includes(SESSION_COOKIE) && parse(cookie)[SESSION_COOKIE] !== undefined;
}


/** `{ persistedQuery: { version: 1, sha256Hash: "<hex>" } }` and nothing Apollo would refuse (the only kind kept). */
function validPersistedQueryExtension(extensions: unknown): boolean {
  if (typeof extensions !== 'object' || extensions === null || Array.isArray(extensions)) return false;
  const pq = (extensions as { persistedQuery?: unknown }).persistedQuery;
  if (pq === undefined) return true;
  if (typeof pq !== 'object' || pq === null || Array.isArray(pq)) return false;
  const { version, sha256Hash } = pq as { version?: unknown; sha256Hash?: unknown };
  return version === 1 && typeof sha256Hash === 'string';
}

/**
 * The variables that can change the answer: only those the document declares (`$name:`). Others are ignored by
 * GraphQL, so they must not make a new key either (a stranger could otherwise push the page's answers out of
 * the cache with `variables={"x":1}, {"x":2}, …`).
 */
function declaredOnly(document: string | undefined, variables: unknown): unknown {
  if (document === undefined || typeof variables !== 'object' || variables === null || Array.isArray(variables)) return variables;
  const declared = declaredNames(document);
  return Object.fromEntries(Object.entries(variables).filter(([name]) => declared.has(name)));
}

/** The variables a document declares, found once per document (the manifest's few are asked for on every hit). */
const declaredNames = boundedMemo((document) => new Set([...document.matchAll(/\$(\w+)\s*:/g)].map((m) => m[1]!)), DOCUMENTS_KEPT);

/**
 * The sha256 of a document, found once per text: hashing it again on every POST was a good part of a cached POST's
 * cost (the page and tools send the same few documents).
 */
const sha256Of = boundedMemo((document) => createHash('sha256').update(document, 'utf8').digest('hex'), DOCUMENTS_KEPT);

const keyOf = (hash: string, operationName: string, variables: unknown) => `${hash}\u0000${operationName}\u0000${JSON.stringify(variables ?? {})}`;

/** The variables of a GET as parsed JSON, or undefined when they do not parse (Apollo reports that). */
function parsedVariables(text: string | null): { ok: true; value: unknown } | { ok: false } {
  if (text === null) return { ok: true, value: {} };
  try { return { ok: true, value: JSON.parse(text) }; } catch { return { ok: false }; }
}

/**
 * The cache key of an anonymous GET naming a manifest operation by id (server/http/persisted-operations.ts),
 * or null when the request is not such a read (signed in, no id, a document of its own, not preflighted…).
 */
export function getReadKey(url: string, headers: IncomingHttpHeaders, manifest: PersistedOperations): string | null {
  if (hasSessionCookie(headers) || !preflighted(headers)) return null;
  let keyOf = urlKeys.get(manifest);
  if (!keyOf) { keyOf = boundedMemo((u) => urlReadKey(u, manifest), { entries: 256, maxKeyChars: 2048 }); urlKeys.set(manifest, keyOf); }
  return keyOf(url);
}

/**
 * The key each URL gives, found once per manifest: the page asks for the same few URLs again and again, and parsing
 * one (its parameters, two JSON texts) cost more than the rest of a 304 from the answer cache.
 */
const urlKeys = new WeakMap<PersistedOperations, (url: string) => string | null>();

/** getReadKey's part that depends on the URL alone (its path and query string). */
function urlReadKey(url: string, manifest: PersistedOperations): string | null {
  const q = url.indexOf('?');
  if (q < 0) return null;
  const params = new URLSearchParams(url.slice(q + 1));
  if (params.has('query')) return null; // the manifest's document is checked against it on the way to Apollo
  let extensions: unknown;
  try { extensions = JSON.parse(params.get('extensions') ?? 'null'); } catch { return null; }
  const id = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null)?.persistedQuery?.sha256Hash;
  if (typeof id !== 'string' || !Object.hasOwn(manifest, id)) return null;
  if (!validPersistedQueryExtension(extensions)) return null;
  const variables = parsedVariables(params.get('variables'));
  return variables.ok ? keyOf(id, params.get('operationName') ?? '', declaredOnly(manifest[id], variables.value)) : null;
}

/** The cache key of an anonymous POST of a query document (or of an automatic persisted query's hash), or null. */
export function postReadKey(body: unknown, headers: IncomingHttpHeaders): string | null {
  if (hasSessionCookie(headers) || !preflighted(headers) || typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { query, operationName, variables, extensions } = body as Record<string, unknown>;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
  // An extension Apollo would refuse (a version other than 1, a hash that is not a string…) goes to Apollo for
  // its coded error: the cache answers only requests Apollo would answer with data.
  if (extensions !== undefined && !validPersistedQueryExtension(extensions)) return null;
  const sent = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  let hash: unknown = sent;
  if (typeof query === 'string') {
    hash = sha256Of(query);
    if (sent !== undefined && sent !== hash) return null; // Apollo refuses a hash that is not the document's
  } else if (query !== undefined) return null;
  return typeof hash === 'string' ? keyOf(hash, operationName ?? '', declaredOnly(typeof query === 'string' ? query : undefined, variables)) : null;
}
