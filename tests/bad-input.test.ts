// A corpus of generated bad inputs (fast-check, fixed seed) against the real server: each one gets a clear
// error — a 4xx, or a GraphQL error with a caller's code — never a 5xx, a masked internal error, a hang, a
// crash, a stack, a path or SQL; and they change nothing in the database. Each family's test checks its own
// inputs (expectFamilyClean), so any one runs alone with -t. Counts per family go to
// tests/output/bad-input-summary.json (quoted in RELIABILITY.md).
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { fingerprint, type Fingerprint } from './helpers/fingerprint.ts';
import { team } from './helpers/team.ts';
import type { Client } from './helpers/session.ts';

const SEED = 20251205;
const root = new URL('..', import.meta.url).pathname;
// Runs per family: together at least 2,000 inputs, in well under a minute on two cores.
const RUNS = {
  graphqlShape: 260, graphqlTypes: 220, requestBody: 200, contentType: 80,
  within: 220, boundary: 200, centre: 120, name: 220, search: 140, observation: 300, csvImport: 120, httpParams: 160,
  deepVariables: 60,
};

// Codes a 200 answer may carry. PERSISTED_QUERY_NOT_FOUND is the automatic-persisted-query protocol's own
// answer (sent with 200 so that clients retry with the full query): clear, and it runs nothing.
const GRAPHQL_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND']);
// Paths whose every answer is JSON; elsewhere (the static web page) a 404 may be the usual HTML page.
const JSON_PATHS = /^\/(?:graphql|ogc|export)(?:\/|$|\?)/;
const OGC_CODES = new Set(['InvalidParameterValue', 'NotFound', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED', 'CONFLICT']);
// What must never appear in an answer: a stack frame, a source path, the database, SQL.
const LEAKS: Array<[string, RegExp]> = [
  ['stack frame', /\bat .{1,200}\.(?:ts|js|mjs|cjs):\d+/], ['stacktrace', /stacktrace/i], ['source path', /\/work\/|node_modules|file:\/\//],
  ['database', /SQLITE_|better-sqlite3|\.sqlite\b/i], ['SQL', /\b(?:SELECT|INSERT|UPDATE|DELETE)\b[\s\S]{0,80}\b(?:FROM|INTO|SET|WHERE)\b/],
];

let server: RunningServer;
let editor: Client;
let before: Fingerprint;
let villages: Array<{ id: string; version: number; centroid: [number, number]; label: string }>;
/** Where the server's output stood when the current test began: its internal errors are looked for after it. */
let outputMark = 0;

interface Tally { inputs: number; refused: number; answered: number; statuses: Record<string, number>; codes: Record<string, number>; maxErrorBodyBytes: number }
const tally: Record<string, Tally> = {};
/** Problems found by judge(), per family: the family's own test fails on them. */
const failures: Record<string, string[]> = {};

/** What a family expects of an input: a refusal, an answer (a valid query, e.g. a search), or either. */
type Expect = 'refused' | 'answered' | 'either';

interface Req { path?: string; method?: string; headers?: Record<string, string>; body?: string; as?: Client | null }
interface Reply { status: number; text: string; json: any; path: string }

async function send(req: Req): Promise<Reply> {
  const headers: Record<string, string> = { ...(req.headers ?? { 'content-type': 'application/json' }) };
  if (req.as?.cookie) headers.cookie = req.as.cookie;
  const url = new URL(req.path ?? 'graphql', server.url);
  const res = await fetch(url, {
    method: req.method ?? 'POST', headers, body: req.body, signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  let json: any = null;
  try { json = JSON.parse(text); } catch { /* judged below */ }
  return { status: res.status, text, json, path: url.pathname };
}

const gqlBody = (query: string, variables?: unknown) => JSON.stringify({ query, variables });

/** Send one input, judge the reply, count it; returns the reply for family-specific checks. */
async function judge(family: string, req: Req, expected: Expect, what: string): Promise<Reply> {
  const t = (tally[family] ??= { inputs: 0, refused: 0, answered: 0, statuses: {}, codes: {}, maxErrorBodyBytes: 0 });
  const found = (failures[family] ??= []);
  t.inputs++;
  let r: Reply;
  try {
    r = await send(req);
  } catch (e) {
    found.push(`${family}: no answer (${(e as Error).name}: ${(e as Error).message}) for ${what}`);
    throw e;
  }
  t.statuses[r.status] = (t.statuses[r.status] ?? 0) + 1;
  const problem = (m: string) => { found.push(`${family}: ${m} for ${what.slice(0, 300)} → ${r.status} ${r.text.slice(0, 300)}`); };
  for (const [name, re] of LEAKS) if (re.test(r.text)) problem(`${name} in the body`);
  if (r.status >= 500) problem('5xx');
  const errors: any[] | undefined = r.json?.errors;
  const ogcCode: string | undefined = typeof r.json?.code === 'string' ? r.json.code : undefined;
  const codes = errors ? errors.map((e) => e?.extensions?.code) : ogcCode ? [ogcCode] : [];
  for (const c of codes) t.codes[c] = (t.codes[c] ?? 0) + 1;
  for (const p of r.json?.data?.importObservations?.problems ?? []) t.codes[`import ${p.code}`] = (t.codes[`import ${p.code}`] ?? 0) + 1;
  const refused = r.status >= 400 || (errors?.length ?? 0) > 0 || r.json?.data?.importObservations?.applied === false;
  if (refused) {
    t.refused++;
    t.maxErrorBodyBytes = Math.max(t.maxErrorBodyBytes, Buffer.byteLength(r.text));
    if (codes.includes('INTERNAL_SERVER_ERROR') || codes.includes('ServerError')) problem('internal error');
    if (errors && r.status < 400 && codes.some((c) => !GRAPHQL_CODES.has(c))) problem(`unexpected code ${codes.join(',')}`);
    if (ogcCode && !OGC_CODES.has(ogcCode)) problem(`unexpected code ${ogcCode}`);
    if (r.status < 400 && !errors && r.json?.data?.importObservations?.problems?.length === 0) problem('import refused without a problem');
    // A 4xx says what is wrong in JSON (431 for an oversized header has no body at all).
    if (r.status >= 400 && r.text !== '' && !errors && !ogcCode && JSON_PATHS.test(r.path)) problem('4xx without a JSON error');
    if (expected === 'answered') problem('refused a valid input');
  } else {
    t.answered++;
    if (expected === 'refused') problem('accepted');
  }
  return r;
}

const arb = {
  ident: fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,15}$/),
  junkText: fc.string({ unit: 'grapheme', maxLength: 40 }),
  finite: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
};

beforeAll(async () => {
  server = await startServer();
  ({ editor } = await team(server));
  const { body } = await editor.gql('{ villages { id version centroid label } }');
  villages = body.data.villages;
  before = fingerprint(server.dataDir);
}, 120_000);

beforeEach(() => { outputMark = server.output().length; });

afterAll(async () => {
  mkdirSync(`${root}tests/output`, { recursive: true });
  const total = Object.values(tally).reduce((s, t) => s + t.inputs, 0);
  writeFileSync(`${root}tests/output/bad-input-summary.json`, JSON.stringify({
    seed: SEED, total, families: tally, failures,
  }, null, 2));
  await server?.stop();
});

const villageArb = () => fc.constantFrom(...villages);
const assertProperty = (p: fc.IAsyncPropertyWithHooks<any>, numRuns: number) => fc.assert(p, { seed: SEED, numRuns, endOnFailure: true });

/**
 * What every family's test ends with: all its inputs were sent and judged without a problem, the server
 * still runs and logged no internal error during the test, and the database is as it was.
 */
function expectFamilyClean(family: string, runs: number) {
  expect(failures[family] ?? [], family).toEqual([]);
  expect(tally[family]?.inputs, `${family}: inputs sent`).toBe(runs);
  expect(server.process.exitCode).toBeNull();
  // The internal-error path logs every masked error.
  expect(server.output().slice(outputMark).match(/Internal error|Unhandled HTTP error/g) ?? []).toEqual([]);
  expect(fingerprint(server.dataDir)).toEqual(before);
}

describe('GraphQL documents', () => {
  it('refuses deep, wide, aliased, oversized and cyclic documents', async () => {
    const shapes = fc.oneof(
      fc.integer({ min: 8, max: 60 }).map((d) => ({ kind: 'deep introspection', q: `{ __type(name: "Village") { ${'fields { type { '.repeat(1)}${'ofType { '.repeat(d)}name${' }'.repeat(d)} } } } }` })),
      fc.integer({ min: 50, max: 3000 }).map((d) => ({ kind: 'deep list argument', q: `{ villages(filter: { bbox: ${'['.repeat(d)}1${']'.repeat(d)} }) { id } }` })),
      fc.integer({ min: 50, max: 3000 }).map((d) => ({ kind: 'deep object argument', q: `{ villages(filter: { within: ${'{a: '.repeat(d)}1${'}'.repeat(d)} }) { id } }` })),
      fc.integer({ min: 6, max: 40 }).map((d) => ({ kind: 'deep selection on a leaf', q: `{ targets { candidates { formerCommune { ${'name { '.repeat(d)}x${' }'.repeat(d)} } } } }` })),
      fc.integer({ min: 700, max: 4000 }).map((n) => ({ kind: 'wide selection', q: `{ commune { ${'name '.repeat(n)}} }` })),
      fc.integer({ min: 16, max: 400 }).map((n) => ({ kind: 'many aliases', q: `{ ${Array.from({ length: n }, (_, i) => `a${i}: coverage(indicator: "drugFree") { achieved }`).join(' ')} }` })),
      fc.integer({ min: 11, max: 200 }).map((n) => ({ kind: 'many directives', q: `{ commune { name ${'@include(if: true) '.repeat(n)}} }` })),
      fc.integer({ min: 2, max: 8 }).map((n) => ({ kind: 'cyclic fragments', q: `{ commune { ...F0 } } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Commune { name ...F${(i + 1) % n} }`).join(' ')}` })),
      fc.integer({ min: 2, max: 6 }).map((n) => ({ kind: 'several operations, none named', q: Array.from({ length: n }, (_, i) => `query Q${i} { commune { name } }`).join(' ') })),
      fc.integer({ min: 100_000, max: 1_300_000 }).map((n) => ({ kind: 'huge string argument', q: `{ villages(filter: { search: "${'á'.repeat(n / 2)}" }) { id } }` })),
      fc.integer({ min: 100_000, max: 1_300_000 }).map((n) => ({ kind: 'huge string variable', q: 'query ($s: String) { villages(filter: { search: $s }) { id } }', v: { s: 'x'.repeat(n) } })),
      fc.integer({ min: 100_000, max: 900_000 }).map((n) => ({ kind: 'huge id variable', q: 'query ($u: String!) { history(unitId: $u) { id } }', v: { u: 'y'.repeat(n) } })),
      fc.integer({ min: 100_000, max: 900_000 }).map((n) => ({ kind: 'huge comment', q: `# ${'c'.repeat(n)}\n{ commune { name } }x` })),
    );
    await assertProperty(fc.asyncProperty(shapes, async (s: { kind: string; q: string; v?: unknown }) => {
      await judge('graphqlShape', { body: gqlBody(s.q, s.v), as: editor }, 'refused', `${s.kind} (${s.q.length} chars)`);
    }), RUNS.graphqlShape);
    expectFamilyClean('graphqlShape', RUNS.graphqlShape);
  });

  it('refuses wrong types, unknown enums, unknown fields, arguments and types', async () => {
    const wrongLiteral = fc.constantFrom('"x"', '1.5', 'true', '[1]', '{a: 1}', 'null', '-1e999', 'FOO', '""', '99999999999');
    const cases = fc.oneof(
      fc.tuple(fc.constantFrom(
        ['villages(limit: $)', '{ id }', ['"x"', '1.5', 'true', '[1]', '{a: 1}', 'null', 'FOO', '99999999999']],
        ['target(no: $)', '{ no }', ['"1"', '1.5', 'true', '{a: 1}', 'null', 'FOO', '99999999999']],
        ['coverage(indicator: $)', '{ total }', ['1', '1.5', 'true', '[1, 2]', '{a: 1}', 'null', 'FOO']],
        ['villagesNear(lon: $, lat: 21, km: 5)', '{ distanceKm }', ['"x"', 'true', '[1]', '{a: 1}', 'null', 'FOO']],
        ['villages(filter: { nameKnown: $ })', '{ id }', ['"yes"', '1', '1.5', '[1]', '{a: 1}', 'FOO']],
        ['villages(filter: { bbox: $ })', '{ id }', ['"x"', 'true', '{a: 1}', 'FOO', '[1, 2]', '[1, 2, 3, 4, 5]', '[1, "a", 3, 4]']],
        ['villages(filter: { near: $ })', '{ id }', ['"x"', '1', '{lon: 1}', '{lon: "a", lat: 1, km: 1}', '{lon: 1, lat: 1, km: 1, x: 2}', '{lon: 1e999, lat: 0, km: 1}']],
        ['villageFeatures(indicators: $)', '', ['1', '{a: 1}', 'null', '[null]', '[1]', '["drugFree", 2]']],
        ['aggregate(level: $, indicator: "population")', '{ count }', ['1', 'null', '[1]', 'FOO']],
      ), fc.nat()).map(([[call, sel, lits], i]) => ({ kind: 'wrong type', q: `{ ${call.replace('$', lits[i % lits.length])} ${sel} }` })),
      fc.tuple(fc.stringMatching(/^[A-Z][A-Z_]{0,11}$/).filter((s) => !['UNKNOWN', 'REPORTED', 'DERIVED', 'ESTIMATED', 'INFERRED'].includes(s)), fc.boolean())
        .map(([e, asVar]) => (asVar
          ? { kind: 'unknown enum (variable)', q: 'query ($s: [ValueState!]) { villages(filter: { indicator: "drugFree", state: $s }) { id } }', v: { s: [e] } }
          : { kind: 'unknown enum', q: `{ villages(filter: { indicator: "drugFree", state: [${e}] }) { id } }` })),
      arb.ident.map((f) => ({ kind: 'unknown root field', q: `{ zz${f} }` })),
      arb.ident.map((f) => ({ kind: 'unknown field', q: `{ villages { id zz${f} } }` })),
      arb.ident.map((f) => ({ kind: 'unknown argument', q: `{ villages(zz${f}: 1) { id } }` })),
      arb.ident.map((f) => ({ kind: 'unknown input field', q: `{ villages(filter: { zz${f}: 1 }) { id } }` })),
      arb.ident.map((f) => ({ kind: 'unknown variable type', q: `query ($x: Zz${f}) { commune { name } }` })),
      arb.ident.map((f) => ({ kind: 'undefined variable', q: `{ villages(limit: $zz${f}) { id } }` })),
      fc.tuple(wrongLiteral, fc.constantFrom('Int!', 'Float!', 'Boolean', '[String!]!', 'JSON')).map(([lit, type]) => ({
        kind: 'variable of another type', q: `query ($v: ${type}) { target(no: $v) { no } }`, v: { v: lit },
      })),
      fc.jsonValue({ maxDepth: 3 }).filter((v) => !Number.isInteger(v)).map((v) => ({ kind: 'JSON for an Int variable', q: 'query ($n: Int!) { target(no: $n) { no } }', v: { n: v } })),
      fc.constantFrom('mutation { commune { name } }', '{ commune }', '{ commune { name } ', 'query { }', '{ ...F }', 'fragment F on Zz { a }',
        '{ villages { geometry(precision: 99) } }',
        '{ villages { geometry(simplifyMeters: -1) } }', '{ villageFeatures(indicators: ["drugFree"], precision: -3) }', '{ villages(limit: 101) { id } }', '{ villages(offset: -1) { id } }',
        '{ villagesNear(lon: 200, lat: 21, km: 5) { distanceKm } }', '{ villagesNear(lon: 104, lat: 21, km: 501) { distanceKm } }', '{ units(validOn: "2025-13-45") { id } }',
        '{ units(level: "province") { id } }', '{ coverage(indicator: "population") { total } }', '{ aggregate(level: "bản", indicator: "population") { count } }',
        '{ observations(unitId: "zz") { value } }', '{ villages(filter: { formerCommune: "Mường Tè" }) { id } }', '{ villages(filter: { value: true }) { id } }',
        '{ villages(filter: { bbox: [105, 21, 104, 22] }) { id } }', '{ villages(filter: { near: { lon: 104, lat: 95, km: 1 } }) { id } }',
        '{ villageFeatures(indicators: ["zz"]) }', '{ history(unitId: "zz") { id } }')
        .map((q) => ({ kind: 'invalid document or argument', q })),
    );
    await assertProperty(fc.asyncProperty(cases, async (c: { kind: string; q: string; v?: unknown }) => {
      await judge('graphqlTypes', { body: gqlBody(c.q, c.v), as: editor }, 'refused', `${c.kind}: ${c.q} ${JSON.stringify(c.v ?? null).slice(0, 100)}`);
    }), RUNS.graphqlTypes);
    expectFamilyClean('graphqlTypes', RUNS.graphqlTypes);
  });
});

describe('request bodies and content types', () => {
  it('refuses malformed JSON, bodies of the wrong shape, NaN tokens and oversized bodies', async () => {
    const valid = gqlBody('{ commune { name } }');
    const bodies = fc.oneof(
      fc.string({ maxLength: 200 }).filter((s) => { try { const v = JSON.parse(s); return typeof v !== 'object' || v === null || Array.isArray(v); } catch { return true; } })
        .map((b) => ({ kind: 'random text', b })),
      fc.integer({ min: 1, max: valid.length - 1 }).map((n) => ({ kind: 'truncated JSON', b: valid.slice(0, n) })),
      fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '').map((s) => ({ kind: 'trailing garbage', b: `${valid}${s}x` })),
      fc.constantFrom('NaN', 'Infinity', '-Infinity', 'undefined', '1e999').map((t) => ({ kind: 'NaN token', b: `{"query":"query ($n: Float!) { villagesNear(lon: $n, lat: 21, km: 1) { distanceKm } }","variables":{"n":${t}}}` })),
      fc.jsonValue({ maxDepth: 2 }).filter((q) => typeof q !== 'string').map((q) => ({ kind: 'query not a string', b: JSON.stringify({ query: q }) })),
      fc.jsonValue({ maxDepth: 2 }).filter((v) => v !== null && (typeof v !== 'object' || Array.isArray(v))).map((v) => ({ kind: 'variables not an object', b: JSON.stringify({ query: '{ commune { name } }', variables: v }) })),
      fc.jsonValue({ maxDepth: 2 }).filter((v) => v !== null && typeof v !== 'string').map((v) => ({ kind: 'operationName not a string', b: JSON.stringify({ query: '{ commune { name } }', operationName: v }) })),
      // Anonymous too: anonymous queries pass the response cache, which must cope with no operation.
      fc.tuple(arb.ident, fc.boolean()).map(([n, anonymous]) => ({ kind: 'unknown operationName', b: JSON.stringify({ query: 'query A { commune { name } }', operationName: `Zz${n}` }), anonymous })),
      fc.constantFrom('{}', '[]', 'null', '""', '[{"query":"{ commune { name } }"}]', '{"variables":{}}', '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}',
        '{"query":"{ commune { name } }","extensions":"x"}', '\u0000\u0001', '{"query":"\\ud800{ commune { name } }"}')
        .map((b) => ({ kind: 'wrong shape', b })),
      // Bodies are limited to 1 MB, or 8 MB for editors (who upload import files): oversized for each.
      fc.integer({ min: 1_100_000, max: 10_500_000 }).map((n) => ({ kind: 'oversized body, anonymous (> 1 MB)', b: JSON.stringify({ query: '{ commune { name } }', variables: { pad: 'z'.repeat(n) } }), anonymous: true })),
      fc.integer({ min: 8_500_000, max: 10_500_000 }).map((n) => ({ kind: 'oversized body, editor (> 8 MB)', b: JSON.stringify({ query: '{ commune { name } }', variables: { pad: 'z'.repeat(n) } }) })),
    );
    await assertProperty(fc.asyncProperty(bodies, async ({ kind, b, anonymous }: { kind: string; b: string; anonymous?: boolean }) => {
      await judge('requestBody', { body: b, as: anonymous ? null : editor }, 'refused', `${kind}: ${b.slice(0, 120)}`);
    }), RUNS.requestBody);
    expectFamilyClean('requestBody', RUNS.requestBody);
  });

  it('refuses other content types, methods and cross-site shapes', async () => {
    const requests = fc.oneof(
      fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/html', 'application/graphql',
        'application/json; charset=latin1', 'application/json; charset=utf-16', 'image/png', '')
        .map((type) => ({ kind: `content-type ${type || '(none)'}`, req: { headers: (type ? { 'content-type': type } : {}) as Record<string, string>, body: gqlBody('mutation { signOut }') } })),
      fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH').map((method) => ({ kind: `${method} /graphql`, req: { method, path: `graphql?query=${encodeURIComponent('mutation { signOut }')}`, headers: {} } })),
      fc.constantFrom('gzip', 'deflate', 'br').map((enc) => ({ kind: `content-encoding ${enc} (not encoded)`, req: { headers: { 'content-type': 'application/json', 'content-encoding': enc }, body: gqlBody('{ commune { name } }') } })),
    );
    await assertProperty(fc.asyncProperty(requests, async ({ kind, req }: { kind: string; req: Req }) => {
      // signOut would end the editor's session: these go out anonymously.
      await judge('contentType', { ...req, as: null }, 'refused', kind);
    }), RUNS.contentType);
    expectFamilyClean('contentType', RUNS.contentType);
  });
});

// ---- GeoJSON ----------------------------------------------------------------------------------------

type Ring = number[][];
const square = ([x, y]: [number, number], h: number): Ring => [[x - h, y - h], [x + h, y - h], [x + h, y + h], [x - h, y + h], [x - h, y - h]];
const polygon = (...rings: Ring[]) => ({ type: 'Polygon', coordinates: rings });

/** Bad shapes near a given point, each labelled; all invalid GeoJSON (or not polygons at all). */
function badShapes(near: () => fc.Arbitrary<[number, number]>, maxPositions: number) {
  const h = fc.double({ min: 1e-4, max: 0.01, noNaN: true });
  const nonNumber = fc.constantFrom<unknown>(null, 'NaN', 'Infinity', '-Infinity', '104.7', true, [], {}, [1, 2]);
  return fc.oneof(
    fc.tuple(near(), h).map(([c, s]) => { const [x, y] = c; return { kind: 'self-intersecting (bow tie)', g: polygon([[x, y], [x + s, y + s], [x + s, y], [x, y + s], [x, y]]) }; }),
    fc.tuple(near(), h).map(([c, s]) => ({ kind: 'unclosed ring', g: polygon(square(c, s).slice(0, 4)) })),
    fc.tuple(near(), h).map(([c, s]) => ({ kind: 'ring of 3 positions', g: polygon([...square(c, s).slice(0, 2), square(c, s)[0]]) })),
    fc.tuple(near(), h, fc.nat(4), nonNumber, fc.boolean()).map(([c, s, i, bad, lat]) => {
      const ring = square(c, s) as unknown[][];
      ring[i] = lat ? [ring[i][0], bad] : [bad, ring[i][1]];
      if (i === 0) ring[4] = ring[0];
      return { kind: 'NaN/Infinity/null coordinate (as JSON gives them)', g: polygon(ring as Ring) };
    }),
    fc.tuple(near(), h).map(([c, s]) => ({ kind: 'swapped lat/lon', g: polygon(square(c, s).map(([x, y]) => [y, x])) })),
    fc.tuple(near(), h, fc.double({ min: 181, max: 1e300, noNaN: true })).map(([c, s, big]) => ({ kind: 'out of range', g: polygon(square(c, s).map(([x, y], i) => (i === 2 ? [big, y] : [x, y]))) })),
    fc.tuple(near(), h).map(([c, s]) => ({ kind: 'hole outside the shell', g: polygon(square(c, s), square([c[0] + 10 * s, c[1]], s / 2)) })),
    fc.tuple(near(), h).map(([c, s]) => ({ kind: 'hole crossing the shell', g: polygon(square(c, s), square([c[0] + s, c[1]], s / 2)) })),
    fc.tuple(near(), h).map(([c, s]) => ({ kind: 'overlapping MultiPolygon parts', g: { type: 'MultiPolygon', coordinates: [[square(c, s)], [square([c[0] + s / 2, c[1]], s)]] } })),
    fc.tuple(near(), h).map(([c, s]) => ({ kind: 'collinear ring (no area)', g: polygon([c, [c[0] + s, c[1] + s], [c[0] + 2 * s, c[1] + 2 * s], c]) })),
    fc.tuple(near(), h, fc.integer({ min: 3, max: 5 })).map(([c, s, n]) => ({ kind: 'position with extra members', g: polygon(square(c, s).map((p) => [...p, ...Array(n - 2).fill('z')])) })),
    fc.tuple(near(), h).map(([c, s]) => ({ kind: 'positions as objects', g: polygon(square(c, s).map(([x, y]) => ({ lon: x, lat: y })) as never) })),
    fc.constantFrom<unknown>(
      { type: 'Polygon', coordinates: [] }, { type: 'Polygon', coordinates: [[]] }, { type: 'Polygon', coordinates: 'x' }, { type: 'Polygon' },
      { type: 'MultiPolygon', coordinates: [[]] }, { type: 'MultiPolygon', coordinates: [null] }, { type: 'Point', coordinates: [104.8, 21.2] },
      { type: 'LineString', coordinates: [[104.8, 21.2], [104.9, 21.3]] }, { type: 'GeometryCollection', geometries: [] }, { type: 'Feature', geometry: null },
      { type: 'FeatureCollection', features: [] }, null, 'POLYGON((104 21, 105 21, 105 22, 104 21))', 42, [], { coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
    ).map((g) => ({ kind: 'not a polygon / empty', g })),
    fc.tuple(near(), fc.integer({ min: maxPositions + 1, max: maxPositions + 3000 })).map(([c, n]) => {
      const ring = Array.from({ length: n }, (_, i) => [c[0] + 0.01 * Math.cos((2 * Math.PI * i) / n), c[1] + 0.01 * Math.sin((2 * Math.PI * i) / n)]);
      ring.push(ring[0]);
      return { kind: 'too many positions', g: polygon(ring) };
    }),
  );
}

const nearCommune = () => villageArb().chain((v) => fc.tuple(fc.double({ min: -0.005, max: 0.005, noNaN: true }), fc.double({ min: -0.005, max: 0.005, noNaN: true }))
  .map(([dx, dy]) => [v.centroid[0] + dx, v.centroid[1] + dy] as [number, number]));
const farAway = () => fc.tuple(fc.double({ min: 100, max: 103, noNaN: true }), fc.double({ min: 10, max: 20, noNaN: true })).map(([x, y]) => [x, y] as [number, number]);

describe('GeoJSON in villages(filter: {within})', () => {
  const WITHIN = 'query ($w: JSON) { villages(filter: { within: $w }) { id } }';
  it('refuses invalid shapes, and answers odd but valid ones consistently', async () => {
    const cases = fc.oneof(
      { weight: 4, arbitrary: badShapes(nearCommune, 1000).map((s) => ({ ...s, expect: 'refused' as const })) },
      { weight: 1, arbitrary: fc.tuple(farAway(), fc.double({ min: 1e-3, max: 0.5, noNaN: true })).map(([c, s]) => ({ kind: 'outside the commune (valid: no bản)', g: polygon(square(c, s)), expect: 'answered' as const })) },
      { weight: 1, arbitrary: fc.tuple(nearCommune(), fc.double({ min: 1e-3, max: 0.05, noNaN: true })).map(([c, s]) => ({ kind: 'clockwise ring (valid: same answer)', g: polygon(square(c, s).reverse()), expect: 'answered' as const })) },
      { weight: 1, arbitrary: fc.constantFrom('NaN', 'Infinity', '-Infinity').map((t) => ({ kind: 'raw NaN token in the body', raw: `{"query":"${WITHIN.replace(/"/g, '\\"')}","variables":{"w":{"type":"Polygon","coordinates":[[[${t},21],[104.8,21.1],[104.9,21],[${t},21]]]}}}`, expect: 'refused' as const })) },
    );
    await assertProperty(fc.asyncProperty(cases, async (c: { kind: string; g?: unknown; raw?: string; expect: Expect }) => {
      const r = await judge('within', { body: c.raw ?? gqlBody(WITHIN, { w: c.g }) }, c.expect, `${c.kind}: ${(c.raw ?? JSON.stringify(c.g)).slice(0, 200)}`);
      if (c.kind.startsWith('outside')) expect(r.json?.data?.villages).toEqual([]);
      if (c.kind.startsWith('clockwise')) {
        const ccw = await send({ body: gqlBody(WITHIN, { w: { ...(c.g as object), coordinates: [(c.g as { coordinates: Ring[] }).coordinates[0].slice().reverse()] } }) });
        expect(r.json?.data?.villages).toEqual(ccw.json?.data?.villages);
      }
    }), RUNS.within);
    expectFamilyClean('within', RUNS.within);
  });
});

describe('GeoJSON from a signed-in editor', () => {
  const REPLACE = 'mutation ($i: BoundaryEdit!) { replaceBoundary(input: $i) { id version } }';
  it('replaceBoundary refuses invalid, self-intersecting, swapped, outside, huge and stale boundaries', async () => {
    const cases = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(badShapes(nearCommune, 5000), villageArb(), fc.boolean()).map(([s, v, feature]) => ({ kind: s.kind, v, g: feature ? { type: 'Feature', properties: {}, geometry: s.g } : s.g, stale: false })) },
      { weight: 1, arbitrary: fc.tuple(farAway(), villageArb()).map(([c, v]) => ({ kind: 'outside the commune', v, g: polygon(square(c, 0.002)), stale: false })) },
      // A clockwise ring is valid (RFC 7946 asks parsers to accept it): sent on a stale version, it must get CONFLICT and change nothing.
      { weight: 1, arbitrary: villageArb().map((v) => ({ kind: 'clockwise ring on a stale version', v, g: polygon(square(v.centroid, 0.0005).reverse()), stale: true })) },
      { weight: 1, arbitrary: fc.tuple(villageArb(), fc.constantFrom('', 'ab', '  \u200b\u200b  ', '\ud800abc', 'abc\u0000')).map(([v, note]) => ({ kind: 'bad source note', v, g: polygon(square(v.centroid, 0.0005)), stale: false, note })) },
      { weight: 1, arbitrary: fc.tuple(arb.ident, fc.constantFrom('fc-muong-do', 'xa-muong-bang')).map(([id, unit]) => ({ kind: 'unknown or non-bản unit', v: { id: id.length % 2 ? `zz-${id}` : unit, version: 1, centroid: [104.8, 21.2] as [number, number], label: '' }, g: polygon(square([104.8, 21.2], 0.0005)), stale: false })) },
      { weight: 1, arbitrary: fc.constantFrom('NaN', 'Infinity').map((t) => ({ kind: 'raw NaN token in the body', v: villages[0], g: null, stale: false, raw: t })) },
    );
    await assertProperty(fc.asyncProperty(cases, async (c: { kind: string; v: { id: string; version: number }; g: unknown; stale: boolean; note?: string; raw?: string }) => {
      const input = { unitId: c.v.id, geometry: c.g, sourceNote: c.note ?? 'Khảo sát thử', expectedVersion: c.stale ? c.v.version + 7 : c.v.version };
      const body = c.raw
        ? `{"query":"${REPLACE.replace(/"/g, '\\"')}","variables":{"i":{"unitId":"${c.v.id}","sourceNote":"x y z","expectedVersion":${c.v.version},"geometry":{"type":"Polygon","coordinates":[[[${c.raw},21.2],[104.8,21.21],[104.81,21.2],[${c.raw},21.2]]]}}}}`
        : gqlBody(REPLACE, { i: input });
      await judge('boundary', { body, as: editor }, 'refused', `${c.kind}: ${body.slice(0, 250)}`);
    }), RUNS.boundary - 2);
    // A ~10 MB boundary, twice: 413 before anything is parsed.
    const ring = Array.from({ length: 330_000 }, (_, i) => [104.8 + 0.01 * Math.cos(i), 21.2 + 0.01 * Math.sin(i)]);
    for (let i = 0; i < 2; i++) {
      const body = gqlBody(REPLACE, { i: { unitId: villages[i].id, geometry: polygon(ring), sourceNote: 'Khảo sát', expectedVersion: villages[i].version } });
      expect(body.length).toBeGreaterThan(9_000_000);
      const r = await judge('boundary', { body, as: editor }, 'refused', `~10 MB boundary (${body.length} bytes)`);
      expect(r.status).toBe(413);
    }
    expectFamilyClean('boundary', RUNS.boundary);
  });

  it('placeVillageCentre refuses swapped, out-of-range, outside, half-given and non-finite positions', async () => {
    const PLACE = 'mutation ($i: VillageCentreEdit!) { placeVillageCentre(input: $i) { id } }';
    const cases = fc.oneof(
      villageArb().map((v) => ({ kind: 'swapped lat/lon', v, lon: v.centroid[1] as unknown, lat: v.centroid[0] as unknown })),
      fc.tuple(villageArb(), farAway()).map(([v, [lon, lat]]) => ({ kind: 'outside the commune', v, lon, lat })),
      fc.tuple(villageArb(), fc.double({ min: 180.0001, max: 1e308, noNaN: true }), fc.boolean()).map(([v, big, neg]) => ({ kind: 'out of range', v, lon: neg ? -big : big, lat: v.centroid[1] })),
      fc.tuple(villageArb(), fc.boolean()).map(([v, first]) => ({ kind: 'only one of lon/lat', v, lon: first ? v.centroid[0] : null, lat: first ? null : v.centroid[1] })),
      fc.tuple(villageArb(), fc.constantFrom<unknown>('NaN', 'Infinity', '104.8', true, [104.8], { v: 1 })).map(([v, bad]) => ({ kind: 'non-number as JSON', v, lon: bad, lat: v.centroid[1] })),
      fc.tuple(villageArb(), fc.constantFrom('NaN', 'Infinity', '-Infinity')).map(([v, t]) => ({ kind: 'raw NaN token in the body', v, lon: null, lat: null, raw: t })),
      fc.tuple(villageArb(), fc.constantFrom('1e999', '-1e999')).map(([v, t]) => ({ kind: 'infinite literal in the document', v, lon: null, lat: null, literal: t })),
      fc.tuple(villageArb(), fc.integer({ min: 1, max: 50 })).map(([v, d]) => ({ kind: 'stale version', v: { ...v, version: v.version + d }, lon: v.centroid[0], lat: v.centroid[1] })),
    );
    await assertProperty(fc.asyncProperty(cases, async (c: { kind: string; v: typeof villages[number]; lon: unknown; lat: unknown; raw?: string; literal?: string }) => {
      let body: string;
      if (c.raw) body = `{"query":"${PLACE.replace(/"/g, '\\"')}","variables":{"i":{"villageId":"${c.v.id}","lon":${c.raw},"lat":21.2,"sourceNote":"GPS","expectedVersion":${c.v.version}}}}`;
      else if (c.literal) body = gqlBody(`mutation { placeVillageCentre(input: { villageId: "${c.v.id}", lon: ${c.literal}, lat: 21.2, sourceNote: "GPS", expectedVersion: ${c.v.version} }) { id } }`);
      else body = gqlBody(PLACE, { i: { villageId: c.v.id, lon: c.lon, lat: c.lat, sourceNote: 'GPS thử', expectedVersion: c.v.version } });
      await judge('centre', { body, as: editor }, 'refused', `${c.kind}: ${body.slice(0, 250)}`);
    }), RUNS.centre);
    expectFamilyClean('centre', RUNS.centre);
  });
});

// ---- Unicode ----------------------------------------------------------------------------------------

const NAMES = ['Suối Tọ', 'Nà Ngần', 'Pá Chè', 'Hua Đán', 'Lọng Khoa', 'Mường Đồn', 'Đông Ngọc'];
const OTHER_SCRIPT = ['а', 'о', 'е', 'Ρ', 'ο', '水', 'ก', 'ب', 'ש', 'ꪀ', 'ᥐ', '𝐀'];
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];

