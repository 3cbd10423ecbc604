// HTTP caching of anonymous reads (issue 17) over real HTTP on a temporary SQLite file: GET by persisted id
// with a strong ETag and public Cache-Control, 304 revalidation, brotli and gzip bodies kept ready, a new ETag
// after an edit, signed-in requests kept out, and the cache's bound in bytes. node:http, not fetch: fetch
// would decompress behind our back and hide the encodings.
import { rawRequest, type RawAnswer } from './helpers/raw-request.ts';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, startServer, type RunningServer } from './helpers/start-server.ts';
import { createUserWithCli, signedIn, type Client } from './helpers/session.ts';
import { documentText } from '../web/api/graphql.ts';
import { COMMUNE_QUERY } from '../web/api/commune.ts';
import { COVERAGE_QUERY } from '../web/api/coverage.ts';
import { loadPersistedOperations, operationId } from '../server/client-types/persisted-operations.ts';
import { UNKNOWN_OPERATION } from '../server/http/persisted-operations.ts';
import { PUBLIC_CACHE_CONTROL } from '../server/http/cached-reads.ts';


/** GET /graphql with these parameters, Apollo's CSRF header and the given headers; the body as it came. */
function get(server: RunningServer, params: Record<string, unknown>, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const search = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  return rawRequest(new URL(`graphql?${search}`, server.url), { headers: { 'apollo-require-preflight': 'true', ...headers } });
}

const byId = (text: string) => ({ persistedQuery: { version: 1, sha256Hash: operationId(text) } });
const COMMUNE = documentText(COMMUNE_QUERY);
const COVERAGE = documentText(COVERAGE_QUERY);
const communeRead = { operationName: 'AtlasCommune', extensions: byId(COMMUNE) };
const coverageRead = (indicator: string) => ({ extensions: byId(COVERAGE), variables: { indicator } });
const root = new URL('..', import.meta.url).pathname;
const json = (r: RawAnswer) => JSON.parse(r.body.toString('utf8'));

let server: RunningServer;
let editor: Client;
beforeAll(async () => {
  server = await startServer();
  createUserWithCli(server.dataDir, 'cache-editor', 'cache-editor-pass-1', 'editor');
  editor = await signedIn(server, 'cache-editor', 'cache-editor-pass-1');
}, 120_000);
afterAll(async () => { await server?.stop(); });

