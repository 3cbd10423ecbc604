// Anonymous GraphQL POSTs answered before Express (server/http/anonymous-post.ts) against the same requests answered
// by Express and Apollo, on real HTTP servers and one SQLite file: a portal with the path (`fast`) and one without it
// (`express`, ANONYMOUS_POST_FAST_PATH=0), both uncached as the peer bench runs them; a third with the answer cache
// (`cached`). Every request must get the same status, header lines and bytes from both; the portal's own count of
// POSTs answered before Express (server/diagnostics/request-paths.ts, over IPC) says which requests took the path.
// node:http, not fetch: fetch would decompress and merge repeated headers.
import { createHash } from 'node:crypto';
import { rawRequest, type RawAnswer } from './helpers/raw-request.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_FIELDS, TARGET_ALL } from './helpers/target-selection.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { createUserWithCli, signedIn } from './helpers/session.ts';
import { CACHE_HEADER } from '../server/http/cached-reads.ts';


/** POST these bytes to /graphql with these headers (application/json unless given); the answer as it came. */
function post(server: RunningServer, body: string | Buffer, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return rawRequest(new URL('graphql', server.url), {
    method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(bytes.length), ...headers }, body: bytes,
  });
}

/** Every header line as `name: value` (name in lower case), sorted, repeated lines kept; without Date (the clock's). */
function headerLines(r: RawAnswer, without: string[] = []): string[] {
  const lines: string[] = [];
  for (let i = 0; i < r.rawHeaders.length; i += 2) {
    const name = r.rawHeaders[i]!.toLowerCase();
    if (name !== 'date' && !without.includes(name)) lines.push(`${name}: ${r.rawHeaders[i + 1]}`);
  }
  return lines.sort();
}

/** How many POSTs the portal has answered before Express so far. */
function postsBeforeExpress(server: RunningServer): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (m: { type?: string; postsBeforeExpress?: number }) => {
      if (m?.type !== 'paths') return;
      server.process.off('message', onMessage);
      resolve(m.postsBeforeExpress!);
    };
    server.process.on('message', onMessage);
    server.process.send!({ type: 'paths' });
  });
}

const json = (query: string, extra: Record<string, unknown> = {}) => JSON.stringify({ query, ...extra });
const ONE_BAN = '{ villages(filter: { search: "ml-04" }) { id name geometry } }';
const COVERAGE = 'query Coverage($i: String!) { coverage(indicator: $i) { groups { id achieved total } } }';
/** 120 levels of brackets in a literal: deeper than the 100 the parser is given (variables-depth.ts). */
const NESTED = `{ villages(filter: { search: ${'['.repeat(120)}"x"${']'.repeat(120)} }) { id } }`;
const deepVariables = (depth: number): unknown => (depth === 0 ? 1 : { a: deepVariables(depth - 1) });


/** The cap these portals run with (ANONYMOUS_ANSWER_CAP): every bản's outline (about 74 kB) is over it. */
const CAP = 60_000;

/** A request, and whether the path before Express answers it (true) or leaves it to Express (false). */
interface Case { name: string; body: string; headers?: Record<string, string>; beforeExpress: boolean }