describe('Unicode in nameVillage', () => {
  const NAME = 'mutation ($i: VillageNameEdit!) { nameVillage(input: $i) { id name } }';
  it('refuses lone surrogates, control and bidi characters, other scripts, empty and overlong names; NFD names only on stale versions', async () => {
    const base = fc.constantFrom(...NAMES);
    const cases = fc.oneof(
      fc.tuple(base, fc.nat(), fc.constantFrom('\ud800', '\udfff', '\udc00x', '\ud83d')).map(([n, i, s]) => ({ kind: 'lone surrogate', name: n.slice(0, i % n.length) + s + n.slice(i % n.length) })),
      fc.tuple(base, fc.nat(), fc.integer({ min: 0, max: 0x1f }).filter((c) => c !== 0x20)).map(([n, i, c]) => ({ kind: 'control character', name: n.slice(0, i % n.length) + String.fromCharCode(c) + n.slice(i % n.length) })),
      fc.tuple(base, fc.constantFrom('\u202e', '\u202d', '\u2066', '\u2067', '\u2069')).map(([n, b]) => ({ kind: 'bidi override', name: b + n })),
      fc.tuple(base, fc.nat(), fc.constantFrom(...OTHER_SCRIPT)).map(([n, i, ch]) => ({ kind: 'mixed scripts', name: n.slice(0, i % n.length) + ch + n.slice((i % n.length) + 1) })),
      fc.array(fc.constantFrom(...INVISIBLE, ' ', '\t', 'Bản '), { minLength: 1, maxLength: 8 }).map((parts) => ({ kind: 'only invisible characters, spaces or "Bản"', name: parts.join('') })),
      fc.array(fc.constantFrom('!', '?', '#', '$', '%', '&', '*', '<', '>', '{', '}', '|', '~', '^', '"', ';', ':', '=', '+', '@'), { minLength: 1, maxLength: 4 })
        .chain((sym) => base.map((n) => ({ kind: 'symbols', name: `${n}${sym.join('')}` }))),
      fc.integer({ min: 81, max: 2000 }).map((n) => ({ kind: 'too long', name: 'Ả'.repeat(n) })),
      fc.tuple(base, fc.integer({ min: 1, max: 9 })).map(([n, d]) => ({ kind: 'NFD name on a stale version', name: n.normalize('NFD'), stale: d })),
      fc.tuple(base, arb.ident).map(([n, id]) => ({ kind: 'NFD name for an unknown bản', name: n.normalize('NFD'), villageId: `zz-${id}` })),
      fc.tuple(base, fc.constantFrom('', 'ab', '\u200b\u200b\u200b\u200b', ' \u2060 \ufeff ', 'ok\ud800')).map(([n, note]) => ({ kind: 'bad source note', name: n, note })),
    );
    await assertProperty(fc.asyncProperty(fc.tuple(cases, villageArb()), async ([c, v]: [{ kind: string; name: string; stale?: number; villageId?: string; note?: string }, typeof villages[number]]) => {
      const input = { villageId: c.villageId ?? v.id, name: c.name, sourceNote: c.note ?? 'Danh sách bản 2026', expectedVersion: v.version + (c.stale ?? 0) };
      await judge('name', { body: gqlBody(NAME, { i: input }), as: editor }, 'refused', `${c.kind}: ${JSON.stringify(c.name).slice(0, 120)}`);
    }), RUNS.name);
    expectFamilyClean('name', RUNS.name);
  });
});

