// The portal's service worker (built by the `service-worker` plugin in vite.config.ts, served as /sw.js).
// After one visit online the page opens with no network: the built page, its JS, CSS and fonts are precached;
// the anonymous boot reads (GET /graphql by persisted id) are kept, newest first from the network, and answered
// from the cache only when the network fails. Signed-in answers (`private, no-store`) and POSTs are never kept.
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import { isKeptRead, OFFLINE_COPY_HEADER, READ_HEADERS, READS_CACHE } from '../api/offline-reads.ts';

// The worker's global, as far as this file uses it (the project's TypeScript lib is the page's DOM, not webworker).
declare const self: {
  __WB_MANIFEST: Array<PrecacheEntry | string>;
  /** The boot reads' URLs (web/api/boot.ts), set by the build. */
  __ATLAS_BOOT_URLS: string[];
  location: Location;
  skipWaiting: () => Promise<void>;
  addEventListener: (type: 'install', listener: (event: Event & { waitUntil: (p: Promise<unknown>) => void }) => void) => void;
};

// A new build takes over at once: its precache holds the page that matches its own chunks.
void self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

/** Keeps only a public 200 answer without GraphQL errors' `no-store`, and marks a kept answer when it is used offline. */
const keepPublicOnly: WorkboxPlugin = {
  cacheWillUpdate: async ({ response }) => {
    const cacheControl = response.headers.get('cache-control') ?? '';
    return response.status === 200 && !/no-store|private/i.test(cacheControl) ? response : null;
  },
  // The page shows when its data was last synced: the time the portal sent the copy (its Date header).
  cachedResponseWillBeUsed: async ({ cachedResponse }) => {
    if (!cachedResponse) return null;
    const headers = new Headers(cachedResponse.headers);
    headers.set(OFFLINE_COPY_HEADER, cachedResponse.headers.get('date') ?? '');
    return new Response(await cachedResponse.blob(), { status: cachedResponse.status, statusText: cachedResponse.statusText, headers });
  },
};

/**
 * A signed-in editor's reads are private and never kept; so that the editor's device still opens offline, the
 * public answer to the same read is fetched without credentials (at most every few minutes) and kept instead.
 */
const keepPublicCopyForSignedIn: WorkboxPlugin = {
  fetchDidSucceed: async ({ request, response, event }) => {
    if (/private|no-store/i.test(response.headers.get('cache-control') ?? '')) event.waitUntil(refreshPublicCopy(request.url));
    return response;
  },
};

const PUBLIC_COPY_MIN_AGE_MS = 5 * 60_000;

async function refreshPublicCopy(url: string): Promise<void> {
  const cache = await caches.open(READS_CACHE);
  const kept = await cache.match(url, { ignoreVary: true });
  const keptAt = Date.parse(kept?.headers.get('date') ?? '');
  if (kept && Date.now() - keptAt < PUBLIC_COPY_MIN_AGE_MS) return;
  const res = await fetch(new URL(url, self.location.origin), { credentials: 'omit', headers: READ_HEADERS });
  if (res.status === 200 && !/private|no-store/i.test(res.headers.get('cache-control') ?? '')) await cache.put(url, res);
}

// The page registers this worker once its first map is drawn, after the boot reads were answered: fetch their
// public copy now, so that the very next visit opens offline.
self.addEventListener('install', (event) => {
  event.waitUntil(Promise.all(self.__ATLAS_BOOT_URLS.map(refreshPublicCopy)).catch(() => undefined));
});

registerRoute(
  ({ url, request }) => request.method === 'GET' && url.origin === self.location.origin && isKeptRead(url),
  new NetworkFirst({
    cacheName: READS_CACHE,
    // The Cookie header differs for a signed-in editor: the public copy still serves the map when offline.
    matchOptions: { ignoreVary: true },
    plugins: [keepPublicOnly, keepPublicCopyForSignedIn, new ExpirationPlugin({ maxEntries: 40 })],
  }),
);

// Chunks not precached (the analyst console's editor, megabytes a phone need not fetch until it is opened):
// their names carry their content hash, so the first copy is good for ever.
registerRoute(
  ({ url, request }) => request.method === 'GET' && url.origin === self.location.origin && url.pathname.startsWith('/assets/'),
  new CacheFirst({ cacheName: 'atlas-chunks', plugins: [new ExpirationPlugin({ maxEntries: 30 })] }),
);