describe('anonymous GET by persisted id', () => {
  it('answers 200 with a strong ETag, public Cache-Control and Vary: Accept, Accept-Encoding, Cookie', async () => {
    const r = await get(server, communeRead);
    expect(r.status).toBe(200);
    expect(json(r).errors).toBeUndefined();
    expect(json(r).data.commune.name).toBeTruthy();
    expect(r.headers.etag).toMatch(/^"[^"]+"$/); // strong: no W/
    expect(r.headers['cache-control']).toBe(PUBLIC_CACHE_CONTROL);
    expect(r.headers.vary).toBe('Accept, Accept-Encoding, Cookie');
    // The second time it comes from the cache, same ETag, same bytes.
    const again = await get(server, communeRead);
    expect(again.headers['x-atlas-cache']).toBe('hit');
    expect(again.headers.etag).toBe(r.headers.etag);
    expect(again.body.equals(r.body)).toBe(true);
  });

  it('answers 304 with an empty body to If-None-Match with its ETag, and 200 to another tag', async () => {
    const first = await get(server, coverageRead('drugFree'));
    expect(first.status).toBe(200);
    const etag = first.headers.etag as string;
    const revalidated = await get(server, coverageRead('drugFree'), { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(revalidated.headers.etag).toBe(etag);
    expect(revalidated.headers['cache-control']).toBe(PUBLIC_CACHE_CONTROL);
    const other = await get(server, coverageRead('drugFree'), { 'if-none-match': '"not-this-one"' });
    expect(other.status).toBe(200);
    expect(json(other).data.coverage.indicator).toBe('drugFree');
    // Other variables are another answer, with another ETag.
    const cultural = await get(server, coverageRead('culturalVillage'), { 'if-none-match': etag });
    expect(cultural.status).toBe(200);
    expect(cultural.headers.etag).not.toBe(etag);
  });

  it('sends brotli or gzip as asked, each decoding to the JSON a POST of the document gets', async () => {
    const posted = await gql(server, COVERAGE, { indicator: 'carRoadAccess' });
    expect(posted.body.errors).toBeUndefined();
    const plain = await get(server, coverageRead('carRoadAccess'), { 'accept-encoding': 'identity' });
    const br = await get(server, coverageRead('carRoadAccess'), { 'accept-encoding': 'gzip, deflate, br' });
    const gz = await get(server, coverageRead('carRoadAccess'), { 'accept-encoding': 'gzip' });
    const refusedBr = await get(server, coverageRead('carRoadAccess'), { 'accept-encoding': 'br;q=0, gzip' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(refusedBr.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(posted.body);
    expect(JSON.parse(gunzipSync(gz.body).toString('utf8'))).toEqual(posted.body);
    expect(json(plain)).toEqual(posted.body);
    expect(br.body.length).toBeLessThan(plain.body.length);
    // A strong tag names one sequence of bytes: each encoding has its own, and each revalidates to 304.
    expect(new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]).size).toBe(3);
    const again = await get(server, coverageRead('carRoadAccess'), { 'accept-encoding': 'br', 'if-none-match': br.headers.etag as string });
    expect(again.status).toBe(304);
  });

  it('keys answers by the variables the document declares only: unused variables neither miss nor evict', async () => {
    const first = await get(server, coverageRead('safeSecurityVillage'));
    expect(first.status).toBe(200);
    for (let n = 1; n <= 5; n++) {
      const padded = await get(server, { ...coverageRead('safeSecurityVillage'), variables: { indicator: 'safeSecurityVillage', unused: n } });
      expect(padded.status).toBe(200);
      expect(padded.headers['x-atlas-cache'], `unused: ${n}`).toBe('hit');
      expect(padded.body.equals(first.body)).toBe(true);
    }
  });

  it('gets a new ETag after an edit; the old one no longer gives 304', async () => {
    const before = await get(server, communeRead);
    const old = before.headers.etag as string;
    expect((await get(server, communeRead, { 'if-none-match': old })).status).toBe(304);
    const { body } = await editor.gql('mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }',
      { i: { unitId: 'fc-muong-do', indicator: 'poorHouseholds', period: '2061', value: 12, sourceNote: 'thử ETag', expectedVersion: 0 } });
    expect(body.errors).toBeUndefined();
    const after = await get(server, communeRead, { 'if-none-match': old });
    expect(after.status).toBe(200);
    expect(after.headers.etag).toBeTruthy();
    expect(after.headers.etag).not.toBe(old);
    expect(json(after).data.commune.name).toBe(json(before).data.commune.name);
  });

  it('never answers a request with a session cookie from the cache, and marks it private, no-store', async () => {
    await get(server, communeRead); // in the cache for anonymous readers
    expect((await get(server, communeRead)).headers['x-atlas-cache']).toBe('hit');
    for (const cookie of [editor.cookie!, 'atlas_session=expired-or-unknown']) {
      const r = await get(server, communeRead, { cookie });
      expect(r.headers['x-atlas-cache'], cookie).toBeUndefined();
      expect(r.headers['cache-control'], cookie).toBe('private, no-store');
      expect(r.headers.etag, cookie).toBeUndefined();
    }
    // Other cookies (a proxy's, analytics) do not matter to an anonymous answer.
    expect((await get(server, communeRead, { cookie: 'lang=vi' })).headers['x-atlas-cache']).toBe('hit');
  });

  it(`still refuses an unknown persisted id with ${UNKNOWN_OPERATION}`, async () => {
    const r = await get(server, { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
    expect(r.status).toBe(400);
    expect(json(r).errors[0].extensions.code).toBe(UNKNOWN_OPERATION);
    expect(r.headers['x-atlas-cache']).toBeUndefined();
  });

  it('never keeps an error: a bad variable is answered afresh each time, and no other cache may keep it', async () => {
    const bad = { extensions: byId(COVERAGE), variables: { indicator: 'noSuchIndicator' } };
    for (let i = 0; i < 2; i++) {
      const r = await get(server, bad);
      expect(json(r).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(r.headers['x-atlas-cache']).toBe('miss');
      expect(r.headers.etag).toBeUndefined();
      expect(r.headers['cache-control']).toBe('no-store'); // server/http/no-store.plugin.ts
    }
  });
});

describe('the bound in bytes', () => {
  let small: RunningServer;
  // Room for a few of the page's answers in their three encodings, not for all of them.
  const BOUND = 1_000_000;
  beforeAll(async () => { small = await startServer({ env: { ANSWER_CACHE_BYTES: String(BOUND) } }); }, 120_000);
  afterAll(async () => { await small?.stop(); });

  it('evicts the least recently used answer once the bytes kept exceed the bound', async () => {
    const first = coverageRead('drugFree');
    expect((await get(small, first)).headers['x-atlas-cache']).toBe('miss');
    expect((await get(small, first)).headers['x-atlas-cache']).toBe('hit');
    // Other answers (each page query with and without its operation name is another key), never touching the
    // first, until what they keep — each in all three encodings — is more than the bound.
    const manifest = loadPersistedOperations(root);
    const fillers = Object.values(manifest).filter((text) => /^query \w+ \{/.test(text))
      .flatMap((text) => [{ extensions: byId(text) }, { extensions: byId(text), operationName: /^query (\w+)/.exec(text)![1] }]);
    let kept = 0;
    let used = 0;
    for (const filler of fillers) {
      if (kept > BOUND) break;
      used++;
      const plain = await get(small, filler, { 'accept-encoding': 'identity' });
      expect(plain.status, `${JSON.stringify(filler)} ${plain.body?.toString?.().slice(0, 300)}`).toBe(200);
      const gz = await get(small, filler, { 'accept-encoding': 'gzip' });
      const br = await get(small, filler, { 'accept-encoding': 'br' });
      if (br.headers['x-atlas-cache'] === 'hit') kept += plain.body.length + gz.body.length + br.body.length; // kept (not over a quarter)
    }
    expect(used).toBeGreaterThan(1);
    expect(kept).toBeGreaterThan(BOUND);
    // The first answer, the least recently used, has gone; the last one is still there.
    expect((await get(small, first)).headers['x-atlas-cache']).toBe('miss');
    expect((await get(small, fillers[used - 1]!)).headers['x-atlas-cache']).toBe('hit');
  });
});
