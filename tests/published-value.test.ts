// A published sensitive value stays public while an editor's unpublished edit of it is pending: anonymous visitors keep
// the last published value (with its source and quote) by every way out (GraphQL values and counts, OGC, CSV exports,
// vector tiles); signed-in users see the pending value marked PENDING; an admin's publish replaces it for everyone; a
// revert brings the published value back. Over real HTTP, on each store (STORE_SUITES).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { parse } from 'csv-parse/sync';
import { startServer, gql, type RunningServer } from './helpers/start-server.ts';
import { randomUUID } from 'node:crypto';
import { client, type Client } from './helpers/session.ts';
import { team } from './helpers/team.ts';
import { TEST_STORE } from './helpers/test-store.ts';
import { fetchTile, tileAt, tileFeatures } from './helpers/vector-tiles.ts';

const GROUP = 'fc-muong-lang'; // the report: 5 of former Mường Lang's 6 bản drug-free (published from the seeds)
const BAN = 'ml-05'; // Bản Nguồn, former Mường Lang
const SECTION = 'Phần thứ hai I.7.2';
const BAN_QUOTE = 'Bản Nguồn chưa đạt tiêu chuẩn bản không có ma túy';
const OBSERVATION = 'indicator period value denominator version enteredAt published publication source { doc section quote } publishedValue { value denominator version publication source { doc quote } }';

let server: RunningServer;
let admin: Client, editor: Client, viewer: Client, anon: Client;
/** The tiles over the commune (former communes, z8) and over the bản (z12). */
let formerTile: string, banTile: string;

