// GraphQL hardening over real HTTP: query limits, body limits, JSON errors, CSRF, response cache.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import Database from 'better-sqlite3';
import { getIntrospectionQuery } from 'graphql';
import { join } from 'node:path';
import { SOURCE_FIELDS, TARGET_ALL } from './helpers/target-selection.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { createUserWithCli, signedIn } from './helpers/session.ts';
import { LoginRateLimit } from '../server/access/login-rate-limit.ts';
import { COMMUNE_QUERY } from '../web/api/commune.ts';
import { documentText } from '../web/api/graphql.ts';
import { operationId } from '../server/client-types/persisted-operations.ts';
import { COVERAGE_QUERY } from '../web/api/coverage.ts';
import { NEIGHBOURS_QUERY } from '../web/api/neighbours.ts';
import { SOURCES_QUERY } from '../web/api/sources.ts';
import { VILLAGES_QUERY } from '../web/api/villages.ts';
import { QUERY_LIMITS } from '../server/http/query-limits.ts';

let server: RunningServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

// Every error body seen in this file, checked at the end for stacks, paths and SQL.
const errorBodies: string[] = [];

interface Reply { status: number; headers: Headers; text: string; json: any }
async function send(init: RequestInit & { search?: string } = {}): Promise<Reply> {
  const url = new URL('graphql' + (init.search ?? ''), server.url);
  const res = await fetch(url, init);
  const text = await res.text();
  let json: any = null;
  try { json = JSON.parse(text); } catch { /* checked by the caller */ }
  if (res.status >= 400 || json?.errors) errorBodies.push(text);
  return { status: res.status, headers: res.headers, text, json };
}
const post = (query: string, variables?: Record<string, unknown>, operationName?: string) => send({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query, variables, operationName }),
});
const ok = async (query: string, variables?: Record<string, unknown>) => {
  const r = await post(query, variables);
  expect(r.json?.errors, JSON.stringify(r.json?.errors)).toBeUndefined();
  expect(r.status).toBe(200);
  return r.json.data;
};
const refusedBy = async (query: string, limit: string) => {
  const r = await post(query);
  expect(r.status).toBe(400);
  expect(r.json.data).toBeUndefined();
  const [err] = r.json.errors;
  expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(err.extensions.code);
  expect(err.extensions).toMatchObject({ limit, max: QUERY_LIMITS[limit as keyof typeof QUERY_LIMITS] });
  expect(err.message).toContain(`${limit} limit`);
  return err;
};


