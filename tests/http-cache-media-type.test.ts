// Content negotiation of GraphQL answers (server/http/graphql-media-type.ts) on the real HTTP server and SQLite file:
// a cached answer goes out in the media type each request's Accept chose, as Apollo's own negotiation gives it
// uncached (same bytes otherwise), with `Vary: Accept` and an ETag per representation, whichever client filled the
// cache first, for GET by persisted id and anonymous POST; a client that accepts no GraphQL type gets 406 on every
// path, and its request never fills the cache. node:http, not fetch: fetch would decompress and merge headers.
import { rawRequest, type RawAnswer } from './helpers/raw-request.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { createUserWithCli, signedIn } from './helpers/session.ts';
import { documentText } from '../web/api/graphql.ts';
import { COVERAGE_QUERY } from '../web/api/coverage.ts';
import { operationId } from '../server/client-types/persisted-operations.ts';
import { CACHE_HEADER } from '../server/http/cached-reads.ts';


/** One request to /graphql: a GET with these parameters, or a POST of this JSON body; the answer as it came. */
function send(server: RunningServer, how: { get: Record<string, unknown> } | { post: unknown }, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const isGet = 'get' in how;
  const search = isGet ? `?${new URLSearchParams(Object.entries(how.get).map(([k, v]) => [k, JSON.stringify(v)]))}` : '';
  const body = isGet ? undefined : Buffer.from(JSON.stringify(how.post), 'utf8');
  return rawRequest(new URL(`graphql${search}`, server.url), {
    method: isGet ? 'GET' : 'POST',
    headers: isGet ? { 'apollo-require-preflight': 'true', ...headers }
      : { 'content-type': 'application/json', 'content-length': String(body!.length), ...headers },
    body,
  });
}

const COVERAGE = documentText(COVERAGE_QUERY);
/** A read by GET (the page's coverage query by persisted id) or by POST (its text), for one indicator. */
const reads = {
  GET: (indicator: string) => ({ get: { extensions: { persistedQuery: { version: 1, sha256Hash: operationId(COVERAGE) } }, variables: { indicator } } }),
  POST: (indicator: string) => ({ post: { query: COVERAGE, variables: { indicator } } }),
};
const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json; charset=utf-8';
const varyOf = (r: RawAnswer) => String(r.headers.vary ?? '').split(',').map((v) => v.trim().toLowerCase());

let cached: RunningServer;
let uncached: RunningServer;
beforeAll(async () => {
  cached = await startServer();
  // The same database, no answer cache, every POST through Express: every answer's type is Apollo's own choice.
  uncached = await startServer({ dataDir: cached.dataDir, env: { ANSWER_CACHE_BYTES: '0', ANONYMOUS_POST_FAST_PATH: '0' } });
}, 120_000);
afterAll(async () => {
  await uncached?.stop();
  await cached?.stop();
});

/**
 * The indicators each method's cases read, one per case: a GET by id and a POST of the same document share a key, and
 * each case's first request must be the one that fills the cache.
 */
const INDICATORS = {
  GET: ['drugFree', 'culturalVillage', 'carRoadAccess', 'safeSecurityVillage'],
  POST: ['concreteInternalRoad', 'standardCulturalHouse', 'communityDigitalTeam', 'securitySelfManagement'],
};

