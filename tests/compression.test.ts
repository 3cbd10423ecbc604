// gzip over real HTTP: the page's JS bundle and a large GraphQL answer come compressed to a client
// that asks, decompress to the very bytes an uncompressed request gets, and the response-cache
// header and JSON error bodies survive. node:http, not fetch: fetch would decompress behind our back.
import { readdirSync } from 'node:fs';
import { rawRequest, type RawAnswer } from './helpers/raw-request.ts';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { COMPRESS_INLINE_BYTES } from '../server/http/answer-cache.ts';

let server: RunningServer;
beforeAll(async () => { server = await startServer(); }, 120_000);
afterAll(async () => { await server?.stop(); });

/** One request; the body exactly as it came over the wire. */
function raw(path: string, opts: { gzip: boolean; method?: string; body?: string; headers?: Record<string, string> }): Promise<RawAnswer> {
  return rawRequest(new URL(path, server.url), {
    method: opts.method,
    headers: {
      'accept-encoding': opts.gzip ? 'gzip' : 'identity',
      ...opts.headers,
      ...(opts.body !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(opts.body) } : {}),
    },
    body: opts.body,
  });
}

/** The same request with and without gzip; asserts the gzip one was compressed and decodes to the plain one. */
async function bothWays(path: string, opts: { method?: string; body?: string } = {}) {
  const plain = await raw(path, { ...opts, gzip: false });
  const gz = await raw(path, { ...opts, gzip: true });
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(gz.headers.vary).toMatch(/accept-encoding/i);
  const decoded = gunzipSync(gz.body);
  expect(decoded.equals(plain.body)).toBe(true);
  expect(gz.body.length).toBeLessThan(plain.body.length / 2);
  return { plain, gz };
}

const graphql = (query: string) => ({ method: 'POST', body: JSON.stringify({ query }) });