describe('query limits', () => {
  it('refuses a query nested deeper than the limit (introspection ofType chains), naming the limit', async () => {
    const deep = `{ __type(name: "Village") { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } }`;
    const err = await refusedBy(deep, 'depth');
    expect(err.message).toContain(`${QUERY_LIMITS.depth}`);
  });

  it('refuses more aliases than the limit', async () => {
    const aliases = Array.from({ length: QUERY_LIMITS.aliases + 1 }, (_, i) => `c${i}: coverage(indicator: "drugFree") { achieved }`).join(' ');
    await refusedBy(`{ ${aliases} }`, 'aliases');
  });

  it('refuses a query costing more than the limit, even within the depth and alias limits', async () => {
    const heavy = Array.from({ length: 10 }, (_, i) => `t${i}: targets { ${TARGET_ALL} }`).join(' ');
    const err = await refusedBy(`{ ${heavy} }`, 'cost');
    expect(err.message).toMatch(/found \d+/);
  });

  it('refuses too many directives and too many tokens', async () => {
    const directives = Array.from({ length: QUERY_LIMITS.directives + 1 }, () => '@include(if: true)').join(' ');
    await refusedBy(`{ commune { name ${directives} } }`, 'directives');
    const bbox = Array.from({ length: QUERY_LIMITS.tokens + 10 }, () => '1').join(',');
    await refusedBy(`{ villages(filter: { bbox: [${bbox}] }) { id } }`, 'tokens');
  });

  it('stops parsing an absurdly long document with a 400, not a 500', async () => {
    const bbox = Array.from({ length: QUERY_LIMITS.tokens * 3 }, () => '1').join(',');
    const r = await post(`{ villages(filter: { bbox: [${bbox}] }) { id } }`);
    expect(r.status).toBe(400);
    expect(r.json.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(r.json.errors[0].message).toContain('tokens');
  });

  it("lets the page's queries through", async () => {
    for (const query of [COMMUNE_QUERY, NEIGHBOURS_QUERY, SOURCES_QUERY, VILLAGES_QUERY]) await ok(documentText(query));
    await ok(documentText(COVERAGE_QUERY), { indicator: 'drugFree' });
  });

  it('lets the documented queries, a full target selection and introspection through', async () => {
    const { villages } = await ok(`{ villages { id name nameKnown formerCommune { name } boundaryQuality centroid geometry } }`);
    expect(villages).toHaveLength(23);
    const { villageFeatures } = await ok(`{ villageFeatures(indicators: ["drugFree", "culturalVillage", "carRoadAccess"]) }`);
    expect(villageFeatures.features).toHaveLength(23);
    await ok(`{ coverage(indicator: "drugFree") { indicator indicatorName achieved total share complete target targetComparator
      targetNo targetMet unknownVillages ${SOURCE_FIELDS} consistentWithSource
      groups { id code name achieved total share complete unknownVillages basis ${SOURCE_FIELDS} formula } } }`);
    const { targets } = await ok(`{ targets { ${TARGET_ALL} } }`);
    expect(targets.length).toBeGreaterThan(0);
    await ok(`{ villages(filter: { formerCommune: "Mường Lang", indicator: "drugFree", state: [UNKNOWN] }) { id name geometry } }`);
    const { __schema } = await ok(getIntrospectionQuery());
    expect(__schema.queryType.name).toBe('Query');
  });
});

describe('request bodies', () => {
  it('answers a 2 MB body with 413 and a JSON error', async () => {
    const r = await send({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ commune { name } }`, variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(r.status).toBe(413);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(r.json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(r.json.errors[0].message).toContain('1 MB');
  });

  it('answers malformed JSON with 400 and a JSON error', async () => {
    const r = await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ commune { name } }",' });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(r.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(r.json.errors[0].message).toContain('JSON');
  });

  // server/http/small-json-body.ts reads the common case itself and leaves the rest to body-parser: both answer alike.
  it('reads a body with a UTF-8 charset, a byte order mark, or sent in chunks of unknown length, as body-parser does', async () => {
    const query = JSON.stringify({ query: '{ commune { name } }' });
    const charset = await send({ method: 'POST', headers: { 'content-type': 'application/json; charset=UTF-8' }, body: query });
    expect(charset.status).toBe(200);
    const name = charset.json.data.commune.name;
    expect(name).toBeTruthy();
    const bom = await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: `\ufeff${query}` });
    expect(bom.json.data?.commune.name).toBe(name);
    // A stream body: fetch sends it chunked, without Content-Length (body-parser's road).
    const chunked = await send({
      method: 'POST', headers: { 'content-type': 'application/json' }, duplex: 'half',
      body: new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(query.slice(0, 9))); c.enqueue(new TextEncoder().encode(query.slice(9))); c.close(); } }),
    } as RequestInit);
    expect(chunked.json.data?.commune.name).toBe(name);
  });

  // Well-formed JSON that is not one GraphQL request is not "malformed": the answer says what was sent and what to send,
  // on each road a body takes (small-json-body.ts; body-parser for a chunked body; the editors' reader).
  const POSTED_SHAPES: Array<[string, string]> = [['"{ commune { name } }"', 'string'], ['42', 'number'], ['null', 'null'], ['true', 'boolean'], ['[]', 'array'],
    [JSON.stringify([{ query: '{ commune { name } }' }]), 'array'], ['{}', 'object'], ['{"variables": {}}', 'object']];
  const expectNotARequest = (r: Reply, received: string, what: string) => {
    expect(r.status, what).toBe(400);
    expect(r.headers.get('content-type'), what).toMatch(/application\/json/);
    const [err] = r.json.errors;
    expect(err.extensions, what).toEqual({ code: 'BAD_REQUEST', received });
    expect(err.message, what).not.toContain('Malformed');
    expect(err.message, what).toContain('a JSON object with a "query" (or an extensions.persistedQuery)');
    expect(err.message, what).toContain('một đối tượng JSON có "query"');
    if (received === 'array') expect(err.message, what).toContain('Batched operations (a JSON array) are not accepted');
    else if (received !== 'object') expect(err.message, what).toContain(`The request body is a JSON ${received}, not`);
  };

  it('answers well-formed JSON that is not one request (a scalar, null, an array, an object without a query) with a 400 saying what to send', async () => {
    let checked = 0;
    for (const [body, received] of POSTED_SHAPES) {
      expectNotARequest(await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body }), received, body);
      const chunked = await send({
        method: 'POST', headers: { 'content-type': 'application/json' }, duplex: 'half',
        body: new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(body)); c.close(); } }),
      } as RequestInit);
      expectNotARequest(chunked, received, `${body}, chunked`);
      checked++;
    }
    expect(checked).toBe(POSTED_SHAPES.length);
    const empty = await send({ method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(400);
    expect(empty.json.errors[0].extensions).toEqual({ code: 'BAD_REQUEST', received: 'nothing' });
    expect(empty.json.errors[0].message).toContain('The POST request has no body: send a JSON object with a "query"');
  });

  it("answers an editor's scalar or array body (read by the upload reader) the same way", async () => {
    createUserWithCli(server.dataDir, 'shape-editor', 'shape-pass-123', 'editor');
    const editor = await signedIn(server, 'shape-editor', 'shape-pass-123');
    let checked = 0;
    for (const [body, received] of POSTED_SHAPES) {
      const r = await send({ method: 'POST', headers: { 'content-type': 'application/json', cookie: editor.cookie! }, body });
      expectNotARequest(r, received, `editor: ${body}`);
      checked++;
    }
    expect(checked).toBe(POSTED_SHAPES.length);
    // A byte order mark is read past as on the anonymous road (a tester's signed-in request got "Malformed JSON").
    const query = JSON.stringify({ query: '{ commune { name } }' });
    const plain = await send({ method: 'POST', headers: { 'content-type': 'application/json', cookie: editor.cookie! }, body: query });
    const bom = await send({ method: 'POST', headers: { 'content-type': 'application/json', cookie: editor.cookie! }, body: `\ufeff${query}` });
    expect(plain.json.data.commune.name).toBeTruthy();
    expect(bom.status).toBe(200);
    expect(bom.json).toEqual(plain.json);
  });

  it('answers a JSON body in another charset than UTF-8 with 415 UNSUPPORTED_CHARSET naming it, and still reads UTF-8', async () => {
    const query = JSON.stringify({ query: '{ commune { name } }' });
    let checked = 0;
    for (const charset of ['latin1', 'ISO-8859-1', 'utf-16', 'utf8']) {
      const r = await send({ method: 'POST', headers: { 'content-type': `application/json; charset=${charset}` }, body: query });
      expect(r.status, charset).toBe(415);
      expect(r.headers.get('content-type'), charset).toMatch(/application\/json/);
      expect(r.json.errors[0].extensions, charset).toEqual({ code: 'UNSUPPORTED_CHARSET', charset });
      expect(r.json.errors[0].message, charset).toContain(`Charset "${charset}" is not supported: send the JSON in UTF-8`);
      expect(r.json.errors[0].message, charset).toContain(`Bảng mã "${charset}" không được hỗ trợ`);
      checked++;
    }
    expect(checked).toBe(4);
    const quoted = await send({ method: 'POST', headers: { 'content-type': 'application/json; charset="utf-8"' }, body: query });
    expect(quoted.status).toBe(200);
    expect(quoted.json.data.commune.name).toBeTruthy();
  });
});

describe('CSRF prevention', () => {
  // An anonymous GET names one of the page's operations by id (server/persisted-operations.json).
  const persisted = { persistedQuery: { version: 1, sha256Hash: operationId(documentText(COMMUNE_QUERY)) } };
  const search = `?extensions=${encodeURIComponent(JSON.stringify(persisted))}`;

  it('refuses a GET and a text/plain POST that a cross-site form or image could send', async () => {
    const get = await send({ search });
    expect(get.status).toBe(400);
    expect(get.json.data).toBeUndefined();
    expect(get.json.errors[0].message).toContain('CSRF');
    const form = await send({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ commune { name } }' }) });
    expect(form.status).toBe(400);
    expect(form.json.errors[0].message).toContain('CSRF');
  });

  it('accepts the same GET with a preflight header', async () => {
    const r = await send({ search, headers: { 'apollo-require-preflight': 'true' } });
    expect(r.status).toBe(200);
    expect(r.json.data.commune.name).toBeTruthy();
  });
});

describe('response cache', () => {
  const query = `query CacheProbe($indicator: String!) { coverage(indicator: $indicator) { achieved total groups { name achieved } } }`;

  it('answers the second identical anonymous query from the cache with the same body', async () => {
    const first = await post(query, { indicator: 'drugFree' });
    const second = await post(query, { indicator: 'drugFree' });
    expect(first.headers.get('x-atlas-cache')).toBe('miss');
    expect(second.headers.get('x-atlas-cache')).toBe('hit');
    expect(second.text).toBe(first.text);
    // Other variables are another answer.
    const other = await post(query, { indicator: 'culturalVillage' });
    expect(other.headers.get('x-atlas-cache')).toBe('miss');
    expect(other.text).not.toBe(first.text);
  });

  it('never caches errors', async () => {
    const bad = `{ villageFeatures(indicators: ["cacheProbeNope"]) }`;
    expect((await post(bad)).headers.get('x-atlas-cache')).toBe('miss');
    const again = await post(bad);
    expect(again.headers.get('x-atlas-cache')).toBe('miss');
    expect(again.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('forgets everything when the data version grows', async () => {
    const probe = `query CacheVersionProbe { commune { name } }`;
    await post(probe);
    expect((await post(probe)).headers.get('x-atlas-cache')).toBe('hit');
    // Any edit bumps meta.data_version; do it from outside, as a second process would.
    const db = new Database(join(server.dataDir, 'atlas.sqlite'));
    try {
      db.prepare(`UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'`).run();
    } finally { db.close(); }
    const after = await post(probe);
    expect(after.headers.get('x-atlas-cache')).toBe('miss');
    expect(after.json.data.commune.name).toBeTruthy();
    expect((await post(probe)).headers.get('x-atlas-cache')).toBe('hit');
  });

  it('stays out of the way of signed-in users and of mutations', async () => {
    // The query is cached for anonymous visitors (a hit the second time)…
    const probe = `query CacheSignedInProbe { coverage(indicator: "drugFree") { achieved total } }`;
    expect((await post(probe)).headers.get('x-atlas-cache')).toBe('miss');
    expect((await post(probe)).headers.get('x-atlas-cache')).toBe('hit');
    // …but a signed-in user of any role is answered afresh, with no cache header, every time.
    const roles = ['viewer', 'editor', 'admin'] as const;
    for (const role of roles) createUserWithCli(server.dataDir, `cache-${role}`, 'cache-pass-123', role);
    // The CLI blocked this process for seconds: let it see the keep-alive connections the server closed meanwhile.
    await new Promise((r) => setTimeout(r, 100));
    for (const role of roles) {
      const user = await signedIn(server, `cache-${role}`, 'cache-pass-123');
      for (let i = 0; i < 2; i++) {
        const r = await send({ method: 'POST', headers: { 'content-type': 'application/json', cookie: user.cookie! }, body: JSON.stringify({ query: probe }) });
        expect(r.json.errors, role).toBeUndefined();
        expect(r.headers.get('x-atlas-cache'), `${role}, request ${i + 1}`).toBeNull();
      }
    }
    // An anonymous mutation is never answered from the cache either.
    for (let i = 0; i < 2; i++) {
      const r = await post('mutation CacheMutationProbe { signOut }');
      expect(r.json.errors).toBeUndefined();
      expect(r.headers.get('x-atlas-cache'), `mutation, request ${i + 1}`).toBeNull();
    }
  });
});

describe('security headers', () => {
  it('on every kind of response: this origin only, no plugins, no foreign <base>, forms or framing', async () => {
    const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ commune { name } }' }) };
    for (const [path, init] of [['/', {}], ['/graphql', post], ['/export/villages.csv', {}], ['/ogc/collections', {}]] as const) {
      const res = await fetch(new URL(path, server.url), init);
      await res.arrayBuffer();
      const policy = Object.fromEntries(res.headers.get('content-security-policy')!.split(';')
        .map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
      expect(policy, path).toEqual({
        'default-src': ["'self'"], 'script-src': ["'self'"], 'object-src': ["'none'"], 'base-uri': ["'self'"],
        'form-action': ["'self'"], 'frame-ancestors': ["'none'"], 'connect-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'], 'style-src': ["'self'", "'unsafe-inline'"],
        'worker-src': ["'self'", 'blob:'], 'font-src': ["'self'", 'data:'],
      });
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });
});

describe('sign-in rate limit', () => {
  const SIGN_IN = 'mutation ($u: String!, $p: String!) { signIn(username: $u, password: $p) { role } }';

  it('counts a try before checking the password: of 30 wrong ones at once, at most 5 are checked', async () => {
    createUserWithCli(server.dataDir, 'parallel-guess', 'right-pass-123', 'viewer');
    // The CLI blocked this process for seconds: let it see the keep-alive connections the server closed meanwhile.
    await new Promise((r) => setTimeout(r, 100));
    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => post(SIGN_IN, { u: 'parallel-guess', p: `wrong-pass-${i}` })));
    const codes = replies.map((r) => r.json.errors?.[0]?.extensions?.code);
    expect(codes.every((c) => c === 'UNAUTHENTICATED' || c === 'FORBIDDEN'), codes.join()).toBe(true);
    // UNAUTHENTICATED: the password was checked (and wrong); FORBIDDEN: refused before any check.
    expect(codes.filter((c) => c === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 'FORBIDDEN').length).toBeGreaterThanOrEqual(25);
    for (const r of replies.filter((x) => x.json.errors[0].extensions.code === 'FORBIDDEN')) {
      expect(r.json.errors[0].message).toMatch(/Too many sign-in attempts; try again in \d+ s/);
    }
    // What the right password gets afterwards, from this address and from another: tests/sign-in-limits.test.ts.
  });

  it('keeps no empty entries and at most its bound of keys, however many names are tried', () => {
    const limit = new LoginRateLimit({ freeTries: 5, forgetAfterMs: 60_000, windowMs: 60_000, maxPairs: 100, addressCeiling: 2_000 });
    for (let i = 0; i < 1000; i++) expect(limit.begin(`user-${i}`, 'ip-a', 1_000 + i)).toBe(0);
    expect(limit.size).toBe(100);
    expect(limit.begin('user-999', 'ip-a', 62_000)).toBe(0); // its earlier try has expired; the pair is counted afresh
    for (let i = 0; i < 4; i++) limit.begin('user-999', 'ip-a', 62_000);
    expect(limit.begin('user-999', 'ip-a', 62_000)).toBe(30);
    const before = limit.size;
    limit.succeed('user-999', 'ip-a');
    expect(limit.size).toBe(before - 1);
    expect(limit.begin('user-999', 'ip-a', 62_000)).toBe(0);
    // A refused try stores nothing, not even an empty entry for a pair it names for the first time.
    const strict = new LoginRateLimit({ addressCeiling: 3 });
    for (let i = 0; i < 3; i++) expect(strict.begin(`user-${i}`, 'ip-c', 0)).toBe(0);
    expect(strict.begin('never-seen', 'ip-c', 0)).toBeGreaterThan(0);
    expect(strict.size).toBe(3);
  });
});

