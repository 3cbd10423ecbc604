// A sensitive bản value (drug status) entered by anyone, by one edit or an import, stays restricted to signed-in
// users whatever document it cites; only an admin's publish action, kept in the history, makes it public.
// Over real HTTP on a temporary SQLite file: GraphQL, the OGC item and the CSV exports, as anonymous visitors see them.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import Database from 'better-sqlite3';
import { migrate } from '../server/store/migrations.ts';
import { sqliteStore } from '../server/store/sqlite-store.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { client, type Client } from './helpers/session.ts';
import { team } from './helpers/team.ts';

let server: RunningServer;
let admin: Client, editor: Client, viewer: Client, anon: Client;

const IMPORT = `mutation ($i: ObservationImportInput!) { importObservations(input: $i) { applied changes { unitId field } problems { code message } } }`;
const PUBLISH = `mutation ($u: String!, $i: String!, $p: String!, $v: Int!, $d: String!, $s: String!, $q: String!) {
  publishObservation(unitId: $u, indicator: $i, period: $p, expectedVersion: $v, document: $d, section: $s, quote: $q) { value published version source { doc section quote } } }`;
const SECTION = 'Phần thứ hai I.7.2';

async function importCsv(c: Client, csv: string) {
  const { body } = await c.gql(IMPORT, { i: { fileBase64: Buffer.from(csv).toString('base64'), format: 'CSV', dryRun: false, sourceNote: 'Số liệu bản 2025' } });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(body.data.importObservations.problems).toEqual([]);
  expect(body.data.importObservations.applied).toBe(true);
  return body.data.importObservations;
}

async function get(path: string, c?: Client) {
  const res = await fetch(new URL(path, server.url), { headers: c?.cookie ? { cookie: c.cookie } : {} });
  expect(res.status, path).toBe(200);
  return res;
}

/** A bản's drug status as one client sees it by every way out: GraphQL, the OGC feature, both CSV exports. */
async function drugStatusSeenBy(c: Client, ban: string, period = '2025') {
  const { body } = await c.gql(`query ($u: String) { observations(indicator: "drugFree", unitId: $u) { period value enteredBy }
    villages(filter: { search: "${ban}" }) { id observation(indicator: "drugFree") { value } } }`, { u: ban });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  const obs = body.data.observations.find((o: { period: string }) => o.period === period);
  const village = body.data.villages.find((v: { id: string }) => v.id === ban);
  expect(village, ban).toBeDefined();
  const feature = await (await get(`ogc/collections/villages/items/${ban}`, c)).json() as { properties: Record<string, unknown> };
  const villagesCsv = parse(Buffer.from(await (await get('export/villages.csv?indicators=drugFree', c)).arrayBuffer()), { bom: true }) as string[][];
  const drugColumn = villagesCsv[0].findIndex((h) => /drugFree/.test(h));
  expect(drugColumn).toBeGreaterThan(0);
  const banRow = villagesCsv.find((r) => r[0] === ban)!;
  expect(banRow).toBeDefined();
  const obsCsv = parse(Buffer.from(await (await get('export/observations.csv?indicator=drugFree', c)).arrayBuffer()), { bom: true }) as string[][];
  const obsRow = obsCsv.find((r) => r[0] === ban && r[6] === period);
  return {
    graphql: obs?.value ?? null, enteredBy: obs?.enteredBy ?? null, village: village.observation?.value ?? null,
    ogc: feature.properties.drugFree ?? null, villagesCsv: banRow[drugColumn] || null, observationsCsv: obsRow?.[7] ?? null,
  };
}

const hidden = { graphql: null, enteredBy: null, village: null, ogc: null, villagesCsv: null, observationsCsv: null };

async function versionOf(ban: string, period = '2025') {
  const { body } = await admin.gql(`query ($u: String) { observations(indicator: "drugFree", unitId: $u) { period version } }`, { u: ban });
  return body.data.observations.find((o: { period: string }) => o.period === period).version as number;
}

beforeAll(async () => {
  server = await startServer();
  ({ admin, editor, viewer } = await team(server));
  anon = client(server);
}, 120_000);
afterAll(async () => { await server?.stop(); });