const CASES: Case[] = [
  { name: 'the fixed cost: { __typename }', body: json('{ __typename }'), beforeExpress: true },
  { name: 'one bản with geometry, brotli', body: json(ONE_BAN), headers: { 'accept-encoding': 'gzip, deflate, br' }, beforeExpress: true },
  { name: 'one bản with geometry, gzip', body: json(ONE_BAN), headers: { 'accept-encoding': 'gzip' }, beforeExpress: true },
  { name: 'one bản with geometry, no encoding', body: json(ONE_BAN), beforeExpress: true },
  { name: 'a named operation with variables', body: json(COVERAGE, { operationName: 'Coverage', variables: { i: 'drugFree' } }), beforeExpress: true },
  { name: 'operationName and variables null', body: json('{ indicators { key } }', { operationName: null, variables: null }), beforeExpress: true },
  { name: 'Accept: application/json and */*', body: json('{ __typename }'), headers: { accept: '*/*' }, beforeExpress: true },
  { name: 'a resolver error beside null data (BAD_USER_INPUT, 200)', body: json('{ coverage(indicator: "nope") { total } }'), beforeExpress: true },
  { name: 'an unauthenticated field (UNAUTHENTICATED)', body: json('{ history(unitId: "ml-04") { id } }'), beforeExpress: true },
  { name: 'an anonymous answer over the size cap (RESPONSE_TOO_LARGE, 413)', body: json('{ villages { id name geometry } }'), beforeExpress: true },
  { name: 'a syntax error (GRAPHQL_PARSE_FAILED)', body: json('{ __typename'), beforeExpress: false },
  { name: 'an unknown field (GRAPHQL_VALIDATION_FAILED)', body: json('{ nope }'), beforeExpress: false },
  { name: 'the depth limit', body: json('{ __type(name: "Village") { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } }'), beforeExpress: false },
  { name: 'an answer over the cap by a few characters (the size it names)', body: json(`{ ${Array.from({ length: 10 }, (_, i) => `t${i}: targets { no candidates { id name formerCommune { id name areaKm2 } centroid } current { value count status source { doc title section } } }`).join(' ')} }`), beforeExpress: true },
  { name: 'the cost limit', body: json(`{ ${Array.from({ length: 10 }, (_, i) => `t${i}: targets { ${TARGET_ALL} }`).join(' ')} }`), beforeExpress: false },
  { name: 'the alias limit', body: json(`{ ${Array.from({ length: 16 }, (_, i) => `c${i}: coverage(indicator: "drugFree") { achieved }`).join(' ')} }`), beforeExpress: false },
  { name: 'the token limit', body: json(`{ villages(filter: { bbox: [${Array.from({ length: 2010 }, () => '1').join(',')}] }) { id } }`), beforeExpress: false },
  { name: 'the estimated answer size (answerBytes)', body: json(`{ ${Array.from({ length: 15 }, (_, i) => `a${i}: villages { geometry formerCommune { geometry } }`).join(' ')} }`), beforeExpress: false },
  { name: 'a document nested too deep', body: json(NESTED), beforeExpress: false },
  { name: 'variables nested too deep', body: json(COVERAGE, { variables: { i: deepVariables(40) } }), beforeExpress: false },
  { name: 'variables of the wrong type (BAD_USER_INPUT, 400)', body: json(COVERAGE, { variables: { i: 5 } }), beforeExpress: false },
  { name: 'an unknown operation name', body: json(COVERAGE, { operationName: 'Other', variables: { i: 'drugFree' } }), beforeExpress: false },
  { name: 'two operations and no name', body: json('query A { __typename } query B { __typename }'), beforeExpress: false },
  { name: 'a mutation', body: json('mutation { signOut }'), beforeExpress: false },
  { name: 'a batch', body: JSON.stringify([{ query: '{ __typename }' }]), beforeExpress: false },
  { name: 'malformed JSON', body: '{"query": "{ __typename }"', beforeExpress: false },
  { name: 'a persisted query hash the portal does not know', body: json('{ __typename }', { extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } }), beforeExpress: false },
  { name: 'an unknown persisted query without a document', body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'cd'.repeat(32) } } }), beforeExpress: false },
  { name: 'a body over the anonymous limit of 1 MB (PAYLOAD_TOO_LARGE)', body: json('{ __typename }', { variables: { pad: 'x'.repeat(1024 * 1024) } }), beforeExpress: false },
  { name: 'Accept: application/graphql-response+json', body: json('{ __typename }'), headers: { accept: 'application/graphql-response+json' }, beforeExpress: true },
  { name: 'Accept: a weighted list preferring application/graphql-response+json', body: json(ONE_BAN), headers: { accept: 'application/json;q=0.5, application/graphql-response+json' }, beforeExpress: true },
  { name: 'Accept: application/graphql-response+json, an error (GRAPHQL_VALIDATION_FAILED)', body: json('{ nope }'), headers: { accept: 'application/graphql-response+json' }, beforeExpress: false },
  { name: 'Accept: application/graphql-response+json, over the size cap (413)', body: json('{ villages { id name geometry } }'), headers: { accept: 'application/graphql-response+json' }, beforeExpress: true },
  { name: 'Accept: text/html, nothing acceptable (NOT_ACCEPTABLE, 406)', body: json('{ __typename }'), headers: { accept: 'text/html' }, beforeExpress: false },
  { name: 'a text/plain body (CSRF)', body: json('{ __typename }'), headers: { 'content-type': 'text/plain' }, beforeExpress: false },
];

