// Exports (/export) over real HTTP on a temporary SQLite file: GeoJSON, CSV and XLSX against the GraphQL answers.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { rmSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { startServer, gql, type RunningServer } from './helpers/start-server.ts';
import { storedRows } from './helpers/test-store.ts';
import { allPages } from './helpers/all-pages.ts';
import { createUserWithCli, signedIn, type Client } from './helpers/session.ts';
import { neutraliseFormula } from '../server/http/export/neutralise-formula.ts';
import { toCsv } from '../server/http/export/csv.ts';
import { toXlsx } from '../server/http/export/xlsx.ts';

// An officer's drug-status entry for a named bản from an unpublished source: anonymous visitors must not get it.
const HIDDEN = { unit: 'mb-04', indicator: 'drugFree', period: '2026' };

let server: RunningServer;
let dataDir: string;
beforeAll(async () => {
  const first = await startServer();
  dataDir = first.dataDir;
  await first.stop({ keepData: true });
  await storedRows(dataDir, `INSERT INTO observations (unit_id, indicator, period, value, status, source, entered_by)
    VALUES ('${HIDDEN.unit}', '${HIDDEN.indicator}', '${HIDDEN.period}', 'false', 'REPORTED', '{"doc":"officer-entry"}', 'test')`);
  server = await startServer({ dataDir });
});
afterAll(async () => {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function download(path: string) {
  const res = await fetch(new URL(path.replace(/^\//, ''), server.url));
  return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', bytes: Buffer.from(await res.arrayBuffer()) };
}

async function graphql(query: string, variables?: Record<string, unknown>) {
  const { body } = await gql(server, query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

const TWO = ['drugFree', 'carRoadAccess'];
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** GraphQL's villageFeatures properties by bản id, for the given indicators. */
async function expectedByVillage(keys: string[]) {
  const { villageFeatures } = await graphql(`query ($k: [String!]!) { villageFeatures(indicators: $k) }`, { k: keys });
  return new Map<string, any>(villageFeatures.features.map((f: any) => [f.id, f.properties]));
}

async function booleanKeys(): Promise<string[]> {
  const { indicators } = await graphql(`{ indicators { key kind } }`);
  return indicators.filter((i: any) => i.kind === 'boolean').map((i: any) => i.key);
}

/** Find the column whose header ends with "(key: what)". */
const column = (headers: string[], key: string, what: string) => {
  const i = headers.findIndex((h) => h.endsWith(`(${key}: ${what})`));
  expect(i, `${key}: ${what}`).toBeGreaterThanOrEqual(0);
  return i;
};

describe('villages.geojson', () => {
  it('is villageFeatures as a download: 23 bản with value, status, source and period', async () => {
    const r = await download(`/export/villages.geojson?indicators=${TWO.join(',')}`);
    expect(r.status).toBe(200);
    expect(r.type).toContain('application/geo+json');
    expect(r.disposition).toBe('attachment; filename=villages.geojson');
    const fc = JSON.parse(r.bytes.toString('utf8'));
    const { villageFeatures } = await graphql(`query ($k: [String!]!) { villageFeatures(indicators: $k) }`, { k: TWO });
    expect(fc).toEqual(villageFeatures);
    expect(fc.features).toHaveLength(23);
    for (const f of fc.features) for (const k of TWO) expect(Object.keys(f.properties)).toEqual(expect.arrayContaining([k, `${k}_status`, `${k}_source`, `${k}_period`]));
  });

  it('defaults to every boolean indicator', async () => {
    const fc = JSON.parse((await download('/export/villages.geojson')).bytes.toString('utf8'));
    for (const key of await booleanKeys()) expect(fc.features[0].properties).toHaveProperty(`${key}_status`);
  });
});

describe('villages.csv', () => {
  it('starts with the BOM, has Vietnamese (English) headers, and parses back to the GraphQL values', async () => {
    const r = await download(`/export/villages.csv?indicators=${TWO.join(',')}`);
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/csv; charset=utf-8');
    expect(r.disposition).toBe('attachment; filename=villages.csv');
    expect(r.bytes.subarray(0, 3)).toEqual(BOM);
    expect(r.bytes.toString('utf8')).toContain('\r\n');
    const [headers, ...rows] = parse(r.bytes, { bom: true }) as string[][];
    expect(headers.slice(0, 4)).toEqual(['Mã bản (id)', 'Bản (village)', 'Tên (name)', 'Xã cũ (former commune)']);
    expect(rows).toHaveLength(23);
    const expected = await expectedByVillage(TWO);
    const { villages } = await graphql(`{ villages { id label centroid boundaryQuality formerCommune { name } } }`);
    const csvValue = (v: unknown) => (v === null ? '' : String(v));
    for (const row of rows) {
      const p = expected.get(row[0]);
      const v = villages.find((x: any) => x.id === row[0]);
      expect(row.slice(1, 4)).toEqual([p.label, p.name ?? '', p.formerCommune]);
      expect(row[headers.indexOf('Chất lượng ranh giới (boundary quality)')]).toBe(v.boundaryQuality);
      expect(Number(row[headers.indexOf('Kinh độ tâm (centre longitude)')])).toBe(v.centroid[0]);
      expect(Number(row[headers.indexOf('Vĩ độ tâm (centre latitude)')])).toBe(v.centroid[1]);
      for (const k of TWO) {
        expect(row[column(headers, k, 'value')], `${row[0]} ${k}`).toBe(csvValue(p[k]));
        expect(row[column(headers, k, 'status')]).toBe(p[`${k}_status`]);
        expect(row[column(headers, k, 'period')]).toBe(csvValue(p[`${k}_period`]));
        expect(row[column(headers, k, 'source')]).toBe(csvValue(p[`${k}_source`]));
      }
    }
    const md = rows.filter((row) => row[3] === 'Mường Do');
    expect(md).toHaveLength(7);
    // Mường Do's 7/7 implies its bản (INFERRED), shown to anonymous visitors on unnamed cells only.
    for (const row of md) {
      const named = row[2] !== '';
      expect(row[column(headers, 'drugFree', 'status')]).toBe(named ? 'UNKNOWN' : 'INFERRED');
      if (!named) expect(row[column(headers, 'drugFree', 'source')]).toContain('Phần thứ hai I.7.2');
      expect(row[column(headers, 'carRoadAccess', 'status')]).toBe('INFERRED');
    }
  });

  it('has four columns for each boolean indicator by default', async () => {
    const [headers] = parse((await download('/export/villages.csv')).bytes, { bom: true }) as string[][];
    const keys = await booleanKeys();
    expect(headers).toHaveLength(9 + 4 * keys.length);
    for (const k of keys) for (const what of ['value', 'status', 'period', 'source']) column(headers, k, what);
  });
});

describe('villages.xlsx', () => {
  it('has the bản sheet with the GraphQL values and a sources sheet with titles, publishers and licences', async () => {
    const r = await download(`/export/villages.xlsx?indicators=${TWO.join(',')}`);
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.disposition).toBe('attachment; filename=villages.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Bản (villages)', 'Nguồn (sources)']);
    const sheet = wb.getWorksheet('Bản (villages)')!;
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    const headers = values(1) as string[];
    expect(sheet.rowCount).toBe(24);
    const expected = await expectedByVillage(TWO);
    for (let i = 2; i <= 24; i++) {
      const row = values(i);
      const p = expected.get(row[0] as string);
      expect(row[1]).toBe(p.label);
      for (const k of TWO) {
        expect(row[column(headers, k, 'value')] ?? null, `${p.id} ${k}`).toBe(p[k]);
        expect(row[column(headers, k, 'status')]).toBe(p[`${k}_status`]);
        expect(row[column(headers, k, 'source')] ?? null).toBe(p[`${k}_source`]);
        expect(row[column(headers, k, 'period')] ?? null).toBe(p[`${k}_period`]);
      }
    }
    const sources = wb.getWorksheet('Nguồn (sources)')!;
    const srcHeaders = (sources.getRow(1).values as string[]).slice(1);
    expect(srcHeaders).toEqual(expect.arrayContaining(['Tài liệu (title)', 'Nơi ban hành (publisher)', 'Giấy phép (licence)']));
    const { sources: gqlSources } = await graphql(`{ sources { id title } }`);
    expect(sources.rowCount - 1).toBe(gqlSources.length);
    const sapnhap = (sources.getRow(1 + gqlSources.findIndex((s: any) => s.id === 'sapnhap-2025') + 1).values as unknown[]).slice(1);
    expect(sapnhap[srcHeaders.indexOf('Giấy phép (licence)')]).toMatch(/^MIT/);
  });
});

describe('observations', () => {
  const OBS = `query ($i: String, $o: Int!) { observations(indicator: $i, limit: 100, offset: $o) { unitId level indicator period value comparator status source { title section ref } } }`;
  /** Every observation the anonymous visitor may see (of one indicator), all pages. */
  const BOUND_SYMBOL = { EXACT: '', GREATER_THAN: '>', AT_LEAST: '>=', LESS_THAN: '<', AT_MOST: '<=', APPROXIMATELY: '≈' };
  const allObservations = async (i?: string) => ({ observations: await allPages<any>(async (o) => (await graphql(OBS, { i, o })).observations) });

  it('CSV has one row per observation the viewer may see, as many as GraphQL observations', async () => {
    const r = await download('/export/observations.csv');
    expect(r.status).toBe(200);
    expect(r.disposition).toBe('attachment; filename=observations.csv');
    expect(r.bytes.subarray(0, 3)).toEqual(BOM);
    const [headers, ...rows] = parse(r.bytes, { bom: true }) as string[][];
    expect(headers).toEqual(['Mã đơn vị (unit id)', 'Cấp (unit level)', 'Đơn vị (unit)', 'Mã chỉ tiêu (indicator key)', 'Chỉ tiêu (indicator)',
      'Đơn vị tính (unit of measure)', 'Kỳ (period)', 'Giá trị (value)', 'So sánh (comparator)', 'Mẫu số (denominator)', 'Trạng thái (status)',
      'Tài liệu nguồn (source document)', 'Mục (section)', 'Công thức (formula)', 'Ghi chú (note)']);
    const { observations } = await allObservations();
    expect(rows.length).toBeGreaterThan(100);
    expect(rows).toHaveLength(observations.length);
    rows.forEach((row, i) => {
      const o = observations[i];
      expect([row[0], row[1], row[3], row[6], row[10]]).toEqual([o.unitId, o.level, o.indicator, o.period, o.status]);
      expect(row[7]).toBe(o.value === null ? '' : String(o.value));
      expect(row[8]).toBe(BOUND_SYMBOL[o.comparator as keyof typeof BOUND_SYMBOL]);
      expect(row[11]).toBe(o.source.title);
      expect(row[12]).toBe(o.source.section ?? o.source.ref ?? '');
    });
  });

  it('CSV and XLSX filter by indicator; XLSX has the same rows and a sources sheet', async () => {
    const { observations } = await allObservations('povertyRate');
    const csv = parse((await download('/export/observations.csv?indicator=povertyRate')).bytes, { bom: true }) as string[][];
    expect(csv.length - 1).toBe(observations.length);
    const r = await download('/export/observations.xlsx?indicator=povertyRate');
    expect(r.disposition).toBe('attachment; filename=observations.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Quan sát (observations)', 'Nguồn (sources)']);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount - 1).toBe(observations.length);
    observations.forEach((o: any, i: number) => {
      const row = (sheet.getRow(i + 2).values as unknown[]).slice(1);
      expect([row[0], row[3], row[6], row[7], row[10]]).toEqual([o.unitId, 'povertyRate', o.period, o.value, o.status]);
    });
    const all = await allObservations();
    const wbAll = new ExcelJS.Workbook();
    await wbAll.xlsx.load((await download('/export/observations.xlsx')).bytes as any);
    expect(wbAll.worksheets[0].rowCount - 1).toBe(all.observations.length);
  });
});

describe('visibility (canSee) on every export path', () => {
  it("an officer's unpublished drug-status entry for a named bản reaches no anonymous export", async () => {
    const { observations } = await graphql(`{ observations(indicator: "drugFree", unitId: "${HIDDEN.unit}") { period } }`);
    expect(observations).toEqual([]);
    const fc = JSON.parse((await download('/export/villages.geojson?indicators=drugFree')).bytes.toString('utf8'));
    expect(fc.features.find((f: any) => f.id === HIDDEN.unit).properties).toMatchObject({ drugFree: null, drugFree_status: 'UNKNOWN' });
    const [headers, ...rows] = parse((await download('/export/villages.csv?indicators=drugFree')).bytes, { bom: true }) as string[][];
    expect(rows.find((r) => r[0] === HIDDEN.unit)![column(headers, 'drugFree', 'status')]).toBe('UNKNOWN');
    const obs = parse((await download('/export/observations.csv?indicator=drugFree')).bytes, { bom: true }) as string[][];
    expect(obs.some((r) => r[0] === HIDDEN.unit && r[6] === HIDDEN.period)).toBe(false);
    const ogc = await (await fetch(new URL(`ogc/collections/villages/items/${HIDDEN.unit}`, server.url))).json() as any;
    expect(ogc.properties).toMatchObject({ drugFree: null, drugFree_status: 'UNKNOWN' });
  });
});

describe('bad requests', () => {
  it('an unknown indicator is a 400 naming it', async () => {
    for (const path of ['/export/villages.csv?indicators=drugFree,nope', '/export/villages.xlsx?indicators=nope', '/export/villages.geojson?indicators=nope', '/export/observations.csv?indicator=nope', '/export/observations.xlsx?indicator=nope']) {
      const r = await download(path);
      expect(r.status, path).toBe(400);
      expect(r.type).toContain('application/json');
      const body = JSON.parse(r.bytes.toString('utf8'));
      expect(body.description, path).toContain('"nope"');
      expect(body.parameter).toBe(path.includes('observations') ? 'indicator' : 'indicators');
    }
    const typo = JSON.parse((await download('/export/villages.csv?indicator=drugFree')).bytes.toString('utf8'));
    expect(typo.parameter).toBe('indicator');
    expect((await download('/export/nothing.csv')).status).toBe(404);
  });
});

describe('spreadsheet formula injection', () => {
  it('neutraliseFormula puts an apostrophe before text starting with = + - @ (and tab, CR)', () => {
    for (const s of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(neutraliseFormula(s)).toBe(`'${s}`);
    for (const s of ['Bản Lao', '5/6', 'a=b', '', "'=already"]) expect(neutraliseFormula(s)).toBe(s);
    expect(neutraliseFormula(-5)).toBe(-5);
    expect(neutraliseFormula(true)).toBe(true);
    expect(neutraliseFormula(null)).toBeNull();
  });

  it('CSV and XLSX writers apply it to text cells and keep numbers as numbers', async () => {
    const table = { sheet: 'T', headers: ['a (a)', 'b (b)'], rows: [['=1+2', -3], ['@x', 1.5]] };
    const csv = await toCsv(table);
    expect(parse(csv, { bom: true })).toEqual([['a (a)', 'b (b)'], ["'=1+2", '-3'], ["'@x", '1.5']]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx([table])) as any);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A2').value).toBe("'=1+2");
    expect(ws.getCell('A2').formula).toBeUndefined();
    expect(ws.getCell('B2').value).toBe(-3);
    expect(ws.getCell('A3').value).toBe("'@x");
  });
});

describe('streamed downloads', () => {
  const PW = 'mat-khau-bien-tap-dai';
  let editor: Client;
  const IMPORTED = 5000;
  beforeAll(async () => {
    expect(createUserWithCli(server.dataDir, 'exporter', PW, 'editor')).toContain('Created');
    editor = await signedIn(server, 'exporter', PW);
  });

  /** A download read chunk by chunk, as it arrives. */
  async function streamed(path: string, c?: Client) {
    // identity: the bytes as sent (compression would drop Content-Length and re-chunk them).
    const res = await fetch(new URL(path.replace(/^\//, ''), server.url), { headers: { 'accept-encoding': 'identity', ...(c?.cookie ? { cookie: c.cookie } : {}) } });
    expect(res.status).toBe(200);
    const chunks: Buffer[] = [];
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
    return { headers: res.headers, chunks, bytes: Buffer.concat(chunks) };
  }

  it('an anonymous download is sent from its one copy with Content-Length and an ETag; the same ETag gets 304', async () => {
    const first = await streamed('/export/observations.csv');
    expect(Number(first.headers.get('content-length'))).toBe(first.bytes.length);
    const etag = first.headers.get('etag');
    // Weak: the same tag names these bytes sent plain, gzip- or brotli-encoded (a strong tag names one byte sequence).
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    // node:http, as a cache would ask (fetch adds "Cache-Control: no-cache" to a conditional request, which forbids a 304).
    const again = await new Promise<{ status: number; length: number }>((resolve, reject) => {
      get(new URL('export/observations.csv', server.url), { headers: { 'if-none-match': etag! } }, (res) => {
        let length = 0;
        res.on('data', (d: Buffer) => { length += d.length; });
        res.on('end', () => resolve({ status: res.statusCode!, length }));
      }).on('error', reject);
    });
    expect(again).toEqual({ status: 304, length: 0 });
  });

  it(`a large database (${IMPORTED} more values) arrives complete and correct, streamed in many chunks, CSV and XLSX`, async () => {
    const before = (parse((await streamed('/export/observations.csv', editor)).bytes, { bom: true }) as string[][]).length - 1;
    const villages = (await gql(server, '{ villages { id } }')).body.data.villages.map((v: any) => v.id);
    const lines = ['unit,indicator,period,value'];
    for (let i = 0; lines.length <= IMPORTED; i++) lines.push(`${villages[i % villages.length]},povertyRate,2030-${String(Math.floor(i / villages.length)).padStart(4, '0')},${(i % 1000) / 10}`);
    const { body } = await editor.gql(`mutation ($input: ObservationImportInput!) { importObservations(input: $input) { applied problems { message } } }`,
      { input: { fileBase64: Buffer.from(lines.join('\n')).toString('base64'), format: 'CSV', dryRun: false, sourceNote: 'Tệp lớn để thử tải xuống' } });
    expect(body.data.importObservations).toEqual({ applied: true, problems: [] });

    const csv = await streamed('/export/observations.csv', editor);
    expect(csv.chunks.length).toBeGreaterThan(1);
    expect(csv.headers.get('cache-control')).toBe('private, no-store');
    const [headers, ...rows] = parse(csv.bytes, { bom: true }) as string[][];
    expect(rows).toHaveLength(before + IMPORTED);
    const imported = rows.filter((r) => r[3] === 'povertyRate' && r[6].startsWith('2030-'));
    expect(imported).toHaveLength(IMPORTED);
    const expected = new Map(lines.slice(1).map((l) => l.split(',')).map(([u, , p, v]) => [`${u}|${p}`, v]));
    for (const r of imported) expect(r[headers.indexOf('Giá trị (value)')], `${r[0]} ${r[6]}`).toBe(String(Number(expected.get(`${r[0]}|${r[6]}`))));

    const xlsx = await streamed('/export/observations.xlsx', editor);
    expect(xlsx.chunks.length).toBeGreaterThan(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as any);
    expect(wb.worksheets[0].rowCount - 1).toBe(before + IMPORTED);
  });

  it('a client that leaves half-way stops its download; the portal goes on answering and serves the next one whole', async () => {
    const abort = new AbortController();
    const res = await fetch(new URL('export/observations.xlsx', server.url), { headers: { cookie: editor.cookie! }, signal: abort.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    abort.abort();
    await reader.cancel().catch(() => undefined);
    const { body } = await gql(server, '{ commune { name } }');
    expect(body.data.commune.name).toBe('Xã Mường Bang');
    const whole = await streamed('/export/observations.xlsx', editor);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(whole.bytes as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Quan sát (observations)', 'Nguồn (sources)']);
    expect(server.output()).not.toMatch(/ERR_STREAM|Unhandled|uncaught/i);
  });
});
