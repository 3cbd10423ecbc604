// Bounds ("trên 100%", "gần 12 tỷ") travel with their values end to end — API, exports, edits, imports — and the
// commune's administrative centre, Bản Lằn, is given with its source and its unknown former commune. Real HTTP, real SQLite.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createUserWithCli, signedIn, type Client } from './helpers/session.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';

const PW = 'mat-khau-bien-tap-dai';
let server: RunningServer;
let anon: Client;
let editor: Client;
beforeAll(async () => {
  server = await startServer();
  expect(createUserWithCli(server.dataDir, 'editor', PW, 'editor')).toContain('Created');
  editor = await signedIn(server, 'editor', PW);
  anon = client(server);
});
afterAll(async () => {
  await server?.stop();
});

async function ok(c: Client, query: string, variables?: Record<string, unknown>) {
  const { body } = await c.gql(query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

async function csv(c: Client, path: string): Promise<string[][]> {
  const res = await fetch(new URL(path.replace(/^\//, ''), server.url), { headers: c.cookie ? { cookie: c.cookie } : {} });
  expect(res.status).toBe(200);
  return parse(Buffer.from(await res.arrayBuffer()), { bom: true }) as string[][];
}

const OBS = `query ($i: String!, $u: String) { observations(indicator: $i, unitId: $u) { period value comparator version } }`;
const IMPORT = `mutation ($input: ObservationImportInput!) { importObservations(input: $input) {
  applied dataVersion rowsValid changes { row field newValue } problems { row column villageId code message } } }`;
const importCsv = async (text: string, dryRun = true) => (await ok(editor, IMPORT, { input: {
  fileBase64: Buffer.from(text).toString('base64'), format: 'CSV', dryRun, sourceNote: 'Biên bản họp xã 2026',
} })).importObservations;

describe('bounds of values', () => {
  it('the seeded bounds reach the API: "trên 99,8%" is GREATER_THAN, "gần 400 triệu" APPROXIMATELY, a plain figure EXACT', async () => {
    const pre = (await ok(anon, OBS, { i: 'preschoolEnrolment', u: 'xa-muong-bang' })).observations;
    expect(pre.find((o: any) => o.period === '2025')).toMatchObject({ value: 99.8, comparator: 'GREATER_THAN' });
    const memorial = (await ok(anon, OBS, { i: 'memorialDonations', u: 'fc-muong-bang' })).observations;
    expect(memorial[0]).toMatchObject({ value: 400, comparator: 'APPROXIMATELY' });
    const third = (await ok(anon, OBS, { i: 'thirdChildBirthRate', u: 'fc-muong-bang' })).observations;
    expect(third[0]).toMatchObject({ value: 13, comparator: 'LESS_THAN' });
    const population = (await ok(anon, OBS, { i: 'population', u: 'xa-muong-bang' })).observations;
    expect(population.length).toBeGreaterThan(0);
    expect(population.every((o: any) => o.comparator === 'EXACT')).toBe(true);
  });

  it('every seeded bound is stored: nine values (eight observations and one place figure) are not exact', async () => {
    const { indicators } = await ok(anon, '{ indicators { key } }');
    let bounded = 0;
    for (const { key } of indicators) {
      bounded += (await ok(anon, OBS, { i: key })).observations.filter((o: any) => o.comparator !== 'EXACT').length;
    }
    const { places } = await ok(anon, '{ places { id attributes { key value comparator } } }');
    const site = places.find((p: any) => p.id === 'tdc-ban-lao');
    expect(site.attributes.find((a: any) => a.key === 'investmentBillionVnd')).toMatchObject({ value: 12, comparator: 'APPROXIMATELY' });
    bounded += places.flatMap((p: any) => p.attributes).filter((a: any) => a.comparator !== 'EXACT').length;
    expect(bounded).toBe(9);
    // The typed field says it too, so a reader of resettlementSites never takes "gần 12 tỷ" for exactly 12.
    const { resettlementSites } = await ok(anon, '{ resettlementSites { id investmentBillionVnd investmentComparator plannedHouseholds } }');
    expect(resettlementSites.find((p: any) => p.id === 'tdc-ban-lao')).toMatchObject({ investmentBillionVnd: 12, investmentComparator: 'APPROXIMATELY' });
    expect(resettlementSites.filter((p: any) => p.investmentComparator === 'EXACT').length).toBe(resettlementSites.length - 1);
  });

  it('the observations export has a comparator column holding the bound (">" beside 99.8)', async () => {
    const [headers, ...rows] = await csv(anon, '/export/observations.csv');
    const col = (h: string) => headers.indexOf(h);
    expect(col('So sánh (comparator)')).toBe(col('Giá trị (value)') + 1);
    const row = rows.find((r) => r[0] === 'xa-muong-bang' && r[3] === 'preschoolEnrolment' && r[col('Kỳ (period)')] === '2025')!;
    expect(row[col('Giá trị (value)')]).toBe('99.8');
    expect(row[col('So sánh (comparator)')]).toBe('>');
    const exact = rows.find((r) => r[3] === 'population')!;
    expect(exact[col('So sánh (comparator)')]).toBe('');
  });

  it('the places OGC collection gives each attribute its comparator', async () => {
    const res = await fetch(new URL('ogc/collections/places/items/tdc-ban-lao', server.url));
    expect(res.status).toBe(200);
    const f = await res.json();
    expect(f.properties).toMatchObject({ investmentBillionVnd: 12, investmentBillionVnd_comparator: 'APPROXIMATELY', plannedHouseholds_comparator: 'EXACT' });
  });

  it('an edit stores a bound on a number, and refuses one on a bản\'s yes/no value naming the field', async () => {
    const SET = `mutation ($i: ObservationEdit!) { setObservation(input: $i) { value comparator } }`;
    const set = await ok(editor, SET, { i: { unitId: 'fc-muong-do', indicator: 'tvHouseholdShare', period: '2026', value: 90, comparator: 'AT_LEAST',
      sourceNote: 'Biên bản họp xã', expectedVersion: 0 } });
    expect(set.setObservation).toEqual({ value: 90, comparator: 'AT_LEAST' });
    expect((await ok(anon, OBS, { i: 'tvHouseholdShare', u: 'fc-muong-do' })).observations.find((o: any) => o.period === '2026').comparator).toBe('AT_LEAST');

    const { body } = await editor.gql(SET, { i: { unitId: 'md-03', indicator: 'carRoadAccess', period: '2026', value: true, comparator: 'GREATER_THAN',
      sourceNote: 'Biên bản họp xã', expectedVersion: 0 } });
    expect(body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0].extensions.field).toBe('comparator');
    const bad = await editor.gql(SET, { i: { unitId: 'fc-muong-do', indicator: 'tvHouseholdShare', period: '2027', value: 90, comparator: 'ABOUT',
      sourceNote: 'Biên bản họp xã', expectedVersion: 0 } });
    expect(bad.body.errors?.[0].message).toMatch(/ValueComparator/);
    expect((await ok(anon, OBS, { i: 'tvHouseholdShare', u: 'fc-muong-do' })).observations.some((o: any) => o.period === '2027')).toBe(false);
  });

  it('a bản\'s number with a bound carries it into villageFeatures and the bản export; a yes/no indicator gets no such column', async () => {
    await ok(editor, `mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }`, { i: { unitId: 'md-05', indicator: 'povertyRate',
      period: '2026', value: 20, comparator: 'LESS_THAN', sourceNote: 'Rà soát hộ nghèo 2026', expectedVersion: 0 } });
    const { villageFeatures } = await ok(anon, '{ villageFeatures(indicators: ["povertyRate", "drugFree"]) }');
    const md05 = villageFeatures.features.find((f: any) => f.id === 'md-05').properties;
    expect(md05).toMatchObject({ povertyRate: 20, povertyRate_comparator: 'LESS_THAN' });
    expect('drugFree_comparator' in md05).toBe(false);
    const other = villageFeatures.features.find((f: any) => f.id === 'mb-01').properties;
    expect(other.povertyRate_comparator === null || other.povertyRate_comparator === 'EXACT').toBe(true);
    const [headers, ...rows] = await csv(anon, '/export/villages.csv?indicators=povertyRate,drugFree');
    const col = headers.findIndex((h) => h.endsWith('(povertyRate: comparator)'));
    expect(col).toBe(headers.findIndex((h) => h.endsWith('(povertyRate: value)')) + 1);
    expect(headers.some((h) => h.endsWith('(drugFree: comparator)'))).toBe(false);
    expect(rows.find((r) => r[0] === 'md-05')![col]).toBe('LESS_THAN');
  });

  it('an import reads the comparator column (symbols or the report\'s words) and names the row and column of a bad one', async () => {
    const good = await importCsv('unit,indicator,period,value,comparator\nfc-muong-lang,tvHouseholdShare,2026,80,trên\nfc-muong-lang,internetUserShare,2026,60,\n');
    expect(good.problems).toEqual([]);
    expect(good.changes.map((c: any) => c.newValue.comparator)).toEqual(['>', null]);

    const bad = await importCsv('unit,indicator,period,value,comparator\nfc-muong-lang,tvHouseholdShare,2026,80,khoảng chừng\nml-02,drugFree,2026,có,>\n');
    expect(bad.problems).toHaveLength(2);
    expect(bad.problems[0]).toMatchObject({ row: 2, column: 'comparator', villageId: 'fc-muong-lang', code: 'BAD_VALUE' });
    expect(bad.problems[0].message).toContain('khoảng chừng');
    expect(bad.problems[1]).toMatchObject({ row: 3, column: 'comparator', villageId: 'ml-02', code: 'BAD_VALUE' });
    expect(bad.rowsValid).toBe(0);
  });

  it('an exported observations file re-imports with its bounds unchanged (no change planned)', async () => {
    const [headers, ...rows] = await csv(editor, '/export/observations.csv');
    const bounded = rows.filter((r) => r[headers.indexOf('So sánh (comparator)')] !== '');
    expect(bounded.length).toBeGreaterThanOrEqual(8);
    const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;
    const file = [headers, ...bounded].map((r) => r.map(quote).join(',')).join('\n');
    const report = await importCsv(file);
    expect(report.problems).toEqual([]);
    expect(report.rowsValid).toBe(bounded.length);
    expect(report.changes).toEqual([]);
  });
});

describe('the administrative centre', () => {
  it('is Bản Lằn, cited to the official record, with its former commune and its cell unknown (never invented)', async () => {
    const { commune } = await ok(anon, `{ commune { adminCentre { name villageName villageId located formerCommuneId formerCommuneKnown status
      source { doc ref label } note } } }`);
    expect(commune.adminCentre).toMatchObject({
      name: 'Bản Lằn', villageName: 'Lằn', villageId: null, located: false, formerCommuneId: null, formerCommuneKnown: false, status: 'REPORTED',
    });
    expect(commune.adminCentre.source.doc).toBe('sapnhap-2025');
    expect(commune.adminCentre.source.ref).toBe('a06_trungtamhc');
    expect(commune.adminCentre.note).toMatch(/no 24th bản/);
    // No bản cell carries its name: it is one of the 23, but the sources do not say which.
    const { villages } = await ok(anon, '{ villages { id name } }');
    expect(villages).toHaveLength(23);
    expect(villages.some((v: any) => v.name === 'Lằn')).toBe(false);
  });
});