async function ask(c: Client, query: string, variables?: Record<string, unknown>) {
  const { body } = await c.gql(query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

async function csvRows(path: string, c: Client) {
  const res = await fetch(new URL(path, server.url), { headers: c.cookie ? { cookie: c.cookie } : {} });
  expect(res.status, path).toBe(200);
  return parse(Buffer.from(await res.arrayBuffer()), { bom: true }) as string[][];
}

async function tile(path: string, layer: string, id: string, c: Client) {
  const { res, tile: t } = await fetchTile(server, path, c.cookie ? { cookie: c.cookie } : {});
  expect(res.status, path).toBe(200);
  const feature = tileFeatures(t, layer).find((p) => p.id === id);
  expect(feature, `${id} in ${path}`).toBeDefined();
  return feature!;
}

/** Former Mường Lang's drug-free count as one client sees it: its value, coverage's count, the CSV row, the tile. */
async function groupFigure(c: Client) {
  const data = await ask(c, `query ($u: String) { observations(indicator: "drugFree", unitId: $u) { ${OBSERVATION} }
    coverage(indicator: "drugFree") { achieved min max groups { id achieved min max total } } }`, { u: GROUP });
  const own = data.observations.find((o: { period: string }) => o.period === '2025') ?? null;
  const group = data.coverage.groups.find((g: { id: string }) => g.id === GROUP);
  const csv = (await csvRows('export/observations.csv?indicator=drugFree', c)).find((r) => r[0] === GROUP && r[6] === '2025');
  const t = await tile(formerTile, 'former-communes', GROUP, c);
  return {
    own, count: [group.min, group.max, group.total], commune: [data.coverage.min, data.coverage.max],
    csv: csv ? [csv[7], csv[9]] : null, tile: [t.drugFree ?? null, t.drugFree_min, t.drugFree_max],
  };
}

/** Bản Nguồn's drug status as one client sees it: GraphQL (its value, the bản's), the OGC feature, both CSV exports, the tile. */
async function banStatus(c: Client) {
  const data = await ask(c, `query ($u: String) { observations(indicator: "drugFree", unitId: $u) { ${OBSERVATION} }
    villages(filter: { search: "${BAN}" }) { id observation(indicator: "drugFree") { value publication } } }`, { u: BAN });
  const own = data.observations.find((o: { period: string }) => o.period === '2025') ?? null;
  const village = data.villages.find((v: { id: string }) => v.id === BAN);
  const res = await fetch(new URL(`ogc/collections/villages/items/${BAN}`, server.url), { headers: c.cookie ? { cookie: c.cookie } : {} });
  expect(res.status).toBe(200);
  const feature = await res.json() as { properties: Record<string, unknown> };
  const villagesCsv = await csvRows('export/villages.csv?indicators=drugFree', c);
  const column = villagesCsv[0].findIndex((h) => /drugFree/.test(h));
  expect(column).toBeGreaterThan(0);
  const obsCsv = (await csvRows('export/observations.csv?indicator=drugFree', c)).find((r) => r[0] === BAN && r[6] === '2025');
  const t = await tile(banTile, 'villages', BAN, c);
  return {
    own, village: village.observation?.value ?? null, ogc: feature.properties.drugFree ?? null,
    villagesCsv: villagesCsv.find((r) => r[0] === BAN)![column] || null, observationsCsv: obsCsv?.[7] ?? null, tile: t.drugFree ?? null,
  };
}

async function importCsv(c: Client, csv: string) {
  const data = await ask(c, `mutation ($i: ObservationImportInput!) { importObservations(input: $i) { applied problems { code message } } }`,
    { i: { fileBase64: Buffer.from(csv).toString('base64'), format: 'CSV', dryRun: false, sourceNote: 'Số liệu bản 2025' } });
  expect(data.importObservations.problems).toEqual([]);
  expect(data.importObservations.applied).toBe(true);
}

const PUBLISH = `mutation ($u: String!, $v: Int!, $q: String!) {
  publishObservation(unitId: $u, indicator: "drugFree", period: "2025", expectedVersion: $v, document: "report-2025", section: "${SECTION}", quote: $q) { value publication } }`;

beforeAll(async () => {
  server = await startServer();
  ({ admin, editor, viewer } = await team(server));
  anon = client(server);
  const { body } = await gql(server, `{ villages(filter: { search: "${BAN}" }) { centroid } }`);
  const [lon, lat] = body.data.villages[0].centroid;
  const z8 = tileAt(lon, lat, 8);
  const z12 = tileAt(lon, lat, 12);
  formerTile = `former-communes/8/${z8.x}/${z8.y}.mvt`;
  banTile = `villages/12/${z12.x}/${z12.y}.mvt`;
}, 120_000);
afterAll(async () => { await server?.stop(); });

describe(`a published value stays public while an edit of it is pending (${TEST_STORE})`, () => {
  let published: Awaited<ReturnType<typeof groupFigure>>;

  it('before any edit: former Mường Lang is 5 of 6 for everyone, PUBLISHED, with the report\'s sentence', async () => {
    published = await groupFigure(anon);
    expect(published.own).toMatchObject({ value: 5, denominator: 6, published: true, publication: 'PUBLISHED', publishedValue: null });
    expect(published.own.source.quote).toContain('83,3%');
    expect(published.count).toEqual([5, 5, 6]);
    expect(published.csv).toEqual(['5', '6']);
    expect(published.tile).toEqual([5, 5, 5]);
    expect(await groupFigure(editor)).toEqual(published);
  });

  it('an editor\'s unpublished edit (6 of 6) leaves the public figure as it was, everywhere; signed-in users see 6, PENDING', async () => {
    const { own } = await groupFigure(editor);
    await ask(editor, 'mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }',
      { i: { unitId: GROUP, indicator: 'drugFree', period: '2025', value: 6, denominator: 6, sourceNote: 'Biên bản họp xã', expectedVersion: own.version } });
    // Its version too: one that grew with the edit would tell the public that a change waits.
    expect(await groupFigure(anon)).toEqual(published);
    const pending = await groupFigure(viewer);
    expect(pending.own).toMatchObject({
      value: 6, version: own.version + 1, published: false, publication: 'PENDING',
      publishedValue: { value: 5, denominator: 6, version: published.own.version, publication: 'PUBLISHED', source: { doc: 'report-2025', quote: published.own.source.quote } },
    });
    expect(pending.count).toEqual([6, 6, 6]);
    expect(pending.csv).toEqual(['6', '6']);
    expect(pending.tile).toEqual([6, 6, 6]);
  });

  it('reverting the edit brings the published value back as current, PUBLISHED for everyone; the public sees it as before the edit', async () => {
    const history = (await ask(viewer, `{ history(unitId: "${GROUP}") { id field } }`)).history as Array<{ id: number; field: string }>;
    const edit = history.filter((h) => h.field === 'drugFree@2025').at(-1)!;
    const { own } = await groupFigure(editor);
    await ask(editor, `mutation { revertChange(changeId: ${edit.id}, expectedVersion: ${own.version}) { id } }`);
    const current = await groupFigure(editor);
    expect(current.own).toMatchObject({ value: 5, denominator: 6, version: own.version + 1, published: true, publication: 'PUBLISHED', publishedValue: null });
    expect(current.count).toEqual([5, 5, 6]);
    // Its version and entry too: ones moved by the revert would tell the public that an edit had waited and was withdrawn.
    expect(await groupFigure(anon)).toEqual(published);
  });

  it('a bản\'s value an admin published stays public after an editor imports a different one; the public keeps the published source and quote', async () => {
    await importCsv(editor, `unit,indicator,period,value,source,section\n${BAN},drugFree,2025,false,report-2025,${SECTION}\n`);
    expect((await banStatus(anon)).own).toBeNull(); // never published: unknown to the public
    expect((await banStatus(editor)).own.publication).toBe('RESTRICTED');
    const v = (await banStatus(admin)).own.version;
    expect((await ask(admin, PUBLISH, { u: BAN, v, q: BAN_QUOTE })).publishObservation).toEqual({ value: false, publication: 'PUBLISHED' });
    const before = await banStatus(anon);
    expect(before).toMatchObject({ village: false, ogc: false, villagesCsv: 'false', observationsCsv: 'false', tile: false });
    expect(before.own).toMatchObject({ value: false, publication: 'PUBLISHED', source: { doc: 'report-2025', section: SECTION, quote: BAN_QUOTE } });

    await importCsv(editor, `unit,indicator,period,value,source,section\n${BAN},drugFree,2025,true,report-2025,${SECTION}\n`);
    expect(await banStatus(anon)).toEqual(before);
    const pending = await banStatus(editor);
    expect(pending).toMatchObject({ village: true, ogc: true, villagesCsv: 'true', observationsCsv: 'true', tile: true });
    expect(pending.own).toMatchObject({ value: true, publication: 'PENDING', publishedValue: { value: false, publication: 'PUBLISHED', source: { quote: BAN_QUOTE } } });
  });

  it('an admin publishing the new value replaces the old one for everyone, with a history entry', async () => {
    const v = (await banStatus(admin)).own.version;
    const quote = 'Bản Nguồn đạt tiêu chuẩn bản không có ma túy';
    expect((await ask(admin, PUBLISH, { u: BAN, v, q: quote })).publishObservation).toEqual({ value: true, publication: 'PUBLISHED' });
    const seen = await banStatus(anon);
    expect(seen).toMatchObject({ village: true, ogc: true, villagesCsv: 'true', observationsCsv: 'true', tile: true });
    expect(seen.own).toMatchObject({ value: true, publication: 'PUBLISHED', publishedValue: null, source: { quote } });
    expect((await banStatus(editor)).own).toMatchObject({ value: true, publication: 'PUBLISHED', publishedValue: null });
    const last = (await ask(viewer, `{ history(unitId: "${BAN}") { who field oldValue newValue } }`)).history.at(-1);
    expect(last).toMatchObject({ who: 'admin', field: 'drugFree@2025', oldValue: { value: true, publication: null }, newValue: { value: true, publication: { by: 'admin', quote } } });
  });

  it('a value from the field over a published one waits for review and publication; the public keeps the published value', async () => {
    const before = await banStatus(anon);
    expect(before.own).toMatchObject({ value: true, publication: 'PUBLISHED' });
    const synced = await ask(editor, `mutation ($r: [FieldRecordInput!]!) { syncFieldRecords(records: $r) { status code } }`, { r: [{
      clientId: randomUUID(), kind: 'OBSERVATION', villageId: BAN, recordedAt: '2026-11-30T07:10:00+07:00', baseVersion: before.own.version,
      indicator: 'drugFree', period: '2025', value: false, sourceNote: 'Họp bản 30/11/2026',
    }] });
    expect(synced.syncFieldRecords).toEqual([{ status: 'APPLIED', code: null }]);
    expect(await banStatus(anon)).toEqual(before);
    const pending = await banStatus(viewer);
    expect(pending).toMatchObject({ village: false, ogc: false, observationsCsv: 'false', tile: false });
    expect(pending.own).toMatchObject({ value: false, publication: 'PENDING', publishedValue: { value: true, publication: 'PUBLISHED' } });
  });

  it('undoing a publish action withdraws it: an admin\'s revert puts back what was published before it, an editor\'s leaves nothing public', async () => {
    type Entry = { id: number; who: string; field: string; newValue: { publication: { quote: string } | null } | null };
    const entries = async () => ((await ask(viewer, `{ history(unitId: "${BAN}") { id who field newValue } }`)).history as Entry[])
      .filter((h) => h.field === 'drugFree@2025');
    const publishes = (await entries()).filter((h) => h.who === 'admin' && h.newValue?.publication);
    expect(publishes.map((h) => h.newValue!.publication!.quote)).toEqual([BAN_QUOTE, 'Bản Nguồn đạt tiêu chuẩn bản không có ma túy']);
    const revert = async (c: Client, id: number) =>
      ask(c, `mutation { revertChange(changeId: ${id}, expectedVersion: ${(await banStatus(admin)).own.version}) { id } }`);

    // The admin undoes the second publish (true): the first one (false, with its sentence) is public again.
    await revert(admin, publishes[1].id);
    const first = await banStatus(anon);
    expect(first).toMatchObject({ village: false, ogc: false, villagesCsv: 'false', observationsCsv: 'false', tile: false });
    expect(first.own).toMatchObject({ value: false, publication: 'PUBLISHED', source: { quote: BAN_QUOTE } });
    const pending = (await banStatus(editor)).own;
    expect(pending).toMatchObject({ value: true, publication: 'PENDING', publishedValue: { value: false } });
    // The public's value changed at the revert: it is seen at the version the revert wrote.
    expect([first.own.version, pending.publishedValue.version]).toEqual([pending.version, pending.version]);

    // An editor undoes the first publish: nothing is public any more, everywhere.
    await revert(editor, publishes[0].id);
    expect(await banStatus(anon)).toMatchObject({ own: null, village: null, ogc: null, villagesCsv: null, observationsCsv: null, tile: null });
    expect((await banStatus(editor)).own).toMatchObject({ value: false, publication: 'RESTRICTED', publishedValue: null });

    // Undoing that revert writes the value back but publishes nothing: only an admin's publish action does.
    await revert(editor, (await entries()).at(-1)!.id);
    expect((await banStatus(editor)).own).toMatchObject({ value: true, publication: 'RESTRICTED', publishedValue: null });
    expect(await banStatus(anon)).toMatchObject({ own: null, village: null, ogc: null, villagesCsv: null, observationsCsv: null, tile: null });
  });

  it('anonymous visitors see a published value at the version it was published at, however many edits wait; a new publish shows its own', async () => {
    // From the test before: Bản Nguồn's value (true) is not published.
    const v = (await banStatus(admin)).own.version;
    const quote = 'Bản Nguồn đạt tiêu chuẩn bản không có ma túy';
    await ask(admin, PUBLISH, { u: BAN, v, q: quote });
    const published = await banStatus(anon);
    expect(published.own).toMatchObject({ value: true, version: v + 1, publication: 'PUBLISHED' });

    // Two unpublished edits (officers' entries, so neither puts the published value back).
    for (const value of [false, true]) {
      await ask(editor, 'mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }', { i: {
        unitId: BAN, indicator: 'drugFree', period: '2025', value, sourceNote: 'Họp bản', expectedVersion: (await banStatus(editor)).own.version } });
    }
    expect(await banStatus(anon)).toEqual(published);
    expect((await banStatus(viewer)).own).toMatchObject({ value: true, version: v + 3, publication: 'PENDING', publishedValue: { value: true, version: v + 1 } });

    await ask(admin, PUBLISH, { u: BAN, v: v + 3, q: quote });
    expect((await banStatus(anon)).own).toMatchObject({ value: true, version: v + 4, publication: 'PUBLISHED', publishedValue: null });
    expect((await banStatus(editor)).own).toMatchObject({ version: v + 4, publication: 'PUBLISHED' });
  });
});
