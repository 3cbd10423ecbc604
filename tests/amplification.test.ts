// Anonymous amplification (issue #10, item 2) over real HTTP on a temporary SQLite file: geometry weighs by
// its stored vertices in the size estimate, anonymous answers have a size cap with a coded error, identical
// geometry in one answer is computed once, and anonymous exports are built once per data version.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Geometry } from 'geojson';
import { gql, startServer, type RunningServer } from './helpers/start-server.ts';
import { createUserWithCli, signedIn, type Client } from './helpers/session.ts';
import { QUERY_LIMITS } from '../server/http/query-limits.ts';
import { ANONYMOUS_ANSWER_CAP } from '../server/http/answer-size-cap.plugin.ts';
import { outputGeometry } from '../server/queries/geometry-output.ts';
import type { AtlasSnapshot } from '../server/store/atlas-store.ts';

let server: RunningServer;
let editor: Client;
let period = 2060;

const HEAVY = 'villages(limit: 100) { geometry formerCommune { geometry } }';
const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

async function post(query: string, c?: Client) {
  if (c) {
    const { status, body } = await c.gql(query);
    return { status, body, chars: JSON.stringify(body).length };
  }
  const res = await fetch(new URL('graphql', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), chars: text.length };
}

async function get(path: string, c?: Client) {
  const res = await fetch(new URL(path, server.url), { headers: c?.cookie ? { cookie: c.cookie } : {} });
  return { status: res.status, cache: res.headers.get('x-atlas-cache'), bytes: Buffer.from(await res.arrayBuffer()) };
}

async function changeData() {
  const { body } = await editor.gql('mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }',
    { i: { unitId: 'fc-muong-do', indicator: 'poorHouseholds', period: `${period++}`, value: 10, sourceNote: 'thử bộ nhớ đệm', expectedVersion: 0 } });
  expect(body.errors).toBeUndefined();
}

beforeAll(async () => {
  server = await startServer();
  createUserWithCli(server.dataDir, 'editor', 'editor-pass-123', 'editor');
  editor = await signedIn(server, 'editor', 'editor-pass-123');
});
afterAll(async () => { await server?.stop(); });

describe('the answer size, estimated before execution', () => {
  it('refuses the 15-alias query of every bản outline with its former commune outline (GRAPHQL_VALIDATION_FAILED, answerBytes)', async () => {
    const r = await post(aliases(15, HEAVY));
    expect(r.status).toBe(400);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors).toHaveLength(1);
    expect(r.body.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'answerBytes', max: QUERY_LIMITS.answerBytes });
    expect(r.body.errors[0].message).toMatch(/answerBytes limit: at most \d+, found \d+$/);
  });

  it('answers one such list, within the cap: it costs what it sends, not one point per outline', async () => {
    const r = await post(`{ ${HEAVY} }`);
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.villages).toHaveLength(23);
    expect(r.body.data.villages.every((v: { geometry: Geometry; formerCommune: { geometry: Geometry } }) => v.geometry.type && v.formerCommune.geometry.type)).toBe(true);
    expect(r.chars).toBeLessThan(ANONYMOUS_ANSWER_CAP);
  });

  it('rounded coordinates weigh less: 15 aliases at precision 0 of the bản outlines alone pass', async () => {
    const r = await post(aliases(15, 'villages(limit: 100) { geometry(precision: 0, simplifyMeters: 5000) }'));
    expect(r.body.errors).toBeUndefined();
    expect(Object.keys(r.body.data)).toHaveLength(15);
  });
});