describe('Unicode in search', () => {
  const SEARCH = 'query ($s: String) { villages(filter: { search: $s }) { id } }';
  it('answers NFD, invisible characters and other scripts like the plain text (or refuses overlong text)', async () => {
    const { body } = await editor.gql('{ villages { label } }');
    const labels: string[] = body.data.villages.map((v: { label: string }) => v.label);
    const cases = fc.oneof(
      fc.tuple(fc.constantFrom(...labels), fc.nat(), fc.constantFrom(...INVISIBLE)).map(([l, i, z]) => ({ kind: 'invisible character inside', s: l.slice(0, i % l.length) + z + l.slice(i % l.length), plain: l })),
      fc.constantFrom(...labels).map((l) => ({ kind: 'NFD', s: l.normalize('NFD'), plain: l })),
      fc.constantFrom(...labels).map((l) => ({ kind: 'upper case, extra spaces', s: `  ${l.toUpperCase().replace(/ /g, '   ')} `, plain: l })),
      fc.tuple(fc.constantFrom(...labels), fc.constantFrom(...OTHER_SCRIPT)).map(([l, ch]) => ({ kind: 'mixed scripts', s: l.replace(/[ao]/, ch), plain: null })),
      fc.tuple(fc.constantFrom(...labels), fc.constantFrom('\ud800', '\udfff')).map(([l, s]) => ({ kind: 'lone surrogate', s: l + s, plain: null })),
      fc.string({ unit: 'binary', maxLength: 60 }).map((s) => ({ kind: 'arbitrary code points', s, plain: null })),
      fc.integer({ min: 101, max: 5000 }).map((n) => ({ kind: 'too long', s: 'ả'.repeat(n), plain: null })),
    );
    await assertProperty(fc.asyncProperty(cases, async (c: { kind: string; s: string; plain: string | null }) => {
      const expected: Expect = c.kind === 'too long' ? 'refused' : 'either';
      const r = await judge('search', { body: gqlBody(SEARCH, { s: c.s }) }, expected, `${c.kind}: ${JSON.stringify(c.s).slice(0, 120)}`);
      if (c.plain !== null) {
        const plain = await send({ body: gqlBody(SEARCH, { s: c.plain }) });
        expect(r.json?.data?.villages, `${c.kind} ${JSON.stringify(c.s)}`).toEqual(plain.json?.data?.villages);
        expect(r.json?.data?.villages.length).toBeGreaterThan(0);
      }
    }), RUNS.search);
    expectFamilyClean('search', RUNS.search);
  });
});