let fast: RunningServer;
let express: RunningServer;
let cached: RunningServer;
beforeAll(async () => {
  const uncached = { ANSWER_CACHE_BYTES: '0', ANONYMOUS_ANSWER_CAP: String(CAP) };
  fast = await startServer({ ipc: true, env: uncached });
  // The same database: the same data version, the same answers.
  [express, cached] = await Promise.all([
    startServer({ dataDir: fast.dataDir, env: { ...uncached, ANONYMOUS_POST_FAST_PATH: '0' } }),
    startServer({ dataDir: fast.dataDir, ipc: true }),
  ]);
}, 180_000);
afterAll(async () => {
  await Promise.all([express?.stop(), cached?.stop()]);
  await fast?.stop();
});

describe('an anonymous POST answered before Express', () => {
  for (const c of CASES) {
    it(`${c.name}: the same status, headers and bytes as through Express (${c.beforeExpress ? 'before Express' : 'left to Express'})`, async () => {
      const before = await postsBeforeExpress(fast);
      const viaFast = await post(fast, c.body, c.headers);
      const after = await postsBeforeExpress(fast);
      const viaExpress = await post(express, c.body, c.headers);
      expect(after - before).toBe(c.beforeExpress ? 1 : 0);
      expect(viaFast.status).toBe(viaExpress.status);
      expect(headerLines(viaFast)).toEqual(headerLines(viaExpress));
      expect(viaFast.body.toString('base64')).toBe(viaExpress.body.toString('base64'));
    });
  }

  it('answers with data and the codes the cases above expect (so that the comparison compares answers)', async () => {
    const answer = async (name: string) => {
      const c = CASES.find((x) => x.name === name)!;
      return JSON.parse((await post(fast, c.body, c.headers)).body.toString('utf8'));
    };
    expect((await answer('the fixed cost: { __typename }')).data).toEqual({ __typename: 'Query' });
    expect((await answer('one bản with geometry, no encoding')).data.villages[0].geometry.type).toMatch(/Polygon/);
    expect((await answer('a resolver error beside null data (BAD_USER_INPUT, 200)')).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await answer('an anonymous answer over the size cap (RESPONSE_TOO_LARGE, 413)')).errors[0].extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', max: CAP });
    for (const limit of ['depth', 'alias', 'token', 'cost'] as const) {
      const code = limit === 'alias' ? 'aliases' : limit === 'token' ? 'tokens' : limit;
      expect((await answer(`the ${limit} limit`)).errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: code });
    }
    expect((await answer('the estimated answer size (answerBytes)')).errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'answerBytes' });
    expect((await answer('variables nested too deep')).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'variables' });
    expect((await answer('a body over the anonymous limit of 1 MB (PAYLOAD_TOO_LARGE)')).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await answer('a text/plain body (CSRF)')).errors[0].message).toContain('CSRF');
    expect((await answer('Accept: text/html, nothing acceptable (NOT_ACCEPTABLE, 406)')).errors[0].extensions.code).toBe('NOT_ACCEPTABLE');
    expect((await answer('Accept: application/graphql-response+json')).data).toEqual({ __typename: 'Query' });
  });

  it('a request with the session cookie goes through Express: the signed-in viewer, private, no-store', async () => {
    createUserWithCli(fast.dataDir, 'fastpath-admin', 'một mật khẩu dài của xã 2025', 'admin');
    const admin = await signedIn(fast, 'fastpath-admin', 'một mật khẩu dài của xã 2025');
    expect(admin.cookie).toBeTruthy();
    const before = await postsBeforeExpress(fast);
    const r = await post(fast, json('{ me { username role } }'), { cookie: admin.cookie! });
    expect(await postsBeforeExpress(fast)).toBe(before);
    expect(JSON.parse(r.body.toString('utf8')).data.me).toEqual({ username: 'fastpath-admin', role: 'admin' });
    expect(r.headers['cache-control']).toBe('private, no-store');
    // The same query without the cookie is anonymous, and answered before Express.
    const anonymous = await post(fast, json('{ me { username role } }'));
    expect(await postsBeforeExpress(fast)).toBe(before + 1);
    expect(JSON.parse(anonymous.body.toString('utf8')).data.me).toBeNull();
  });
});