describe('the anonymous size cap', () => {
  // A portal started with a cap of 300 kB: one list of every bản outline with its former commune's (about
  // 0.6 MB) passes the estimate and runs, and the cap replaces what it would send.
  const CAP = 300_000;
  let capped: RunningServer;
  beforeAll(async () => { capped = await startServer({ env: { ANONYMOUS_ANSWER_CAP: String(CAP) } }); });
  afterAll(async () => { await capped?.stop(); });

  it('an anonymous answer over the cap is replaced by RESPONSE_TOO_LARGE naming the cap (HTTP 413)', async () => {
    const res = await fetch(new URL('graphql', capped.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ ${HEAVY} }` }) });
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', max: CAP });
    expect(body.errors[0].extensions.found).toBeGreaterThan(CAP);
    expect(body.errors[0].message).toContain(`at most ${(CAP / 1048576).toFixed(1)} MB without signing in`);
    expect(body.errors[0].message).toContain('Câu trả lời quá lớn');
  });

  it('an answer under the cap on the same portal is sent as it is', async () => {
    const res = await fetch(new URL('graphql', capped.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ villages(limit: 100) { id geometry(precision: 4, simplifyMeters: 50) } }' }) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.villages).toHaveLength(23);
  });

  it('on the default portal, the same query signed in is never capped, and anonymously it fits the default cap', async () => {
    const signedInAnswer = await post(`{ ${HEAVY} }`, editor);
    expect(signedInAnswer.status).toBe(200);
    expect(signedInAnswer.body.errors).toBeUndefined();
    expect(signedInAnswer.chars).toBeGreaterThan(CAP);
    expect(ANONYMOUS_ANSWER_CAP).toBe(2 * 1024 * 1024);
  });
});

describe('identical geometry in one answer', () => {
  it('is computed once per data version: the same outline object for the same bản and options, a new one after an edit', () => {
    let version = 1;
    const store = { dataVersion: () => version } as unknown as AtlasSnapshot;
    const square: Geometry = { type: 'Polygon', coordinates: [[[103.1234567, 21.1234567], [103.2, 21.1], [103.2, 21.2], [103.1234567, 21.1234567]]] };
    const first = outputGeometry(store, 'ml-01', square, { precision: 3 });
    expect(outputGeometry(store, 'ml-01', square, { precision: 3 })).toBe(first);
    expect(outputGeometry(store, 'ml-01', square, { precision: 4 })).not.toBe(first);
    expect((first as { coordinates: number[][][] }).coordinates[0][0]).toEqual([103.123, 21.123]);
    version = 2;
    expect(outputGeometry(store, 'ml-01', square, { precision: 3 })).not.toBe(first);
  });
});

describe('anonymous exports, built once per data version', () => {
  for (const path of ['export/observations.xlsx', 'export/observations.csv', 'export/villages.csv?indicators=drugFree', 'export/villages.geojson']) {
    it(`${path}: a miss, then a hit with the same bytes; a miss again after a change of data`, async () => {
      const first = await get(path);
      expect(first.status).toBe(200);
      const second = await get(path);
      expect([first.cache, second.cache]).toEqual(['miss', 'hit']);
      expect(second.bytes.equals(first.bytes)).toBe(true);
      await changeData();
      const third = await get(path);
      expect(third.status).toBe(200);
      expect(third.cache).toBe('miss');
    });
  }

  it('five anonymous downloads at once are built once', async () => {
    await changeData();
    const all = await Promise.all(Array.from({ length: 5 }, () => get('export/observations.xlsx')));
    expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(all.filter((r) => r.cache === 'miss')).toHaveLength(1);
    expect(all.every((r) => r.bytes.equals(all[0].bytes))).toBe(true);
  });

  it('signed-in downloads are built for the viewer, never served from the anonymous copy', async () => {
    const r = await get('export/observations.csv', editor);
    expect(r.status).toBe(200);
    expect(r.cache).toBeNull();
  });
});

describe('heavy anonymous requests take turns', () => {
  it('a trivial query sent among twenty heavy ones is answered before the last of them', async () => {
    const order: string[] = [];
    // Distinct texts, so that none is answered from the response cache.
    const heavy = Array.from({ length: 20 }, (_, i) => post(`{ villages(limit: ${30 + i}) { geometry formerCommune { geometry } } }`).then((r) => { order.push('heavy'); return r; }));
    const trivial = await gql(server, '{ commune { name } }');
    order.push('trivial');
    const answers = await Promise.all(heavy);
    expect(trivial.body.data.commune.name).toBe('Xã Mường Bang');
    expect(answers.every((r) => r.status === 200 && r.body.data.villages.length === 23)).toBe(true);
    expect(order).toHaveLength(21);
    expect(order.indexOf('trivial')).toBeLessThan(20);
  });
});