describe('sensitive values entered by officers stay restricted until an admin publishes them', () => {
  it('the issue\'s reproduction: an editor imports ml-05 drugFree citing the public report; anonymous visitors see nothing of it', async () => {
    expect(await drugStatusSeenBy(anon, 'ml-05')).toEqual(hidden);
    await importCsv(editor, `unit,indicator,period,value,source,section\nml-05,drugFree,2025,false,report-2025,${SECTION}\n`);
    expect(await drugStatusSeenBy(anon, 'ml-05')).toEqual(hidden);
    expect(await drugStatusSeenBy(viewer, 'ml-05')).toEqual({
      graphql: false, enteredBy: 'editor', village: false, ogc: false, villagesCsv: 'false', observationsCsv: 'false',
    });
  });

  it('the slip: an editor exports the observations, changes one seeded public value, re-imports; that value is restricted, the others stay public', async () => {
    // Former Mường Lang's 5/6 drug-free bản is public: the report states it.
    const groupValue = async (c: Client, unit: string) => (await c.gql(`{ observations(indicator: "drugFree", unitId: "${unit}") { period value } }`))
      .body.data.observations.find((o: { period: string }) => o.period === '2025')?.value ?? null;
    expect(await groupValue(anon, 'fc-muong-lang')).toBe(5);
    const rows = parse(Buffer.from(await (await get('export/observations.csv', editor)).arrayBuffer()), { bom: true }) as string[][];
    const target = rows.filter((r) => r[0] === 'fc-muong-lang' && r[3] === 'drugFree');
    expect(target).toHaveLength(1);
    target[0][7] = '6';
    const summary = await importCsv(editor, stringify(rows));
    expect(summary.changes).toEqual([{ unitId: 'fc-muong-lang', field: 'drugFree@2025' }]);
    // The new value waits for an admin; the public keeps the report's published 5 meanwhile (not unknown).
    expect(await groupValue(anon, 'fc-muong-lang')).toBe(5);
    expect(await groupValue(viewer, 'fc-muong-lang')).toBe(6);
    expect(await groupValue(anon, 'fc-muong-do')).toBe(7);
  });

  it('one edit citing nothing public is restricted too', async () => {
    const { body } = await editor.gql(`mutation ($i: ObservationEdit!) { setObservation(input: $i) { published } }`,
      { i: { unitId: 'ml-06', indicator: 'drugFree', period: '2025', value: true, sourceNote: 'report-2025 Phần thứ hai I.7.2', expectedVersion: 0 } });
    expect(body.errors).toBeUndefined();
    expect(body.data.setObservation.published).toBe(false);
    expect(await drugStatusSeenBy(anon, 'ml-06')).toEqual(hidden);
  });

  it('only admins publish, only on a public document, only on the version they checked', async () => {
    const v = await versionOf('ml-05');
    const vars = { u: 'ml-05', i: 'drugFree', p: '2025', v, d: 'report-2025', s: SECTION, q: 'Bản Nguồn chưa đạt tiêu chuẩn bản không có ma túy' };
    expect((await editor.gql(PUBLISH, vars)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await anon.gql(PUBLISH, vars)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const refusal = async (changed: Record<string, unknown>) => (await admin.gql(PUBLISH, { ...vars, ...changed })).body.errors?.[0]?.extensions;
    for (const d of ['officer-entry', 'atlas-partition', 'no-such-document']) {
      expect(await refusal({ d })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'document' });
    }
    expect(await refusal({ q: '  ' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quote' });
    // The document must state the value for that bản: a sentence about the former commune does not.
    expect(await refusal({ q: 'Mường Lang: 5/6 bản không có ma túy' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quote' });
    // A provisional cell has no name that a document could state a value for.
    expect(await refusal({ u: 'md-02', q: 'Bản MD-02 đạt tiêu chuẩn không có ma túy' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unitId' });
    expect(await refusal({ v: v - 1 })).toMatchObject({ code: 'CONFLICT' });
    expect(await refusal({ u: 'ml-04', q: 'Bản Đung chưa đạt tiêu chuẩn bản không có ma túy' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await versionOf('ml-05')).toBe(v);
    expect(await drugStatusSeenBy(anon, 'ml-05')).toEqual(hidden);
  });

  it('an admin\'s publish makes the value public everywhere, with its document, and is kept in the history', async () => {
    const v = await versionOf('ml-05');
    const quote = 'Bản Nguồn chưa đạt tiêu chuẩn bản không có ma túy';
    const { body } = await admin.gql(PUBLISH, { u: 'ml-05', i: 'drugFree', p: '2025', v, d: 'report-2025', s: SECTION, q: quote });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data.publishObservation).toEqual({ value: false, published: true, version: v + 1, source: { doc: 'report-2025', section: SECTION, quote } });
    // Public now, but officers' names are still for signed-in users only.
    expect(await drugStatusSeenBy(anon, 'ml-05')).toEqual({
      graphql: false, enteredBy: null, village: false, ogc: false, villagesCsv: 'false', observationsCsv: 'false',
    });
    const history = (await viewer.gql('{ history(unitId: "ml-05") { who field oldValue newValue why } }')).body.data.history;
    const last = history.at(-1);
    expect(last).toMatchObject({ who: 'admin', field: 'drugFree@2025', why: expect.stringContaining('report-2025') });
    expect(last.oldValue.publication).toBeNull();
    expect(last.newValue.publication).toMatchObject({ by: 'admin', quote, source: { doc: 'report-2025', section: SECTION } });
    expect(last.newValue.value).toBe(false);
  });

  it('a later edit of a published value is restricted until it is published; the public keeps the published value meanwhile', async () => {
    const v = await versionOf('ml-05');
    const { body } = await editor.gql(`mutation ($i: ObservationEdit!) { setObservation(input: $i) { published publication } }`,
      { i: { unitId: 'ml-05', indicator: 'drugFree', period: '2025', value: true, sourceNote: 'Biên bản họp bản', expectedVersion: v } });
    expect(body.errors).toBeUndefined();
    expect(body.data.setObservation).toEqual({ published: false, publication: 'PENDING' });
    expect(await drugStatusSeenBy(anon, 'ml-05')).toEqual({
      graphql: false, enteredBy: null, village: false, ogc: false, villagesCsv: 'false', observationsCsv: 'false',
    });
    expect(await drugStatusSeenBy(viewer, 'ml-05')).toEqual({
      graphql: true, enteredBy: 'editor', village: true, ogc: true, villagesCsv: 'true', observationsCsv: 'true',
    });
  });
});

describe('migration 4 on a database from before publication existed', () => {
  it('keeps seeded values citing a public document public, and makes officers\' entries restricted whatever they cite', async () => {
    const db = new Database(':memory:');
    migrate(db, 3);
    db.exec(`INSERT INTO meta VALUES ('seeded_at', '2026-01-01T00:00:00Z'), ('data_version', '1');
      INSERT INTO sources (id, title, kind, public) VALUES ('report-2025', 'Báo cáo', 'report', 1), ('officer-entry', 'Cán bộ', 'entry', 0);
      INSERT INTO units (id, level, sort) VALUES ('xa', 'commune', 0);
      INSERT INTO units (id, level, parent_id, sort) VALUES ('md-01', 'village', 'xa', 1), ('ml-05', 'village', 'xa', 2), ('ml-06', 'village', 'xa', 3);
      INSERT INTO indicators (key, name_vi, name_en, kind, unit, sensitive, levels, sort) VALUES ('drugFree', 'Không ma túy', 'Drug-free', 'boolean', 'bản', 1, '["village"]', 0);`);
    const add = db.prepare(`INSERT INTO observations (unit_id, indicator, period, value, status, source, entered_by, entered_at) VALUES (?, 'drugFree', '2025', 'true', 'REPORTED', ?, ?, ?)`);
    add.run('md-01', '{"doc":"report-2025","section":"Phần thứ hai I.7.2"}', 'seed', null);
    add.run('ml-05', '{"doc":"report-2025","section":"Phần thứ hai I.7.2"}', 'editor', '2026-02-01T00:00:00Z');
    // A user who named themselves "seed" still entered the value at a time: not a seeded value.
    add.run('ml-06', '{"doc":"report-2025"}', 'seed', '2026-02-01T00:00:00Z');
    migrate(db);
    const store = sqliteStore(db);
    const publication = async (id: string) => (await store.observations({ unitId: id }))[0].publication;
    expect(await publication('md-01')).toEqual({ at: '2026-01-01T00:00:00Z', by: 'seed', quote: null, source: { doc: 'report-2025', section: 'Phần thứ hai I.7.2' } });
    expect(await publication('ml-05')).toBeNull();
    expect(await publication('ml-06')).toBeNull();
    db.close();
  });
});