describe('an anonymous POST with the answer cache', () => {
  // Express takes a request with extensions (here the document's own hash, an automatic persisted query): the same
  // read, the same key in the answer cache (read-key.ts), through Express and Apollo.
  const throughExpress = (query: string, extra: Record<string, unknown> = {}) =>
    json(query, { ...extra, extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } } });

  it('a miss answered before Express is a hit through Express, with the same headers and bytes', async () => {
    const before = await postsBeforeExpress(cached);
    const miss = await post(cached, json(ONE_BAN), { 'accept-encoding': 'br' });
    const hit = await post(cached, throughExpress(ONE_BAN), { 'accept-encoding': 'br' });
    expect(await postsBeforeExpress(cached)).toBe(before + 1);
    expect([miss.headers[CACHE_HEADER], hit.headers[CACHE_HEADER]]).toEqual(['miss', 'hit']);
    expect(miss.headers['content-encoding']).toBe('br');
    expect(headerLines(hit, [CACHE_HEADER])).toEqual(headerLines(miss, [CACHE_HEADER]));
    expect(hit.body.equals(miss.body)).toBe(true);
  });

  it('a miss answered through Express is a hit before Express, with the same headers and bytes', async () => {
    const before = await postsBeforeExpress(cached);
    const miss = await post(cached, throughExpress(COVERAGE, { variables: { i: 'drugFree' } }), { 'accept-encoding': 'gzip' });
    const hit = await post(cached, json(COVERAGE, { variables: { i: 'drugFree' } }), { 'accept-encoding': 'gzip' });
    expect(await postsBeforeExpress(cached)).toBe(before + 1);
    expect([miss.headers[CACHE_HEADER], hit.headers[CACHE_HEADER]]).toEqual(['miss', 'hit']);
    expect(headerLines(hit, [CACHE_HEADER])).toEqual(headerLines(miss, [CACHE_HEADER]));
    expect(hit.body.equals(miss.body)).toBe(true);
  });

  it('a body sent again is a hit in the type and encoding each request asks for; the same body with a session cookie, or refused before, never is', async () => {
    // anonymous-post.ts keeps the key each body text gave once the body passed its checks, and answers a hit of a known
    // text without parsing it again: what it answers must not change.
    const body = json(COVERAGE, { variables: { i: 'culturalVillage' } });
    const miss = await post(cached, body);
    const again = await post(cached, body, { accept: 'application/graphql-response+json', 'accept-encoding': 'br' });
    expect([miss.headers[CACHE_HEADER], again.headers[CACHE_HEADER]]).toEqual(['miss', 'hit']);
    expect(again.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    expect(again.headers['content-encoding']).toBe('br');
    const withCookie = await post(cached, body, { cookie: 'atlas_session=names-no-session' });
    expect(withCookie.headers[CACHE_HEADER]).toBeUndefined();
    expect(withCookie.headers['cache-control']).toBe('private, no-store');
    // The same key (an undeclared variable does not change it), but nested too deep: refused each time it is sent,
    // also among hits of its key answered at once (within a millisecond of a reading of the data version).
    const deep = json(COVERAGE, { variables: { i: 'culturalVillage', x: deepVariables(40) } });
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => post(cached, i % 2 ? deep : body)));
      expect(answers.map((r) => r.status)).toEqual(answers.map((_, i) => (i % 2 ? 400 : 200)));
      for (const refused of answers.filter((_, i) => i % 2)) {
        expect(JSON.parse(refused.body.toString('utf8')).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'variables' });
      }
    }
  });

  it('heavy requests answered before Express take turns: a trivial query among twelve is answered before the last of them', async () => {
    const before = await postsBeforeExpress(cached);
    const order: string[] = [];
    // Distinct limits: twelve distinct documents, none answered from the cache. Each is estimated over 256 kB.
    const heavy = Array.from({ length: 12 }, (_, i) => post(cached, json(`{ villages(limit: ${10 + i}) { geometry formerCommune { geometry } } }`))
      .then((r) => { order.push('heavy'); return r; }));
    const trivial = post(cached, json('{ __typename }')).then((r) => { order.push('trivial'); return r; });
    const answers = await Promise.all([...heavy, trivial]);
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    expect(await postsBeforeExpress(cached)).toBe(before + 13);
    expect(order.indexOf('trivial')).toBeLessThan(order.length - 1);
  });
});