describe('error bodies', () => {
  it('never carry a stack, a file path or SQL', async () => {
    // Errors of every kind, made here (and any others this file's tests met before, in errorBodies).
    const json = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const replies = [
      await post('{ zz }'), await post('{ commune { name }'), await post('subscription { commune { name } }'),
      await post(`{ __type(name: "Village") { fields { type { ${'ofType { '.repeat(20)}name${' }'.repeat(20)} } } } }`),
      await post('query ($n: Int!) { target(no: $n) { no } }', { n: 'x'.repeat(100_000) }),
      await post('{ villageFeatures(indicators: ["errorBodyProbe"]) }'), await post('{ history(unitId: "mb-01") { id } }'),
      await post('{ villagesNear(lon: 200, lat: 21, km: 5) { distanceKm } }'),
      await send(json('{"query": ')), await send(json('[]')), await send(json(JSON.stringify({ query: '{ commune { name } }', pad: 'z'.repeat(2_000_000) }))),
      await send({ search: `?query=${encodeURIComponent('{ commune { name } }')}` }),
      await send({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ commune { name } }' }),
    ];
    for (const r of replies) expect(r.status >= 400 || r.json?.errors !== undefined, r.text.slice(0, 200)).toBe(true);
    expect(errorBodies.length).toBeGreaterThanOrEqual(replies.length);
    for (const body of errorBodies) {
      expect(body).not.toMatch(/\bat .+:\d+:\d+|stacktrace|\/work\/|node_modules|\.ts\b|\.js\b|<html|<pre>/i);
      expect(body).not.toMatch(/\b(SELECT|INSERT|UPDATE|DELETE)\b .*\b(FROM|INTO|SET)\b|sqlite/i);
    }
  });
});