// ---- Values ----------------------------------------------------------------------------------------

describe('setObservation values', () => {
  const SET = 'mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }';
  it('refuses values out of range, of the wrong type, level or period, and bad versions', async () => {
    const period = fc.integer({ min: 2031, max: 2099 }).map(String);
    const bản = villageArb().map((v) => v.id);
    const group = fc.constantFrom('fc-muong-bang', 'fc-muong-do', 'fc-muong-lang');
    const cases = fc.oneof(
      fc.tuple(group, fc.constantFrom('povertyRate', 'forestCover', 'nearPoorRate'), fc.oneof(fc.double({ min: 100.0001, max: 1e9, noNaN: true }), fc.double({ min: -1e9, max: -0.0001, noNaN: true })))
        .map(([u, k, value]) => ({ kind: 'percent outside 0–100', i: { unitId: u, indicator: k, value } })),
      fc.tuple(group, fc.constantFrom('population', 'households', 'poorHouseholds', 'cattle'), fc.double({ min: -1e9, max: -0.5, noNaN: true }))
        .map(([u, k, value]) => ({ kind: 'negative count', i: { unitId: u, indicator: k, value } })),
      fc.tuple(group, fc.constantFrom('population', 'households', 'cooperatives'), fc.double({ min: 0, max: 1e6, noNaN: true }).filter((x) => !Number.isInteger(x)))
        .map(([u, k, value]) => ({ kind: 'fractional count', i: { unitId: u, indicator: k, value } })),
      fc.tuple(group, fc.constantFrom('grossOutput', 'sownArea', 'population'), fc.double({ min: 1e12 + 1, max: 1e308, noNaN: true }))
        .map(([u, k, value]) => ({ kind: 'implausibly large', i: { unitId: u, indicator: k, value } })),
      fc.tuple(bản, fc.constantFrom('drugFree', 'carRoadAccess', 'culturalVillage'), fc.constantFrom<unknown>(0, 1, 'true', 'có', null, [], {}, 0.5))
        .map(([u, k, value]) => ({ kind: 'not true/false for a yes/no bản value', i: { unitId: u, indicator: k, value } })),
      fc.tuple(group, fc.constantFrom<unknown>('12', '12,5', true, null, [12], { v: 12 }, ''))
        .map(([u, value]) => ({ kind: 'not a number', i: { unitId: u, indicator: 'population', value } })),
      fc.tuple(group, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })).filter(([, a, d]) => a > d || d > 23)
        .map(([u, value, denominator]) => ({ kind: 'group fact beyond its denominator or bản count', i: { unitId: u, indicator: 'drugFree', value, denominator } })),
      group.map((u) => ({ kind: 'group fact without denominator', i: { unitId: u, indicator: 'drugFree', value: 3 } })),
      fc.tuple(bản, fc.constantFrom('villageCount', 'incomePerCapita', 'statedAreaKm2', 'forestCover'), fc.integer({ min: 0, max: 100 }))
        .map(([u, k, value]) => ({ kind: 'indicator not kept at this level', i: { unitId: u, indicator: k, value } })),
      fc.tuple(arb.ident, fc.boolean()).map(([x, unit]) => ({ kind: unit ? 'unknown unit' : 'unknown indicator', i: unit ? { unitId: `zz-${x}`, indicator: 'population', value: 1 } : { unitId: 'fc-muong-do', indicator: `zz${x}`, value: 1 } })),
      fc.constantFrom('', '20', '2025\u0000', 'abcd', '２０２５', '2025 ', '\u200b2025', '2025\ud800', '2025-06-30; DROP', 'x'.repeat(30))
        .map((p) => ({ kind: 'bad period', i: { unitId: 'fc-muong-do', indicator: 'population', value: 10, period: p } })),
      fc.constantFrom('reported', 'UNKNOWN', 'DERIVED ', '', 'ESTIMATED\u0000').map((status) => ({ kind: 'bad status', i: { unitId: 'fc-muong-do', indicator: 'population', value: 10, status } })),
      fc.constantFrom('DERIVED', 'ESTIMATED').map((status) => ({ kind: 'derived without formula', i: { unitId: 'fc-muong-do', indicator: 'population', value: 10, status } })),
      fc.constantFrom('', 'ab', '\u200b\u200b\u200b', 'ok\ud800', 'a\u0007b', 'x'.repeat(501)).map((sourceNote) => ({ kind: 'bad source note', i: { unitId: 'fc-muong-do', indicator: 'population', value: 10, sourceNote } })),
      fc.constantFrom<unknown>(-1, 1.5, '0', null, 2 ** 31, 5).map((expectedVersion) => ({ kind: 'bad or stale expectedVersion', i: { unitId: 'fc-muong-do', indicator: 'population', value: 10, expectedVersion } })),
      fc.constantFrom('NaN', 'Infinity', '-Infinity').map((t) => ({ kind: 'raw NaN token in the body', i: {}, raw: t })),
    );
    await assertProperty(fc.asyncProperty(fc.tuple(cases, period), async ([c, p]: [{ kind: string; i: Record<string, unknown>; raw?: string }, string]) => {
      const input = { period: p, sourceNote: 'Sổ theo dõi 2026', expectedVersion: 0, ...c.i };
      const body = c.raw
        ? `{"query":"${SET.replace(/"/g, '\\"')}","variables":{"i":{"unitId":"fc-muong-do","indicator":"population","period":"${p}","value":${c.raw},"sourceNote":"abc","expectedVersion":0}}}`
        : gqlBody(SET, { i: input });
      await judge('observation', { body, as: editor }, 'refused', `${c.kind}: ${body.slice(0, 260)}`);
    }), RUNS.observation);
    expectFamilyClean('observation', RUNS.observation);
  });
});

