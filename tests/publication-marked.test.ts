// Where a sensitive value stands in publication reads the same on every way out for signed-in users: the bản exports
// (CSV, XLSX, GeoJSON), the observations exports, the OGC items and the bản tiles carry PUBLISHED, PENDING or
// RESTRICTED beside each drug status an editor sees, as GraphQL's Observation.publication says; anonymous files
// carry nothing new and keep the published value. Real HTTP, values made pending and restricted by the real flows
// (an editor's import and edit, an admin's publish action), on each store (STORE_SUITES).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { startServer, gql, type RunningServer } from './helpers/start-server.ts';
import { client, type Client } from './helpers/session.ts';
import { team } from './helpers/team.ts';
import { importNguonStatus, NGUON, publishNguonStatus } from './helpers/drug-status-flows.ts';
import { TEST_STORE } from './helpers/test-store.ts';
import { fetchTile, tileAt, tileFeatures } from './helpers/vector-tiles.ts';

const PENDING_BAN = NGUON; // Bản Nguồn: published by an admin, then an editor imports another value
const RESTRICTED_BAN = 'ml-06'; // an editor's value citing nothing public: never published
const DRUG_FREE = 'Bản đạt tiêu chuẩn "không có ma túy"';
const PUBLICATION_HEADER = `${DRUG_FREE}: công bố (drugFree: publication)`;

let server: RunningServer;
let admin: Client, editor: Client, anon: Client;
let banTile: string, formerTile: string;

async function ask(c: Client, query: string, variables?: Record<string, unknown>) {
  const { body } = await c.gql(query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

async function bytes(path: string, c: Client): Promise<Buffer> {
  const res = await fetch(new URL(path, server.url), { headers: c.cookie ? { cookie: c.cookie } : {} });
  expect(res.status, path).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

const csv = async (path: string, c: Client) => parse(await bytes(path, c), { bom: true }) as string[][];

async function xlsx(path: string, c: Client): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await bytes(path, c) as any);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => { rows.push((row.values as unknown[]).slice(1).map((v) => v ?? '')); });
  return rows;
}

/** The row of a table whose first cell is this id (and, for observations, whose period is 2025). */
function rowOf<T>(table: T[][], id: string, periodColumn?: number): T[] {
  const row = table.find((r) => r[0] === id && (periodColumn === undefined || r[periodColumn] === '2025'));
  expect(row, id).toBeDefined();
  return row!;
}

/** What GraphQL says of a bản's drug status for this client: its value and where it stands. */
async function graphqlState(c: Client, unitId: string) {
  const { observations } = await ask(c, `query ($u: String) { observations(indicator: "drugFree", unitId: $u) { period value publication } }`, { u: unitId });
  return observations.find((o: { period: string }) => o.period === '2025') ?? null;
}

/** Every anonymous file and feature of the drug status, as they read (XLSX by its cells: the workbook's bytes carry its time of writing). */
async function anonymousFiles() {
  return {
    villagesCsv: (await bytes('export/villages.csv?indicators=drugFree,carRoadAccess', anon)).toString('utf8'),
    villagesGeojson: (await bytes('export/villages.geojson?indicators=drugFree', anon)).toString('utf8'),
    observationsCsv: (await bytes('export/observations.csv?indicator=drugFree', anon)).toString('utf8'),
    villagesXlsx: await xlsx('export/villages.xlsx?indicators=drugFree', anon),
    observationsXlsx: await xlsx('export/observations.xlsx?indicator=drugFree', anon),
    ogc: await (await fetch(new URL(`ogc/collections/villages/items/${PENDING_BAN}`, server.url))).json(),
  };
}
let anonymousBefore: Awaited<ReturnType<typeof anonymousFiles>>;

