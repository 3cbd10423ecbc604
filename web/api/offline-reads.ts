// What the service worker keeps for offline use, shared by the worker and the page.
import { PERSISTED_IDS } from './persisted-ids.ts';

/** The cache of anonymous GraphQL reads. */
export const READS_CACHE = 'atlas-reads';

/** Set by the service worker on an answer it gave from its cache (the network failed): the copy's Date. */
export const OFFLINE_COPY_HEADER = 'x-atlas-offline-copy';

/** The headers of the page's persisted GETs (Apollo's CSRF guard refuses a GET without the preflight header). */
export const READ_HEADERS = { accept: 'application/json', 'apollo-require-preflight': 'true' };

const KEPT_IDS = new Set(Object.values(PERSISTED_IDS));

/** A GET /graphql naming one of the page's persisted ids (the only reads an anonymous GET may run). */
export function isKeptRead(url: URL): boolean {
  if (url.pathname !== '/graphql') return false;
  try {
    const id = JSON.parse(url.searchParams.get('extensions') ?? '{}')?.persistedQuery?.sha256Hash;
    return typeof id === 'string' && KEPT_IDS.has(id);
  } catch {
    return false;
  }
}