// ---- CSV imports -----------------------------------------------------------------------------------

describe('CSV imports', () => {
  const IMPORT = 'mutation ($i: ObservationImportInput!) { importObservations(input: $i) { applied problems { code } } }';
  it('refuses wrong encodings, duplicates, unknown bản and formula cells: nothing applied', async () => {
    const header = fc.constantFrom('unit,indicator,period,value', 'Mã bản,Chỉ tiêu,Kỳ,Giá trị', 'unit;indicator;period;value');
    const good = fc.tuple(fc.constantFrom('fc-muong-do', 'fc-muong-lang', 'fc-muong-bang'), fc.integer({ min: 2031, max: 2099 }), fc.integer({ min: 0, max: 5000 }))
      .map(([u, p, v]) => [u, 'poorHouseholds', String(p), String(v)]);
    const bad = fc.oneof(
      arb.ident.map((x) => ({ code: 'UNKNOWN_VILLAGE', row: [`Bản Zz${x}`, 'poorHouseholds', '2040', '5'] })),
      fc.constantFrom('=1+1', '=HYPERLINK("http://x","y")', '+SUM(A1:A2)', '@SUM(A1)', '-cmd|x', '=cmd|\' /C calc\'!A0')
        .map((f) => ({ code: 'FORMULA_CELL', row: ['fc-muong-do', 'poorHouseholds', '2041', f] })),
      fc.constant({ code: 'DUPLICATE_ROW', row: null }),
      arb.ident.map((x) => ({ code: 'UNKNOWN_INDICATOR', row: ['fc-muong-do', `zz${x}`, '2042', '5'] })),
      fc.constantFrom('12,5,3', 'abc', '1.2.3,4').map((v) => ({ code: 'BAD_NUMBER', row: ['fc-muong-do', 'povertyRate', '2043', `"${v}"`] })),
      fc.constantFrom('140', '-3', '100.5').map((v) => ({ code: 'OUT_OF_RANGE', row: ['fc-muong-do', 'povertyRate', '2047', v] })),
    );
    const files = fc.tuple(header, fc.array(good, { minLength: 0, maxLength: 6 }), bad, fc.boolean(), fc.constantFrom('utf8', 'utf8-bom', 'latin1', 'utf16le'), fc.boolean())
      .map(([head, rows, b, crlf, encoding, dryRun]) => {
        const sep = head.includes(';') ? ';' : ',';
        const all = [...rows];
        if (b.row) all.splice(all.length >> 1, 0, b.row);
        else all.push(rows[0] ?? ['fc-muong-do', 'poorHouseholds', '2044', '1'], rows[0] ?? ['fc-muong-do', 'poorHouseholds', '2044', '2']);
        // A decimal comma in a value column of a semicolon file is fine; in a comma file the cell is quoted.
        const decimalComma = sep === ';' ? 'fc-muong-lang;Hộ nghèo;2045;1,5' : 'fc-muong-lang,Hộ nghèo,2045,"1,5"';
        const text = [head, ...all.map((r) => r.join(sep)), decimalComma].join(crlf ? '\r\n' : '\n');
        const bytes = encoding === 'utf8' ? Buffer.from(text) : encoding === 'utf8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
          : encoding === 'latin1' ? Buffer.from(`${text}\nMường Đồn,poorHouseholds,2046,1`, 'latin1') : Buffer.from(text, 'utf16le');
        return { code: encoding === 'latin1' ? 'BAD_ENCODING' : encoding === 'utf16le' ? null : b.code, encoding, dryRun, base64: bytes.toString('base64'), text };
      });
    const oddFiles = fc.constantFrom(
      { what: 'not base64', base64: '%%%not base64%%%', format: 'CSV' }, { what: 'empty', base64: '', format: 'CSV' },
      { what: 'CSV bytes as XLSX', base64: Buffer.from('unit,indicator,period,value\nfc-muong-do,population,2030,1').toString('base64'), format: 'XLSX' },
      { what: 'random bytes', base64: Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256)).toString('base64'), format: 'CSV' },
      { what: 'header only', base64: Buffer.from('unit,indicator,period,value\n').toString('base64'), format: 'CSV' },
      { what: 'unknown format', base64: Buffer.from('a').toString('base64'), format: 'PDF' },
    );
    await assertProperty(fc.asyncProperty(fc.oneof({ weight: 5, arbitrary: files }, { weight: 1, arbitrary: oddFiles }), async (f: any) => {
      const input = { fileBase64: f.base64, format: f.format ?? 'CSV', dryRun: f.dryRun ?? false, sourceNote: 'Tệp của bản' };
      // A file with a header and no rows imports nothing: refusing it would be as clear as applying nothing.
      const r = await judge('csvImport', { body: gqlBody(IMPORT, { i: input }), as: editor }, f.what === 'header only' ? 'either' : 'refused', f.what ?? `${f.code} (${f.encoding}, dryRun ${f.dryRun}): ${JSON.stringify(f.text).slice(0, 200)}`);
      // A file the import reads gets a report naming its problem; one it cannot read, a coded error.
      if (f.code) {
        expect(r.json?.data?.importObservations?.problems?.map((p: { code: string }) => p.code), `${JSON.stringify(f.text)} → ${r.text.slice(0, 300)}`).toContain(f.code);
      } else if (f.what !== 'header only') {
        expect(r.json?.errors?.[0]?.extensions?.code ?? r.json?.data?.importObservations?.problems?.[0]?.code, `${f.what ?? f.encoding} → ${r.text.slice(0, 300)}`).toEqual(expect.any(String));
      }
    }), RUNS.csvImport);
    expectFamilyClean('csvImport', RUNS.csvImport);
  });
});