beforeAll(async () => {
  server = await startServer();
  ({ admin, editor } = await team(server));
  anon = client(server);
  const { body } = await gql(server, `{ villages(filter: { search: "${PENDING_BAN}" }) { centroid } }`);
  const [lon, lat] = body.data.villages[0].centroid;
  const z12 = tileAt(lon, lat, 12);
  banTile = `villages/12/${z12.x}/${z12.y}.mvt`;
  const z8 = tileAt(lon, lat, 8);
  formerTile = `former-communes/8/${z8.x}/${z8.y}.mvt`;
  // Bản Nguồn: an editor's import, an admin's publish on the report's sentence, then another value imported: PENDING.
  await importNguonStatus(editor, false);
  await publishNguonStatus(admin);
  anonymousBefore = await anonymousFiles(); // what the public sees once the value is published, before the edits that wait
  await importNguonStatus(editor, true);
  // Another bản: an editor's value citing nothing public, never published: RESTRICTED.
  await ask(editor, 'mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }',
    { i: { unitId: RESTRICTED_BAN, indicator: 'drugFree', period: '2025', value: true, sourceNote: 'Biên bản họp bản', expectedVersion: 0 } });
}, 120_000);
afterAll(async () => { await server?.stop(); });

describe(`publication state beside sensitive values for signed-in users (${TEST_STORE})`, () => {
  it('the values were made PENDING and RESTRICTED by the real flows, as GraphQL says', async () => {
    expect(await graphqlState(editor, PENDING_BAN)).toEqual({ period: '2025', value: true, publication: 'PENDING' });
    expect(await graphqlState(editor, RESTRICTED_BAN)).toEqual({ period: '2025', value: true, publication: 'RESTRICTED' });
    expect(await graphqlState(anon, PENDING_BAN)).toEqual({ period: '2025', value: false, publication: 'PUBLISHED' });
    expect(await graphqlState(anon, RESTRICTED_BAN)).toBeNull();
  });

  it('villages.csv: a publication column beside drug status (not beside a value that is not sensitive), PENDING and RESTRICTED where not public', async () => {
    const [headers, ...rows] = await csv('export/villages.csv?indicators=drugFree,carRoadAccess', editor);
    const value = headers.indexOf(`${DRUG_FREE}: giá trị (drugFree: value)`);
    const state = headers.indexOf(PUBLICATION_HEADER);
    expect(value).toBeGreaterThan(0);
    expect(state).toBe(value + 4);
    expect(headers.filter((h) => h.includes('publication'))).toEqual([PUBLICATION_HEADER]);
    expect([rowOf(rows, PENDING_BAN)[value], rowOf(rows, PENDING_BAN)[state]]).toEqual(['true', 'PENDING']);
    expect([rowOf(rows, RESTRICTED_BAN)[value], rowOf(rows, RESTRICTED_BAN)[state]]).toEqual(['true', 'RESTRICTED']);
    // An unknown value has no state; every known one has one.
    for (const r of rows) expect(r[state] === '').toBe(r[value] === '');
  });

  it('villages.xlsx and villages.geojson say the same', async () => {
    const [headers, ...rows] = await xlsx('export/villages.xlsx?indicators=drugFree', editor);
    const state = headers.indexOf(PUBLICATION_HEADER);
    expect(state).toBeGreaterThan(0);
    expect(rowOf(rows, PENDING_BAN)[state]).toBe('PENDING');
    expect(rowOf(rows, RESTRICTED_BAN)[state]).toBe('RESTRICTED');
    const fc = JSON.parse((await bytes('export/villages.geojson?indicators=drugFree', editor)).toString('utf8'));
    const props = (id: string) => fc.features.find((f: { id: string }) => f.id === id).properties;
    expect(props(PENDING_BAN)).toMatchObject({ drugFree: true, drugFree_publication: 'PENDING' });
    expect(props(RESTRICTED_BAN)).toMatchObject({ drugFree: true, drugFree_publication: 'RESTRICTED' });
  });

  it('observations.csv and .xlsx: each row says where it stands, as GraphQL\'s Observation.publication', async () => {
    const [headers, ...rows] = await csv('export/observations.csv', editor);
    const state = headers.indexOf('Công bố (publication)');
    expect(state).toBe(headers.length - 1);
    expect(rowOf(rows, PENDING_BAN, 6)[state]).toBe('PENDING');
    expect(rowOf(rows, RESTRICTED_BAN, 6)[state]).toBe('RESTRICTED');
    expect(rowOf(rows.filter((r) => r[3] === 'drugFree'), 'fc-muong-lang', 6)[state]).toBe('PUBLISHED');
    const poverty = rows.filter((r) => r[3] === 'povertyRate');
    expect(poverty.length).toBeGreaterThan(0);
    for (const r of poverty) expect(r[state]).toBe('PUBLIC');
    const [xHeaders, ...xRows] = await xlsx('export/observations.xlsx?indicator=drugFree', editor);
    expect(xHeaders.at(-1)).toBe('Công bố (publication)');
    expect(rowOf(xRows, PENDING_BAN, 6).at(-1)).toBe('PENDING');
    expect(rowOf(xRows, RESTRICTED_BAN, 6).at(-1)).toBe('RESTRICTED');
  });

  it('a signed-in observations export re-imports with nothing to change: the publication column is read by no one', async () => {
    const text = (await bytes('export/observations.csv?indicator=drugFree', editor)).toString('utf8');
    const { body } = await editor.gql(`mutation ($i: ObservationImportInput!) { importObservations(input: $i) { rowsValid changes { unitId } problems { code column } } }`,
      { i: { fileBase64: Buffer.from(text).toString('base64'), format: 'CSV', dryRun: true, sourceNote: 'Tệp xuất' } });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data.importObservations.problems).toEqual([]);
    expect(body.data.importObservations.rowsValid).toBeGreaterThan(0);
    expect(body.data.importObservations.changes).toEqual([]);
  });

  it('OGC items carry drugFree_publication, and the collection\'s schema describes it, for signed-in users only', async () => {
    const item = async (id: string, c: Client) => (await (await fetch(new URL(`ogc/collections/villages/items/${id}`, server.url),
      { headers: c.cookie ? { cookie: c.cookie } : {} })).json() as { properties: Record<string, unknown> }).properties;
    expect(await item(PENDING_BAN, editor)).toMatchObject({ drugFree: true, drugFree_publication: 'PENDING' });
    expect(await item(RESTRICTED_BAN, editor)).toMatchObject({ drugFree: true, drugFree_publication: 'RESTRICTED' });
    const schema = async (c: Client) => (await (await fetch(new URL('ogc/collections/villages/schema', server.url),
      { headers: c.cookie ? { cookie: c.cookie } : {} })).json() as any).properties.properties.properties;
    expect((await schema(editor)).drugFree_publication).toEqual({ type: 'string' });
    expect(Object.keys(await schema(anon)).filter((k) => k.endsWith('_publication'))).toEqual([]);
  });

  it('the bản tile a signed-in user gets carries drugFree_publication; the anonymous one does not', async () => {
    const feature = async (c: Client) => {
      const { res, tile } = await fetchTile(server, banTile, c.cookie ? { cookie: c.cookie } : {});
      expect(res.status).toBe(200);
      return tileFeatures(tile, 'villages').find((p) => p.id === PENDING_BAN)!;
    };
    expect(await feature(editor)).toMatchObject({ drugFree: true, drugFree_publication: 'PENDING' });
    const seen = await feature(anon);
    expect(seen).toMatchObject({ drugFree: false });
    expect(Object.keys(seen).filter((k) => k.endsWith('_publication'))).toEqual([]);
  });

  it('the former communes\' tile says it of their counts: Mường Lang\'s 5 of 6 rests on the report, PUBLISHED', async () => {
    const group = async (c: Client) => {
      const { res, tile } = await fetchTile(server, formerTile, c.cookie ? { cookie: c.cookie } : {});
      expect(res.status).toBe(200);
      return tileFeatures(tile, 'former-communes').find((p) => p.id === 'fc-muong-lang')!;
    };
    expect(await group(editor)).toMatchObject({ drugFree: 5, drugFree_publication: 'PUBLISHED' });
    const seen = await group(anon);
    expect(seen).toMatchObject({ drugFree: 5 });
    expect(Object.keys(seen).filter((k) => k.endsWith('_publication'))).toEqual([]);
  });

  it('anonymous files are as they were before the unpublished edits: no publication column, the published value kept', async () => {
    const now = await anonymousFiles();
    expect(now).toEqual(anonymousBefore);
    expect(now.villagesCsv).not.toContain('publication');
    expect(now.villagesGeojson).not.toContain('publication');
    expect(now.observationsCsv).not.toContain('publication');
    expect(JSON.stringify(now.villagesXlsx)).not.toContain('publication');
  });
});