describe('compression', () => {
  it("sends the page's JS bundle gzipped to a client that asks", async () => {
    const index = await raw('/', { gzip: false });
    // The main bundle is the module script (the small boot-start script before it is under the 1 kB threshold).
    const src = /<script type="module"[^>]*src="\.?\/?([^"]+\.js)"/.exec(index.body.toString('utf8'))?.[1];
    expect(src, 'module script tag in index.html').toBeTruthy();
    const { plain } = await bothWays(src!);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toMatch(/javascript/);
  });

  it('sends a large GraphQL answer gzipped, same bytes, response-cache header intact', async () => {
    const q = graphql('{ villageFeatures(indicators: ["drugFree", "culturalVillage", "carRoadAccess"]) }');
    const { plain, gz } = await bothWays('/graphql', q);
    expect(plain.status).toBe(200);
    expect(plain.body.length).toBeGreaterThan(20_000);
    expect(JSON.parse(plain.body.toString('utf8')).errors).toBeUndefined();
    // The first of the two was a miss that filled the cache; the gzip one was served from it.
    expect(plain.headers['x-atlas-cache']).toBe('miss');
    expect(gz.headers['x-atlas-cache']).toBe('hit');
  });

  it('sends a small GraphQL answer (compressed on the event loop) as brotli and gzip that decode to the plain bytes', async () => {
    const body = JSON.stringify({ query: 'query($b: [Float!]) { communes(bbox: $b, first: 100) { totalCount nodes { code name population } } }', variables: { b: [104.6, 21.0, 105.0, 21.3] } });
    const plain = await raw('/graphql', { gzip: false, method: 'POST', body });
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.body.toString('utf8')).data.communes.totalCount).toBeGreaterThan(0);
    // Under answer-cache.ts's COMPRESS_INLINE_BYTES, over compression's 1 kB threshold for the sake of the check.
    expect(plain.body.length).toBeLessThanOrEqual(COMPRESS_INLINE_BYTES);
    const br = await raw('/graphql', { gzip: true, method: 'POST', body, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    const gz = await raw('/graphql', { gzip: true, method: 'POST', body });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
  });

  it('compresses an answer computed for one request (not from the cache) when it is 1 kB or more, and says it varies by encoding', async () => {
    // A session cookie, even an unknown one, keeps the request away from the answer cache: Apollo answers it each time.
    const cookie = { cookie: 'atlas_session=not-a-session' };
    const body = JSON.stringify({ query: '{ villageFeatures(indicators: ["drugFree"]) }' });
    const plain = await raw('/graphql', { gzip: false, method: 'POST', body, headers: cookie });
    expect(plain.status).toBe(200);
    expect(plain.headers['x-atlas-cache']).toBeUndefined();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(20_000);
    const gz = await raw('/graphql', { gzip: true, method: 'POST', body, headers: cookie });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    const br = await raw('/graphql', { gzip: true, method: 'POST', body, headers: { ...cookie, 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    for (const r of [plain, gz, br]) {
      expect(r.headers.vary).toMatch(/accept-encoding/i);
      expect(r.headers.vary).toMatch(/cookie/i);
      expect(r.headers['cache-control']).toBe('private, no-store');
    }
    // Under 1 kB an answer goes as it is, whatever the client accepts.
    const small = await raw('/graphql', { gzip: true, method: 'POST', body: JSON.stringify({ query: '{ __typename }' }), headers: cookie });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8')).data.__typename).toBe('Query');
  });

  it('keeps JSON error bodies readable through gzip', async () => {
    const malformed = await raw('/graphql', { gzip: true, method: 'POST', body: '{"query": ' });
    expect(malformed.status).toBe(400);
    const text = malformed.headers['content-encoding'] === 'gzip' ? gunzipSync(malformed.body).toString('utf8') : malformed.body.toString('utf8');
    expect(malformed.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');

    const big = await raw('/graphql', { gzip: true, method: 'POST', body: JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(big.status).toBe(413);
    const bigText = big.headers['content-encoding'] === 'gzip' ? gunzipSync(big.body).toString('utf8') : big.body.toString('utf8');
    expect(JSON.parse(bigText).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

/**
 * The scripts loaded before the first map: index.html's module script (the entry, which draws the first picture) and
 * its modulepreloads, then the chunks the entry loads for the map and the app (web/main.tsx → app-start.tsx).
 */
async function firstLoadScripts(): Promise<string[]> {
  const html = (await raw('/', { gzip: false })).body.toString('utf8');
  const paths = [...html.matchAll(/<(?:script type="module"[^>]*src|link rel="modulepreload"[^>]*href)="\.?\/?([^"]+\.js)"/g)].map((m) => `/${m[1]}`);
  const chunks = readdirSync(new URL('../dist/web/assets/', import.meta.url)).filter((f) => /^(app-start|maplibre|react)-[^.]*\.js$/.test(f));
  return [...paths, ...chunks.map((f) => `/assets/${f}`)];
}

describe('the built page as files', () => {
  it("sends the first load's scripts as the build's brotli to a browser that accepts it (as Chromium asks), the same bytes", async () => {
    const scripts = await firstLoadScripts();
    let checked = 0;
    for (const path of scripts) {
      const plain = await raw(path, { gzip: false });
      // Under 1 kB a file is sent as it is (the build writes no .br for it, as compression skips it).
      if (plain.body.length < 1024) continue;
      checked++;
      const br = await raw(path, { gzip: true, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
      expect(plain.status, path).toBe(200);
      expect(br.status, path).toBe(200);
      expect(br.headers['content-encoding'], path).toBe('br');
      expect(br.headers['content-type'], path).toMatch(/javascript/);
      expect(br.headers.vary, path).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(br.body).equals(plain.body), path).toBe(true);
      expect(br.body.length, path).toBeLessThan(plain.body.length / 2);
    }
    // The main module and MapLibre's and React's chunks at least.
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it('sends gzip to a client that refuses brotli, and the plain file to one that accepts neither', async () => {
    const [path] = await firstLoadScripts(); // the main module, tens of kB
    const plain = await raw(path, { gzip: false });
    expect(plain.body.length).toBeGreaterThan(10_000);
    const gz = await raw(path, { gzip: true, headers: { 'accept-encoding': 'br;q=0, gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    const none = await raw(path, { gzip: false, headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.equals(plain.body)).toBe(true);
  });

  it('keeps hashed assets for a year as immutable and revalidates index.html on every visit', async () => {
    const [path] = await firstLoadScripts();
    const asset = await raw(path, { gzip: true, headers: { 'accept-encoding': 'br' } });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const index = await raw('/', { gzip: true, headers: { 'accept-encoding': 'br' } });
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    // Revalidating costs a 304, for the precompressed file as for the plain one.
    expect(asset.headers.etag).toBeTruthy();
    const again = await raw(path, { gzip: true, headers: { 'accept-encoding': 'br', 'if-none-match': String(asset.headers.etag) } });
    expect(again.status).toBe(304);
    const plainIndex = await raw('/', { gzip: false });
    const indexAgain = await raw('/', { gzip: false, headers: { 'if-none-match': String(plainIndex.headers.etag) } });
    expect(indexAgain.status).toBe(304);
  });

  it('serves nothing outside the build, and a missing asset is a 404', async () => {
    const outside = await raw('/..%2fpackage.json', { gzip: true, headers: { 'accept-encoding': 'br, gzip' } });
    expect(outside.status).toBe(404);
    expect(outside.body.toString('utf8')).not.toContain('commune-atlas');
    const missing = await raw('/assets/no-such-file-00000000.js', { gzip: true, headers: { 'accept-encoding': 'br, gzip' } });
    expect(missing.status).toBe(404);
  });
});