// ---- OGC API and exports ------------------------------------------------------------------------------

describe('OGC API and export parameters', () => {
  it('refuses bad parameters, unknown collections, features and paths with a JSON 4xx', async () => {
    const junk = fc.oneof(arb.junkText, fc.constantFrom('-1', '1e999', 'NaN', '0x10', '1,2,3', '200,0,0,1', '1,2,3,4,5', '10,10,0,0', '', ' ', '%00', '../../etc/passwd'));
    const cases = fc.oneof(
      fc.tuple(fc.constantFrom('villages', 'places', 'commune'), junk).map(([c, v]) => ({ kind: 'bad bbox', path: `ogc/collections/${c}/items?bbox=${encodeURIComponent(v || 'x')}x` })),
      fc.oneof(fc.integer({ min: -1000, max: -1 }).map(String), fc.constantFrom('1.5', 'abc', '1e3', '', ' 5', '0x1f', '99999999999999999999'))
        .chain((v) => fc.constantFrom(`limit=${encodeURIComponent(v)}`, `offset=${encodeURIComponent(v)}`, 'limit=0', 'limit=1001'))
        .map((q) => ({ kind: 'bad limit or offset', path: `ogc/collections/villages/items?${q}` })),
      arb.ident.map((p) => ({ kind: 'unknown parameter', path: `ogc/collections/villages/items?zz${p}=1` })),
      fc.constantFrom('xml', 'html', 'csv', 'JSON2', '').map((f) => ({ kind: 'unsupported f', path: `ogc/collections?f=${f || 'x'}` })),
      arb.ident.map((c) => ({ kind: 'unknown collection', path: `ogc/collections/zz${c}/items` })),
      arb.ident.map((id) => ({ kind: 'unknown feature', path: `ogc/collections/villages/items/zz${encodeURIComponent(id)}` })),
      fc.constantFrom('ogc/%2e%2e/%2e%2e/etc/passwd', 'ogc/collections/%2e%2e%2fserver', 'ogc/collections/villages/items/..%2f..%2f..%2fpackage.json', 'export/%2e%2e%2fpackage.json', 'ogc/collections/villages/items/%00', 'export/villages.exe', 'ogc/api.zz')
        .map((path) => ({ kind: 'unknown path', path })),
      fc.tuple(fc.constantFrom('villages.csv', 'villages.xlsx', 'villages.geojson'), arb.ident).map(([f, k]) => ({ kind: 'unknown indicator (export)', path: `export/${f}?indicators=drugFree,zz${k}` })),
      fc.tuple(fc.constantFrom('observations.csv', 'observations.xlsx'), arb.ident).map(([f, k]) => ({ kind: 'unknown indicator (export)', path: `export/${f}?indicator=zz${k}` })),
      fc.constantFrom('export/villages.csv?indicators=drugFree&indicators=x', 'export/observations.csv?indicator=a&indicator=b', 'export/villages.csv?zz=1', 'ogc/collections/villages/items?bbox-crs=EPSG:3857&bbox=1,2,3,4')
        .map((path) => ({ kind: 'repeated or unknown parameter', path })),
      fc.integer({ min: 20_000, max: 60_000 }).map((n) => ({ kind: 'huge query string', path: `ogc/collections/villages/items?bbox=${'1'.repeat(n)}` })),
    );
    await assertProperty(fc.asyncProperty(cases, async (c: { kind: string; path: string }) => {
      const r = await judge('httpParams', { path: c.path, method: 'GET', headers: {} }, 'refused', `${c.kind}: GET /${c.path.slice(0, 200)}`);
      expect(r.status, c.path.slice(0, 200)).toBeGreaterThanOrEqual(400);
    }), RUNS.httpParams);
    expectFamilyClean('httpParams', RUNS.httpParams);
  });
});

