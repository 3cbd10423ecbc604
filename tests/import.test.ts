// Imports of values (CSV with and without BOM, Windows-1252 refused, XLSX) and of bản centres and
// boundaries (GeoJSON): dry runs report every problem at once, applies are all-or-nothing — over real
// HTTP, signed in, on a temporary SQLite file, with files generated here.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { booleanPointInPolygon } from '@turf/turf';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { onPostgres, storedRows } from './helpers/test-store.ts';
import { client, createUserWithCli, signedIn, type Client } from './helpers/session.ts';
import { parseVietnameseNumber } from '../server/imports/parse-vietnamese-number.ts';
import { invalidUtf8Offsets } from '../server/imports/decode-text.ts';
import { headerField } from '../server/imports/import-columns.ts';

let server: RunningServer;
let editor: Client, viewer: Client, anon: Client, colleague: Client;

const REPORT = `dryRun applied dataVersion rowsRead rowsValid changes { row unitId field oldValue newValue } problems { row column villageId code message }`;
const IMPORT_OBS = `mutation ($input: ObservationImportInput!) { importObservations(input: $input) { ${REPORT} } }`;
const IMPORT_GEO = `mutation ($input: VillageGeometryImportInput!) { importVillageGeometry(input: $input) { ${REPORT} } }`;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');

async function importObs(c: Client, file: Buffer | string, opts: { format?: 'CSV' | 'XLSX'; dryRun?: boolean; sourceNote?: string; why?: string; expectedDataVersion?: number } = {}) {
  const { body } = await c.gql(IMPORT_OBS, { input: {
    fileBase64: b64(file), format: opts.format ?? 'CSV', dryRun: opts.dryRun ?? true, sourceNote: opts.sourceNote ?? 'Số liệu bản 2026', ...(opts.why ? { why: opts.why } : {}),
    ...(opts.expectedDataVersion !== undefined ? { expectedDataVersion: opts.expectedDataVersion } : {}),
  } });
  return body;
}
async function report(c: Client, file: Buffer | string, opts: Parameters<typeof importObs>[2] = {}) {
  const body = await importObs(c, file, opts);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data.importObservations;
}
async function observation(indicator: string, unitId: string, period: string) {
  const { body } = await editor.gql(`query ($i: String!, $u: String) { observations(indicator: $i, unitId: $u) { period value denominator status formula source { doc label } } }`, { i: indicator, u: unitId });
  return body.data.observations.find((o: any) => o.period === period) ?? null;
}
const historyLength = async (unitId: string) => (await editor.gql(`{ history(unitId: "${unitId}") { id } }`)).body.data.history.length;
const byCode = (problems: any[], code: string) => problems.filter((p) => p.code === code);

beforeAll(async () => {
  server = await startServer();
  createUserWithCli(server.dataDir, 'admin', 'admin-pass-123');
  const admin = await signedIn(server, 'admin', 'admin-pass-123');
  for (const [name, role] of [['editor', 'editor'], ['viewer', 'viewer'], ['colleague', 'editor']]) {
    const { body } = await admin.gql(`mutation { createUser(username: "${name}", password: "${name}-pass-123", role: "${role}") { role } }`);
    expect(body.errors).toBeUndefined();
  }
  editor = await signedIn(server, 'editor', 'editor-pass-123');
  colleague = await signedIn(server, 'colleague', 'colleague-pass-123');
  viewer = await signedIn(server, 'viewer', 'viewer-pass-123');
  anon = client(server);
});
afterAll(async () => { await server?.stop(); });

describe('pieces', () => {
  it('reads Vietnamese and English numbers, refusing what is unclear', () => {
    const ok = (s: string) => { const r = parseVietnameseNumber(s); return r.ok ? r.value : null; };
    expect(['82,6', '82.6', '12.831', '12 831', '1.234.567', '1.234,5', '1,234.5', '-3,5', '45%', ',5'].map(ok))
      .toEqual([82.6, 82.6, 12.831, 12831, 1234567, 1234.5, 1234.5, -3.5, 45, 0.5]);
    expect(['8,2,1', '12a', '1.2.3', '1,2.3', '', '--1', '3,'].map(ok)).toEqual([null, null, null, null, null, null, null]);
  });
  it('finds bad UTF-8 bytes and reads headers in both languages, as the export writes them', () => {
    expect(invalidUtf8Offsets(Buffer.from('Mã bản'))).toEqual([]);
    expect(invalidUtf8Offsets(Buffer.from('Ghi chú', 'latin1'))).toEqual([6]);
    expect(['Mã bản', 'BẢN', 'unit', 'Giá trị (value)', 'gia tri', 'Năm', 'Kỳ (period)', 'Đơn vị (unit)', 'Mã đơn vị (unit id)', 'Đơn vị tính (unit of measure)', 'Cách tính', 'STT']
      .map(headerField)).toEqual(['unitId', 'unitName', 'unitId', 'value', 'value', 'period', 'period', 'unitName', 'unitId', 'ignored', 'formula', 'ignored']);
  });
});

