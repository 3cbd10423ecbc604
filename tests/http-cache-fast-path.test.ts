// Cached anonymous GETs answered before Express (server/http/cached-reads.ts) against the same requests answered
// inside Express, on the real HTTP server and SQLite file: the first request of a read goes through Express (a miss,
// computed and kept), the next is answered from the cache before Express (a hit). Their headers, security headers
// included, and bytes must be the same. node:http, not fetch: fetch would decompress and merge repeated headers.
import Database from 'better-sqlite3';
import { rawRequest, type RawAnswer } from './helpers/raw-request.ts';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { documentText } from '../web/api/graphql.ts';
import { COVERAGE_QUERY } from '../web/api/coverage.ts';
import { operationId } from '../server/client-types/persisted-operations.ts';
import { CACHE_HEADER } from '../server/http/cached-reads.ts';
import { VERSION_REUSE_MS } from '../server/http/answer-cache.ts';


/** GET /graphql with these parameters, Apollo's CSRF header and the given headers; headers and body as they came. */
function get(server: RunningServer, params: Record<string, unknown>, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const search = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, JSON.stringify(v)]));
  return rawRequest(new URL(`graphql?${search}`, server.url), { headers: { 'apollo-require-preflight': 'true', ...headers } });
}

/**
 * Every header line as `name: value` (name in lower case), sorted, repeated lines kept: what a client sees, whatever
 * the order. Without Date (the clock's) and the cache header (miss, then hit: compared on its own).
 */
function headerLines(r: RawAnswer): string[] {
  const lines: string[] = [];
  for (let i = 0; i < r.rawHeaders.length; i += 2) {
    const name = r.rawHeaders[i]!.toLowerCase();
    if (name !== 'date' && name !== CACHE_HEADER) lines.push(`${name}: ${r.rawHeaders[i + 1]}`);
  }
  return lines.sort();
}

const COVERAGE = documentText(COVERAGE_QUERY);
const coverageRead = (indicator: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: operationId(COVERAGE) } }, variables: { indicator } });

let server: RunningServer;
beforeAll(async () => { server = await startServer(); }, 120_000);
afterAll(async () => { await server?.stop(); });

describe('a cached GET answered before Express', () => {
  // One indicator per encoding: each read's first request is a miss, answered inside Express in that encoding.
  const cases = [
    { encoding: 'br', accept: 'gzip, deflate, br', indicator: 'drugFree' },
    { encoding: 'gzip', accept: 'gzip', indicator: 'culturalVillage' },
    { encoding: undefined, accept: 'identity', indicator: 'carRoadAccess' },
  ];
  for (const { encoding, accept, indicator } of cases) {
    it(`sends the headers and bytes Express sent (${encoding ?? 'no encoding'})`, async () => {
      const throughExpress = await get(server, coverageRead(indicator), { 'accept-encoding': accept });
      const beforeExpress = await get(server, coverageRead(indicator), { 'accept-encoding': accept });
      expect(throughExpress.status).toBe(200);
      expect(throughExpress.headers[CACHE_HEADER]).toBe('miss');
      expect(beforeExpress.status).toBe(200);
      expect(beforeExpress.headers[CACHE_HEADER]).toBe('hit');
      expect(beforeExpress.headers['content-encoding']).toBe(encoding);
      expect(headerLines(beforeExpress)).toEqual(headerLines(throughExpress));
      // The security headers of every response (server/http/security-headers.ts), sent once each.
      for (const name of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'etag', 'vary', 'cache-control']) {
        expect(headerLines(beforeExpress).filter((l) => l.startsWith(`${name}: `)), name).toHaveLength(1);
      }
      expect(beforeExpress.body.equals(throughExpress.body)).toBe(true);
    });
  }

  it('sends the 304 Express sent for the same revalidation', async () => {
    // A restart on the same database keeps the data version, so the same answer has the same ETag, and the new
    // portal's empty cache sends the first revalidation through Express.
    const first = await get(server, coverageRead('drugFree'), { 'accept-encoding': 'br' });
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    await server.stop({ keepData: true });
    server = await startServer({ dataDir: server.dataDir });
    const revalidate = { 'accept-encoding': 'br', 'if-none-match': etag };
    const throughExpress = await get(server, coverageRead('drugFree'), revalidate);
    const beforeExpress = await get(server, coverageRead('drugFree'), revalidate);
    expect(throughExpress.status).toBe(304);
    expect(throughExpress.headers[CACHE_HEADER]).toBe('miss');
    expect(beforeExpress.status).toBe(304);
    expect(beforeExpress.headers[CACHE_HEADER]).toBe('hit');
    expect(beforeExpress.body.length).toBe(0);
    expect(headerLines(beforeExpress)).toEqual(headerLines(throughExpress));
    expect(beforeExpress.headers.etag).toBe(etag);
  }, 120_000);

  it('sees a write made by another process to the database once a reading of the data version is over', async () => {
    const before = await get(server, coverageRead('drugFree'));
    const again = await get(server, coverageRead('drugFree'), { 'if-none-match': before.headers.etag as string });
    expect(again.status).toBe(304);
    const db = new Database(join(server.dataDir, 'atlas.sqlite'));
    try {
      db.prepare(`UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'`).run();
    } finally { db.close(); }
    await sleep(VERSION_REUSE_MS + 1); // the portal reuses a reading of the data version this long
    const after = await get(server, coverageRead('drugFree'), { 'if-none-match': before.headers.etag as string });
    expect(after.status).toBe(200);
    expect(after.headers[CACHE_HEADER]).toBe('miss');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });
});