describe('errors graphql-js raises itself', () => {
  // graphql 16 does not validate the operation type: a subscription on a schema without one fails at
  // execution with an error that has no code; formatError names it instead of masking it.
  it('a subscription on a schema without subscriptions is refused as invalid, not as an internal error', async () => {
    const r = await send({ body: gqlBody('subscription { commune { name } }') });
    expect(r.json.errors).toHaveLength(1);
    expect(r.json.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(r.json.errors[0].message).toContain('Subscriptions are not supported');
    expect(r.json.data ?? null).toBeNull();
  });

  // graphql-js's variable-coercion message quotes the whole value: formatError cuts it short.
  it('a huge value for an Int variable is not echoed back in full', async () => {
    const r = await send({ body: gqlBody('query ($n: Int!) { target(no: $n) { no } }', { n: 'x'.repeat(500_000) }) });
    expect(r.status).toBe(400);
    expect(r.text.length).toBeLessThan(16_000);
  });
});

describe('deep variables and persisted-query hashes (issue #10)', () => {
  it('refuses variables nested 33–5,000 deep with BAD_USER_INPUT, and mismatched hashes with PERSISTED_QUERY_HASH_MISMATCH', async () => {
    const seen: string[] = [];
    const deep = fc.record({ depth: fc.integer({ min: 33, max: 5000 }), list: fc.boolean() }).map(({ depth, list }) => ({
      kind: 'deep variables', expected: 'BAD_USER_INPUT',
      // Written out as text: JSON.stringify overflows on the deepest values.
      body: `{"query":"query ($f: VillageFilter) { villages(filter: $f) { id } }","variables":{"f":${list ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`}}}`,
    }));
    const hash = fc.tuple(fc.stringMatching(/^[0-9a-f]{64}$/), fc.constantFrom('{ commune { name } }', '{ villages { id } }')).map(([h, q]) => ({
      kind: 'hash mismatch', expected: 'PERSISTED_QUERY_HASH_MISMATCH',
      body: JSON.stringify({ query: q, extensions: { persistedQuery: { version: 1, sha256Hash: h } } }),
    }));
    await assertProperty(fc.asyncProperty(fc.oneof(deep, hash), async (input) => {
      const r = await judge('deep variables, hashes', { body: input.body }, 'refused', `${input.kind} (${input.body.length} bytes)`);
      expect(r.status).toBe(400);
      expect(r.json?.errors?.[0]?.extensions?.code).toBe(input.expected);
      seen.push(input.kind);
    }), RUNS.deepVariables);
    expect(new Set(seen)).toEqual(new Set(['deep variables', 'hash mismatch']));
    expectFamilyClean('deep variables, hashes', RUNS.deepVariables);
  });
});

describe('the corpus', () => {
  it('the server still answers, logged no internal error, and the database is unchanged', async () => {
    expect(server.process.exitCode).toBeNull();
    const { body } = await editor.gql('{ commune { name } me { role } }');
    expect(body.data).toEqual({ commune: { name: expect.any(String) }, me: { role: 'editor' } });
    // Nothing reached the internal-error path (which logs every masked error), in this test or before it.
    expect(server.output().match(/Internal error|Unhandled HTTP error/g) ?? []).toEqual([]);
    expect(fingerprint(server.dataDir)).toEqual(before);
  });
});