describe('importObservations', () => {
  it('refuses anonymous visitors and viewers', async () => {
    const file = 'Mã bản,Chỉ tiêu,Năm,Giá trị\nmd-03,povertyRate,2026,10\n';
    expect((await importObs(anon, file)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await importObs(viewer, file)).errors![0].extensions.code).toBe('FORBIDDEN');
  });

  const messy = Buffer.concat([BOM, Buffer.from([
    'Mã bản;Chỉ tiêu;Năm;Giá trị;Nguồn',
    'md-03;povertyRate;2026;12,5;Danh sách hộ nghèo 2026',
    'Bản Không Có;povertyRate;2026;10;',
    'md-03;povertyRate;2026;13;',
    'Bông Sồi;Tỷ lệ hộ nghèo;2026;140;',
    'ml-02;households;2026;8,2,1;',
    'ml-03;population;2026;=SUM(A1:A3);',
    'mb-02;soCayCaPhe;2026;5;',
  ].join('\r\n'))]);

  it('a dry run reports every problem at once, with row, column and bản, and writes nothing', async () => {
    const before = await Promise.all(['md-03', 'md-01', 'ml-02', 'ml-03', 'mb-02'].map(historyLength));
    const r = await report(editor, messy);
    expect(r).toMatchObject({ dryRun: true, applied: false, rowsRead: 7, rowsValid: 1 });
    const found = r.problems.map((p: any) => [p.code, p.row, p.column, p.villageId]);
    expect(found).toEqual([
      ['UNKNOWN_VILLAGE', 3, 'Mã bản', null],
      ['DUPLICATE_ROW', 4, null, 'md-03'],
      ['OUT_OF_RANGE', 5, 'Giá trị', 'md-01'],
      ['BAD_NUMBER', 6, 'Giá trị', 'ml-02'],
      ['FORMULA_CELL', 7, 'Giá trị', 'ml-03'],
      ['UNKNOWN_INDICATOR', 8, 'Chỉ tiêu', 'mb-02'],
    ]);
    const msg = (code: string) => byCode(r.problems, code)[0].message;
    expect(msg('UNKNOWN_VILLAGE')).toMatch(/Dòng 3.*Bản Không Có.*\/ Row 3, column "Mã bản": no bản or unit "Bản Không Có"/);
    expect(msg('DUPLICATE_ROW')).toMatch(/row 2/);
    expect(msg('OUT_OF_RANGE')).toMatch(/Bản Bông Sồi.*140% is outside 0–100/);
    expect(msg('BAD_NUMBER')).toContain('"8,2,1"');
    expect(msg('FORMULA_CELL')).toContain('=SUM(A1:A3)');
    expect(msg('UNKNOWN_INDICATOR')).toContain('soCayCaPhe');
    expect(r.changes).toEqual([{ row: 2, unitId: 'md-03', field: 'povertyRate@2026', oldValue: null, newValue: expect.objectContaining({ value: 12.5 }) }]);
    expect(await observation('povertyRate', 'md-03', '2026')).toBeNull();
    expect(await Promise.all(['md-03', 'md-01', 'ml-02', 'ml-03', 'mb-02'].map(historyLength))).toEqual(before);
  });

  it('a file with one bad row is not applied at all, even when asked to', async () => {
    const r = await report(editor, messy, { dryRun: false });
    expect(r).toMatchObject({ dryRun: false, applied: false });
    expect(r.problems).toHaveLength(6);
    expect(await observation('povertyRate', 'md-03', '2026')).toBeNull();
    expect(await historyLength('md-03')).toBe(0);
  });

  it('names missing and unknown columns, and a decimal comma that split a row', async () => {
    const noPeriod = await report(editor, 'Mã bản,Chỉ tiêu,Giá trị,Ghi chu them\nmd-03,povertyRate,10,x\n');
    expect(noPeriod.problems.map((p: any) => [p.code, p.row, p.column])).toEqual([['UNKNOWN_COLUMN', 1, 'Ghi chu them'], ['MISSING_COLUMN', 1, 'Kỳ / Năm']]);
    const split = await report(editor, 'Mã bản,Chỉ tiêu,Năm,Giá trị\nmd-03,povertyRate,2026,82,6\n', { dryRun: false });
    expect(split.applied).toBe(false);
    expect(split.problems.map((p: any) => [p.code, p.row, p.column, p.villageId])).toEqual([['UNKNOWN_COLUMN', 2, 'E', 'md-03']]);
    expect(split.problems[0].message).toMatch(/quote the number or separate columns with ;/);
    const levels = await report(editor, 'unit,indicator,period,value\nml-02,incomePerCapita,2026,25\nml-02,population,năm nay,300\nml-02,population,2026,300.5\n');
    expect(levels.problems.map((p: any) => [p.code, p.row, p.column, p.villageId])).toEqual([
      ['WRONG_LEVEL', 2, 'unit', 'ml-02'], ['BAD_VALUE', 3, 'period', 'ml-02'], ['BAD_NUMBER', 4, 'value', 'ml-02']]);
  });

  const clean = Buffer.concat([BOM, Buffer.from([
    'Mã bản,Chỉ tiêu,Kỳ,Giá trị,Mẫu số,Trạng thái,Nguồn,Cách tính',
    'bản Lao,Tỷ lệ dân tộc Dao,2026,"82,6",,báo cáo,Điều tra hộ 2026,',
    'md-02,carRoadAccess,2026,có,,,,',
    'MD-05,Có đường ô tô đến bản,2026,chưa đạt,,,,',
    'Mường Lang,drugFree,2026,5,6,,,',
    'xã cũ Mường Do,povertyRate,2026,"12,5",,ước tính,,"Ước tính từ danh sách hộ"',
  ].join('\r\n'))]);

  it('a clean CSV with BOM, Vietnamese headers and decimal commas: dry run lists the changes, apply writes them all', async () => {
    const dry = await report(editor, clean);
    expect(dry).toMatchObject({ applied: false, rowsRead: 5, rowsValid: 5, problems: [] });
    expect(dry.changes.map((c: any) => [c.row, c.unitId, c.field, c.newValue.value])).toEqual([
      [2, 'mb-02', 'ethnicShareDao@2026', 82.6], [3, 'md-02', 'carRoadAccess@2026', true], [4, 'md-05', 'carRoadAccess@2026', false],
      [5, 'fc-muong-lang', 'drugFree@2026', 5], [6, 'fc-muong-do', 'povertyRate@2026', 12.5],
    ]);
    expect(await observation('ethnicShareDao', 'mb-02', '2026')).toBeNull();

    const done = await report(editor, clean, { dryRun: false, why: 'Cập nhật đầu năm' });
    expect(done).toMatchObject({ dryRun: false, applied: true, problems: [] });
    expect(done.changes).toHaveLength(5);
    expect(await observation('ethnicShareDao', 'mb-02', '2026')).toMatchObject({ value: 82.6, status: 'REPORTED', source: { doc: 'officer-entry', label: expect.stringContaining('Điều tra hộ 2026') } });
    expect(await observation('carRoadAccess', 'md-02', '2026')).toMatchObject({ value: true });
    expect(await observation('carRoadAccess', 'md-05', '2026')).toMatchObject({ value: false });
    expect(await observation('drugFree', 'fc-muong-lang', '2026')).toMatchObject({ value: 5, denominator: 6 });
    expect(await observation('povertyRate', 'fc-muong-do', '2026')).toMatchObject({ value: 12.5, status: 'ESTIMATED', formula: 'Ước tính từ danh sách hộ',
      source: { label: expect.stringContaining('Số liệu bản 2026') } });
    const h = (await editor.gql(`{ history(unitId: "md-02") { who field why } }`)).body.data.history;
    expect(h).toEqual([{ who: 'editor', field: 'carRoadAccess@2026', why: 'Cập nhật đầu năm (nhập tệp / import: Số liệu bản 2026)' }]);

    const again = await report(editor, clean, { dryRun: false });
    expect(again).toMatchObject({ applied: true, changes: [], problems: [] });
    expect(await historyLength('md-02')).toBe(1);
  });

  it('a CSV without BOM, semicolons, NFD text and zero-width characters', async () => {
    const file = ['ban;chi tieu;nam;gia tri', 'Bo\u0302\u0300ng So\u0302\u0300i\u200b;ethnicShareMong;2027;45,5', 'ml-01;Số hộ;2027;1.234.567'].join('\n');
    const r = await report(editor, file, { dryRun: false });
    expect(r).toMatchObject({ applied: true, problems: [] });
    expect(await observation('ethnicShareMong', 'md-01', '2027')).toMatchObject({ value: 45.5 });
    expect(await observation('households', 'ml-01', '2027')).toMatchObject({ value: 1234567 });
  });

  it('reads rows whatever mix of line ends they have (CRLF header and LF rows, a lone CR from an old Mac export)', async () => {
    // csv-parse takes the first line end for every record: with a CRLF header, LF rows were one row of "cells beyond the headed columns".
    const mixed = 'Mã bản,Chỉ tiêu,Năm,Giá trị\r\nmd-01,population,2028,501\nmd-02,population,2028,502\rmd-03,population,2028,503\r\nmd-04,population,2028,504\n';
    const dry = await report(editor, mixed);
    expect(dry).toMatchObject({ applied: false, rowsRead: 4, rowsValid: 4, problems: [] });
    expect(dry.changes.map((c: any) => [c.row, c.unitId, c.field, c.newValue.value])).toEqual([
      [2, 'md-01', 'population@2028', 501], [3, 'md-02', 'population@2028', 502], [4, 'md-03', 'population@2028', 503], [5, 'md-04', 'population@2028', 504],
    ]);
    expect(await report(editor, mixed, { dryRun: false })).toMatchObject({ applied: true, rowsRead: 4, problems: [] });
    expect(await Promise.all(['md-01', 'md-02', 'md-03', 'md-04'].map(async (u) => (await observation('population', u, '2028'))?.value))).toEqual([501, 502, 503, 504]);

    // Every line ended by a lone CR, semicolons and a decimal comma: the delimiter is found on the first line alone.
    const oldMac = ['ban;chi tieu;nam;gia tri', 'md-01;povertyRate;2028;12,5', 'md-02;povertyRate;2028;7,25', ''].join('\r');
    expect(await report(editor, oldMac, { dryRun: false })).toMatchObject({ applied: true, rowsRead: 2, rowsValid: 2, problems: [] });
    expect([(await observation('povertyRate', 'md-01', '2028'))?.value, (await observation('povertyRate', 'md-02', '2028'))?.value]).toEqual([12.5, 7.25]);
  });

  it('refuses a Windows-1252 CSV, naming the line, byte and column, rather than importing mojibake', async () => {
    const file = Buffer.from(['unit;indicator;period;value;note', 'md-01;population;2026;500;Ghi chú', 'md-02;population;2026;300;Mã mới'].join('\r\n'), 'latin1');
    const r = await report(editor, file, { dryRun: false });
    expect(r.applied).toBe(false);
    expect(r.problems.map((p: any) => [p.code, p.row, p.column])).toEqual([['BAD_ENCODING', 2, 'note'], ['BAD_ENCODING', 3, 'note']]);
    expect(r.problems[0].message).toMatch(/byte 67 \(0xFA\) is not UTF-8.*Windows-125[28]/);
    expect(await observation('population', 'md-01', '2026')).toBeNull();
  });

  async function workbook(rows: unknown[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Số liệu');
    for (const row of rows) ws.addRow(row);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('an XLSX workbook applies (numbers typed or written with a decimal comma); a formula cell is refused', async () => {
    const file = await workbook([
      ['STT', 'Mã bản', 'Chỉ tiêu', 'Năm', 'Giá trị'],
      [1, 'ml-04', 'ethnicShareThai', 2026, 70.5],
      [2, 'bản Kẽm', 'carRoadAccess', 2026, 'đạt'],
      [3, 'ML-05', 'Tỷ lệ dân tộc Mường', '2026', '82,6'],
    ]);
    const r = await report(editor, file, { format: 'XLSX', dryRun: false });
    expect(r).toMatchObject({ applied: true, rowsRead: 3, rowsValid: 3, problems: [] });
    expect(await observation('ethnicShareThai', 'ml-04', '2026')).toMatchObject({ value: 70.5 });
    expect(await observation('carRoadAccess', 'ml-01', '2026')).toMatchObject({ value: true });
    expect(await observation('ethnicShareMuong', 'ml-05', '2026')).toMatchObject({ value: 82.6 });

    const withFormula = await workbook([['Mã bản', 'Chỉ tiêu', 'Năm', 'Giá trị'], ['ml-06', 'population', 2026, { formula: 'B2*2', result: 900 }]]);
    const bad = await report(editor, withFormula, { format: 'XLSX', dryRun: false });
    expect(bad.applied).toBe(false);
    expect(bad.problems.map((p: any) => [p.code, p.row, p.column])).toEqual([['FORMULA_CELL', 2, 'Giá trị']]);
    expect(await observation('population', 'ml-06', '2026')).toBeNull();
  });

  it('is all-or-nothing: when the last write fails inside the transaction, the earlier ones are undone', async () => {
    const file = ['Mã bản,Chỉ tiêu,Năm,Giá trị', 'ml-01,population,2031,900', 'ml-02,population,2031,800', 'ml-06,population,2031,700'].join('\n');
    expect(await report(editor, file)).toMatchObject({ problems: [], rowsValid: 3 });
    // A trigger makes the database refuse the third row, as a full disk or a crash would, after the checks passed.
    if (onPostgres) {
      await storedRows(server.dataDir, `CREATE FUNCTION fail_import() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$`);
      await storedRows(server.dataDir, `CREATE TRIGGER fail_import BEFORE INSERT ON observations FOR EACH ROW
        WHEN (NEW.unit_id = 'ml-06' AND NEW.period = '2031') EXECUTE FUNCTION fail_import()`);
    } else {
      await storedRows(server.dataDir, `CREATE TRIGGER fail_import BEFORE INSERT ON observations WHEN NEW.unit_id = 'ml-06' AND NEW.period = '2031'
        BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    }
    try {
      const before = await historyLength('ml-01');
      const failed = await importObs(editor, file, { dryRun: false });
      expect(failed.errors![0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(failed.errors![0].message).toMatch(/nothing was changed/);
      expect(await observation('population', 'ml-01', '2031')).toBeNull();
      expect(await observation('population', 'ml-02', '2031')).toBeNull();
      expect(await historyLength('ml-01')).toBe(before);
    } finally {
      await storedRows(server.dataDir, onPostgres ? 'DROP TRIGGER fail_import ON observations' : 'DROP TRIGGER fail_import');
    }
    expect(await report(editor, file, { dryRun: false })).toMatchObject({ applied: true });
    expect(await observation('population', 'ml-06', '2031')).toMatchObject({ value: 700 });
  });

  it('an apply naming its dry run\'s data version is refused (CONFLICT, rows and bản named) when a colleague changed a row since', async () => {
    const SET = 'mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }';
    const file = ['Mã bản,Chỉ tiêu,Năm,Giá trị', 'md-04,population,2032,410', 'md-05,population,2032,520', 'md-06,population,2032,630'].join('\n');
    // The colleague had entered md-06 already, with the value the file has: the dry run lists two changes.
    expect((await colleague.gql(SET, { i: { unitId: 'md-06', indicator: 'population', period: '2032', value: 630, sourceNote: 'Số liệu bản 2026', expectedVersion: 0 } })).body.errors).toBeUndefined();
    const src = await observation('population', 'md-06', '2032');
    expect(src.value).toBe(630);
    const dry = await report(editor, file);
    expect(dry.changes.map((c: any) => c.unitId)).toEqual(['md-04', 'md-05']);
    expect(dry.dataVersion).toBeGreaterThan(1);

    // Between the dry run and the apply the colleague corrects md-05 and changes md-06 (a row the dry run found identical).
    expect((await colleague.gql(SET, { i: { unitId: 'md-05', indicator: 'population', period: '2032', value: 525, sourceNote: 'Trưởng bản báo lại', expectedVersion: 0 } })).body.errors).toBeUndefined();
    const md06 = (await colleague.gql(`{ observations(unitId: "md-06", indicator: "population") { period version } }`)).body.data.observations.find((o: any) => o.period === '2032');
    expect((await colleague.gql(SET, { i: { unitId: 'md-06', indicator: 'population', period: '2032', value: 640, sourceNote: 'Trưởng bản báo lại', expectedVersion: md06.version } })).body.errors).toBeUndefined();
    const before = await Promise.all(['md-04', 'md-05', 'md-06'].map(historyLength));

    const stale = await importObs(editor, file, { dryRun: false, expectedDataVersion: dry.dataVersion });
    expect(stale.data).toBeNull();
    const err = stale.errors![0];
    expect(err.extensions).toMatchObject({ code: 'CONFLICT', expectedDataVersion: dry.dataVersion });
    expect(err.extensions.currentDataVersion).toBe(dry.dataVersion + 2);
    expect(err.extensions.conflicts.map((c: any) => [c.row, c.unitId, c.field, c.changedBy])).toEqual([
      [3, 'md-05', 'population@2032', 'colleague'], [4, 'md-06', 'population@2032', 'colleague']]);
    expect(err.message).toMatch(/^Dòng 3 \([^)]+, population@2032, sửa bởi colleague\); Dòng 4 .* \/ Row 3 \([^)]+, population@2032, changed by colleague\); Row 4 .*changed since the dry run/);
    // Nothing written: not even md-04, which nobody touched.
    expect(await observation('population', 'md-04', '2032')).toBeNull();
    expect(await observation('population', 'md-05', '2032')).toMatchObject({ value: 525 });
    expect(await observation('population', 'md-06', '2032')).toMatchObject({ value: 640 });
    expect(await Promise.all(['md-04', 'md-05', 'md-06'].map(historyLength))).toEqual(before);

    // A new dry run shows the colleague's values; an edit elsewhere before the apply does not stop it.
    const again = await report(editor, file);
    expect(again.dataVersion).toBe(dry.dataVersion + 2);
    expect(again.changes.map((c: any) => [c.unitId, c.oldValue?.value ?? null, c.newValue.value])).toEqual([['md-04', null, 410], ['md-05', 525, 520], ['md-06', 640, 630]]);
    expect((await colleague.gql(SET, { i: { unitId: 'ml-06', indicator: 'population', period: '2032', value: 700, sourceNote: 'Sổ hộ', expectedVersion: 0 } })).body.errors).toBeUndefined();
    const applied = await report(editor, file, { dryRun: false, expectedDataVersion: again.dataVersion });
    expect(applied).toMatchObject({ applied: true, problems: [], dataVersion: again.dataVersion + 1 });
    expect(await observation('population', 'md-05', '2032')).toMatchObject({ value: 520 });

    // A version the data never had (after a restore from an older backup, say) is refused too.
    const future = await importObs(editor, file, { dryRun: false, expectedDataVersion: applied.dataVersion + 1000 });
    expect(future.errors![0].extensions).toMatchObject({ code: 'CONFLICT', conflicts: [] });
    expect(future.errors![0].message).toMatch(/run the dry run again/);
  });

  it('reads back the observations export (CSV and XLSX) with zero changes', async () => {
    for (const [path, format] of [['export/observations.csv', 'CSV'], ['export/observations.xlsx', 'XLSX']] as const) {
      const res = await fetch(new URL(path, server.url), { headers: { cookie: editor.cookie! } });
      expect(res.status).toBe(200);
      const file = Buffer.from(await res.arrayBuffer());
      const r = await report(editor, file, { format });
      expect(r.problems, path).toEqual([]);
      expect(r.changes, path).toEqual([]);
      expect(r.rowsRead).toBeGreaterThan(200);
      expect(r.rowsValid).toBe(r.rowsRead);
    }
  });
});

describe('importVillageGeometry: the villages export read back', () => {
  it('changes nothing: schematic cells given back as they are are not turned into surveyed boundaries', async () => {
    const res = await fetch(new URL('export/villages.geojson', server.url), { headers: { cookie: editor.cookie! } });
    expect(res.status).toBe(200);
    const geojson = await res.json();
    expect(geojson.features).toHaveLength(23);
    const state = async () => (await editor.gql(`{ villages { id boundaryQuality version geometry } }`)).body.data.villages;
    const before = await state();
    expect(before.some((v: any) => v.boundaryQuality === 'SCHEMATIC')).toBe(true);
    const body = (await editor.gql(IMPORT_GEO, { input: { geojson, dryRun: false, sourceNote: 'Tệp xuất của cổng' } })).body;
    expect(body.errors).toBeUndefined();
    const r = body.data.importVillageGeometry;
    expect(r.problems).toEqual([]);
    expect(r.changes).toEqual([]);
    expect(r.rowsValid).toBe(23);
    expect(await state()).toEqual(before);
  });
});

describe('importVillageGeometry', () => {
  let villages: any[];
  const v = (id: string) => villages.find((x) => x.id === id);
  const point = (id: string, coordinates: unknown, props: Record<string, unknown> = {}) =>
    ({ type: 'Feature', properties: { id, ...props }, geometry: { type: 'Point', coordinates } });
  const square = ([x, y]: number[], h = 0.001) => ({ type: 'Polygon', coordinates: [[[x - h, y - h], [x + h, y - h], [x + h, y + h], [x - h, y + h], [x - h, y - h]]] });
  const importGeo = async (c: Client, geojson: unknown, dryRun = true) =>
    (await c.gql(IMPORT_GEO, { input: { geojson, dryRun, sourceNote: 'Khảo sát GPS 2026' } })).body;

  beforeAll(async () => {
    villages = (await editor.gql(`{ villages { id version centroid centreKnown boundaryQuality geometry } }`)).body.data.villages;
  });

  it('refuses anonymous visitors and viewers', async () => {
    const fc = { type: 'FeatureCollection', features: [] };
    expect((await importGeo(anon, fc)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await importGeo(viewer, fc)).errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('reports swapped, outside, NaN and Infinity positions, unknown bản and a self-intersecting boundary, and writes nothing', async () => {
    const [x, y] = v('ml-02').centroid;
    const bow = { type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y + 0.01], [x + 0.01, y], [x, y + 0.01], [x, y]]] };
    const fc = { type: 'FeatureCollection', features: [
      point('ml-05', [v('ml-05').centroid[1], v('ml-05').centroid[0]]),
      point('ml-04', [105.5, 21.0]),
      point('ml-03', [NaN, y]),
      { type: 'Feature', properties: { ma_ban: 'bản Không Tên' }, geometry: { type: 'Point', coordinates: [x, y] } },
      { type: 'Feature', properties: { name: 'Chiềng' }, geometry: bow },
    ] };
    const before = await Promise.all(['ml-02', 'ml-03', 'ml-04', 'ml-05'].map(historyLength));
    const body = await importGeo(editor, fc, false);
    expect(body.errors).toBeUndefined();
    const r = body.data.importVillageGeometry;
    expect(r).toMatchObject({ applied: false, rowsRead: 5, rowsValid: 0, changes: [] });
    expect(r.problems.map((p: any) => [p.code, p.row, p.column, p.villageId])).toEqual([
      ['SWAPPED_LAT_LON', 1, 'geometry', 'ml-05'],
      ['OUTSIDE_COMMUNE', 2, 'geometry', 'ml-04'],
      ['INVALID_GEOMETRY', 3, 'geometry', 'ml-03'],
      ['UNKNOWN_VILLAGE', 4, 'properties.ma_ban', null],
      ['SELF_INTERSECTION', 5, 'geometry', 'ml-02'],
    ]);
    expect(r.problems[0].message).toMatch(/^Đối tượng 1, mục "geometry", Bản Nguồn: .* \/ Feature 1, member "geometry", Bản Nguồn: .*looks swapped/);
    expect(r.problems[2].message).toMatch(/NaN, Infinity or missing/);
    expect(await Promise.all(['ml-02', 'ml-03', 'ml-04', 'ml-05'].map(historyLength))).toEqual(before);

    // Infinity can only arrive in GeoJSON text (1e999); the import takes the file's text as well.
    const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"ml-03"},"geometry":{"type":"Point","coordinates":[1e999, ${y}]}}]}`;
    const inf = (await importGeo(editor, text, false)).data.importVillageGeometry;
    expect(inf.problems.map((p: any) => p.code)).toEqual(['INVALID_GEOMETRY']);
    expect(inf.applied).toBe(false);
  });

  it('applies valid centres (one recomputation: each cell contains its new centre) and a surveyed boundary', async () => {
    const targets: Record<string, [number, number]> = {};
    for (const id of ['md-02', 'md-03', 'mb-07']) {
      const [x, y] = v(id).centroid;
      targets[id] = [x + 0.002, y + 0.001];
    }
    const fc = { type: 'FeatureCollection', features: [
      point('md-02', targets['md-02']),
      { type: 'Feature', properties: { ma_ban: 'MD-03' }, geometry: { type: 'Point', coordinates: targets['md-03'] } },
      point('mb-07', targets['mb-07'], { nguon: 'GPS trưởng bản' }),
      { type: 'Feature', properties: { id: 'md-06' }, geometry: square(v('md-06').centroid) },
    ] };
    const dry = (await importGeo(editor, fc)).data.importVillageGeometry;
    expect(dry).toMatchObject({ applied: false, rowsValid: 4, problems: [] });
    expect(dry.changes.map((c: any) => [c.row, c.unitId, c.field])).toEqual([[1, 'md-02', 'centre'], [2, 'md-03', 'centre'], [3, 'mb-07', 'centre'], [4, 'md-06', 'boundary']]);
    expect((await editor.gql(`{ villages { id centreKnown } }`)).body.data.villages.filter((x: any) => x.centreKnown)).toEqual([]);

    const body = await importGeo(editor, fc, false);
    expect(body.errors).toBeUndefined();
    expect(body.data.importVillageGeometry).toMatchObject({ applied: true, problems: [] });
    const after = (await editor.gql(`{ villages { id centroid centreKnown boundaryQuality geometry } }`)).body.data.villages;
    for (const [id, target] of Object.entries(targets)) {
      const moved = after.find((x: any) => x.id === id);
      expect(moved).toMatchObject({ centreKnown: true, centroid: target });
      expect(booleanPointInPolygon(target, moved.geometry), id).toBe(true);
      expect(moved.geometry).not.toEqual(v(id).geometry);
    }
    expect(after.find((x: any) => x.id === 'md-06').boundaryQuality).toBe('SURVEYED');
    expect(after.find((x: any) => x.id === 'md-06').geometry.coordinates).toEqual(square(v('md-06').centroid).coordinates);
    const h = (await editor.gql(`{ history(unitId: "mb-07") { field why newValue } }`)).body.data.history;
    expect(h).toEqual([{ field: 'centre', why: 'Nhập tệp / import: Khảo sát GPS 2026', newValue: { centre: targets['mb-07'], centreSource: { doc: 'officer-entry', ref: 'GPS trưởng bản' } } }]);

    const again = (await importGeo(editor, fc)).data.importVillageGeometry;
    expect(again).toMatchObject({ changes: [], problems: [] });
  });

  it('an apply naming its dry run\'s data version is refused when a colleague redrew a bản of the file since; a renaming does not stop it', async () => {
    const now = (await editor.gql(`{ villages { id version centroid boundaryQuality } }`)).body.data.villages;
    const at = (id: string) => now.find((x: any) => x.id === id);
    const fc = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { id: 'ml-06' }, geometry: square(at('ml-06').centroid) },
      { type: 'Feature', properties: { id: 'mb-08' }, geometry: square(at('mb-08').centroid) },
    ] };
    const send = async (dryRun: boolean, expectedDataVersion?: number) => (await editor.gql(IMPORT_GEO, { input: { geojson: fc, dryRun, sourceNote: 'Khảo sát GPS 2026', expectedDataVersion } })).body;
    const dry = (await send(true)).data.importVillageGeometry;
    expect(dry.changes.map((c: any) => [c.row, c.unitId, c.field])).toEqual([[1, 'ml-06', 'boundary'], [2, 'mb-08', 'boundary']]);

    const theirs = square(at('mb-08').centroid, 0.0015);
    const redraw = await colleague.gql(`mutation ($i: BoundaryEdit!) { replaceBoundary(input: $i) { version } }`,
      { i: { unitId: 'mb-08', geometry: theirs, sourceNote: 'Đo lại ranh giới', expectedVersion: at('mb-08').version } });
    expect(redraw.body.errors).toBeUndefined();
    const before = await Promise.all(['ml-06', 'mb-08'].map(historyLength));
    const stale = await send(false, dry.dataVersion);
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', expectedDataVersion: dry.dataVersion, currentDataVersion: dry.dataVersion + 1 });
    expect(stale.errors![0].extensions.conflicts.map((c: any) => [c.row, c.unitId, c.field, c.changedBy])).toEqual([[2, 'mb-08', 'boundary', 'colleague']]);
    expect(stale.errors![0].message).toMatch(/^Đối tượng 2 .* \/ Feature 2 \([^)]+, boundary, changed by colleague\) changed since the dry run/);
    const after = (await editor.gql(`{ villages { id boundaryQuality geometry } }`)).body.data.villages;
    expect(after.find((x: any) => x.id === 'ml-06').boundaryQuality).toBe(at('ml-06').boundaryQuality);
    expect(after.find((x: any) => x.id === 'mb-08').geometry.coordinates).toEqual(theirs.coordinates);
    expect(await Promise.all(['ml-06', 'mb-08'].map(historyLength))).toEqual(before);

    // Checked again, then the colleague names ml-06: a name is not something the file overwrites.
    const dry2 = (await send(true)).data.importVillageGeometry;
    const named = await colleague.gql(`mutation { nameVillage(input: { villageId: "ml-06", name: "Thử Nhập", sourceNote: "Danh sách bản", expectedVersion: ${at('ml-06').version} }) { version } }`);
    expect(named.body.errors).toBeUndefined();
    const ok = await send(false, dry2.dataVersion);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.importVillageGeometry).toMatchObject({ applied: true, problems: [] });
    const done = (await editor.gql(`{ villages { id boundaryQuality geometry } }`)).body.data.villages;
    expect(done.find((x: any) => x.id === 'mb-08').geometry.coordinates).toEqual(fc.features[1].geometry.coordinates);
  });
});
