// gzip over real HTTP: the page's JS bundle and a large GraphQL answer come compressed to a client
// that asks, decompress to the very bytes an uncompressed request gets, and the response-cache
// header and JSON error bodies survive. node:http, not fetch: fetch would decompress behind our back.
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './helpers/start-server.ts';

let server: RunningServer;
beforeAll(async () => { server = await startServer(); }, 120_000);
afterAll(async () => { await server?.stop(); });

interface Raw { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }

/** One request; the body exactly as it came over the wire. */
function raw(path: string, opts: { gzip: boolean; method?: string; body?: string }): Promise<Raw> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: opts.method ?? 'GET',
      headers: {
        'accept-encoding': opts.gzip ? 'gzip' : 'identity',
        ...(opts.body !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(opts.body) } : {}),
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
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