for (const method of ['GET', 'POST'] as const) {
  const [firstJson, firstGraphQL, perAccept, refusedFirst] = INDICATORS[method];
  describe(`a cached ${method} answer in the type each Accept chose`, () => {
    // Each order on its own indicator: its first request fills the cache.
    const orders = [
      { indicator: firstGraphQL!, first: 'application/graphql-response+json', firstType: GRAPHQL_RESPONSE_TYPE, then: 'application/json', thenType: JSON_TYPE },
      { indicator: firstJson!, first: 'application/json', firstType: JSON_TYPE, then: 'application/graphql-response+json', thenType: GRAPHQL_RESPONSE_TYPE },
    ];
    for (const o of orders) {
      it(`filled by Accept: ${o.first}, then asked with Accept: ${o.then}`, async () => {
        const first = await send(cached, reads[method](o.indicator), { accept: o.first });
        const then = await send(cached, reads[method](o.indicator), { accept: o.then });
        expect([first.status, then.status]).toEqual([200, 200]);
        expect([first.headers[CACHE_HEADER], then.headers[CACHE_HEADER]]).toEqual(['miss', 'hit']);
        expect(first.headers['content-type']).toBe(o.firstType);
        expect(then.headers['content-type']).toBe(o.thenType);
        expect(JSON.parse(then.body.toString('utf8')).data.coverage.indicator).toBe(o.indicator);
        expect(then.body.equals(first.body)).toBe(true);
        // Two representations: two strong tags, and a proxy told that Accept chooses between them.
        expect(then.headers.etag).not.toBe(first.headers.etag);
        for (const r of [first, then]) expect(varyOf(r)).toEqual(['accept', 'accept-encoding', 'cookie']);
        // Each tag revalidates its own representation only.
        const same = await send(cached, reads[method](o.indicator), { accept: o.then, 'if-none-match': then.headers.etag as string });
        const other = await send(cached, reads[method](o.indicator), { accept: o.then, 'if-none-match': first.headers.etag as string });
        expect(same.status).toBe(304);
        expect(same.headers.etag).toBe(then.headers.etag);
        expect(other.status).toBe(200);
        expect(other.headers['content-type']).toBe(o.thenType);
      });
    }

    it('gives, for each Accept, the type Apollo gives it uncached, from the cache', async () => {
      const accepts = [undefined, '*/*', 'application/json', 'application/graphql-response+json',
        'application/graphql-response+json, application/json;q=0.9', 'application/json;q=0.5, application/graphql-response+json',
        'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'application/*'];
      const indicator = perAccept!;
      await send(cached, reads[method](indicator)); // kept, from a request without Accept
      let compared = 0;
      for (const accept of accepts) {
        const headers: Record<string, string> = accept === undefined ? {} : { accept };
        const fromApollo = await send(uncached, reads[method](indicator), headers);
        const fromCache = await send(cached, reads[method](indicator), headers);
        expect(fromApollo.status, accept).toBe(200);
        expect(fromCache.headers[CACHE_HEADER], accept).toBe('hit');
        expect(fromCache.headers['content-type'], accept).toBe(fromApollo.headers['content-type']);
        expect(fromCache.body.equals(fromApollo.body), accept).toBe(true);
        compared++;
      }
      expect(compared).toBe(accepts.length);
    });

    it('answers 406 NOT_ACCEPTABLE to an Accept that admits no GraphQL type, and keeps nothing from it', async () => {
      const indicator = refusedFirst!;
      for (const server of [uncached, cached]) {
        const refused = await send(server, reads[method](indicator), { accept: 'text/html' });
        expect(refused.status).toBe(406);
        expect(refused.headers['content-type']).toBe(JSON_TYPE);
        expect(refused.headers['cache-control']).toBe('no-store');
        expect(varyOf(refused)).toContain('accept');
        expect(refused.headers.etag).toBeUndefined();
        expect(JSON.parse(refused.body.toString('utf8')).errors[0].extensions).toEqual({ code: 'NOT_ACCEPTABLE', field: 'Accept' });
      }
      // Nothing was kept for it: the next reader computes the answer (a miss) and gets data.
      const next = await send(cached, reads[method](indicator), { accept: 'application/json' });
      expect(next.status).toBe(200);
      expect(next.headers[CACHE_HEADER]).toBe('miss');
      expect(JSON.parse(next.body.toString('utf8')).data.coverage.indicator).toBe(indicator);
      // …and once it is kept, a client accepting nothing still gets 406, not the kept answer.
      expect((await send(cached, reads[method](indicator), { accept: 'image/png' })).status).toBe(406);
    });
  });
}

describe('406 on the signed-in path', () => {
  it('refuses a signed-in request that accepts no GraphQL type before it runs', async () => {
    createUserWithCli(cached.dataDir, 'media-admin', 'một mật khẩu dài của xã 2026', 'admin');
    const admin = await signedIn(cached, 'media-admin', 'một mật khẩu dài của xã 2026');
    const r = await send(cached, { post: { query: '{ me { username } }' } }, { cookie: admin.cookie!, accept: 'text/html' });
    expect(r.status).toBe(406);
    expect(JSON.parse(r.body.toString('utf8')).errors[0].extensions.code).toBe('NOT_ACCEPTABLE');
    const ok = await send(cached, { post: { query: '{ me { username } }' } }, { cookie: admin.cookie!, accept: 'application/graphql-response+json' });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe(GRAPHQL_RESPONSE_TYPE);
    expect(JSON.parse(ok.body.toString('utf8')).data.me.username).toBe('media-admin');
  });
});
