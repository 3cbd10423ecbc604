// Import limits enforced while reading (issue #10, item 3): an XLSX workbook is read as a stream, and a zip
// bomb, too many rows or too many cells are refused with a coded problem naming the limit, before the whole
// file is read; uploads are read off the request thread, so the portal answers while a big file is parsed.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { IMPORT_LIMITS, readXlsx } from '../server/imports/read-table.ts';
import { zipInflatedSize } from '../server/imports/zip-inflated-size.ts';
import { bombPart, part, streamPart, SHEET_END, SHEET_START, sheetRow, workbookParts, zip } from './helpers/zip-file.ts';
import { gql, startServer, type RunningServer } from './helpers/start-server.ts';
import { createUserWithCli, signedIn, type Client } from './helpers/session.ts';

const MB = 1024 * 1024;
const IMPORT = 'mutation ($i: ObservationImportInput!) { importObservations(input: $i) { applied rowsRead problems { code message } } }';

/** A workbook of `rows` data rows (unit, indicator, period, value) and a header, as exceljs writes it. */
async function workbook(rows: number, extraColumns = 0): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Số liệu');
  ws.addRow(['unit', 'indicator', 'period', 'value', ...Array.from({ length: extraColumns }, (_, i) => `note ${i}`)]);
  for (let i = 0; i < rows; i++) ws.addRow(['ml-01', 'population', 2026 + i, i, ...Array.from({ length: extraColumns }, () => 'x')]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reading a workbook as a stream, within limits', () => {
  it('a zip bomb that inflates to 1 GB (and says so) is refused from its directory: TOO_LARGE naming the inflated-size limit', async () => {
    const bomb = zip([...workbookParts(), await bombPart('xl/worksheets/sheet1.xml', SHEET_START, ' ', 1024, SHEET_END)]);
    expect(bomb.length).toBeLessThan(1.5 * MB);
    expect(zipInflatedSize(bomb, IMPORT_LIMITS.inflatedBytes, IMPORT_LIMITS.zipEntries)).toMatchObject({ ok: false, reason: 'too-large' });
    const t = await readXlsx(bomb);
    expect(t.rows).toEqual([]);
    expect(t.problems.map((p) => p.code)).toEqual(['TOO_LARGE']);
    expect(t.problems[0].message).toContain(`${IMPORT_LIMITS.inflatedBytes / MB} MB (the inflated-size limit)`);
  });

  it('a zip bomb that lies about its size is stopped while inflating, at the limit', async () => {
    const liar = zip([...workbookParts(), await bombPart('xl/worksheets/sheet1.xml', SHEET_START, ' ', 256, SHEET_END, { declared: 1000 })]);
    const size = zipInflatedSize(liar, IMPORT_LIMITS.inflatedBytes, IMPORT_LIMITS.zipEntries);
    expect(size).toMatchObject({ ok: false, reason: 'too-large' });
    expect(size.inflatedBytes).toBeGreaterThan(IMPORT_LIMITS.inflatedBytes);
    expect((await readXlsx(liar)).problems.map((p) => p.code)).toEqual(['TOO_LARGE']);
  });

  it('the same parts, honestly small, are read: the check refuses size, not the way the zip is built', async () => {
    const rows = [sheetRow(1, ['unit', 'indicator', 'period', 'value']), sheetRow(2, ['ml-01', 'population', '2026', '812'])].join('');
    const small = zip([...workbookParts(), part('xl/worksheets/sheet1.xml', SHEET_START + rows + SHEET_END)]);
    expect(zipInflatedSize(small, IMPORT_LIMITS.inflatedBytes, IMPORT_LIMITS.zipEntries)).toMatchObject({ ok: true });
    const t = await readXlsx(small);
    expect(t.problems).toEqual([]);
    expect(t.headers).toEqual(['unit', 'indicator', 'period', 'value']);
    expect(t.rows.map((r) => r.cells)).toEqual([['ml-01', 'population', '2026', '812']]);
  });

  it('600,000 rows are refused at the row limit (TOO_MANY_ROWS), without reading them all', async () => {
    // 600k rows in a zip of a few MB (under the inflated-size limit), refused as soon as row 5,002 is read.
    function* sheet() {
      yield SHEET_START + sheetRow(1, ['unit', 'indicator', 'period', 'value']);
      for (let r = 2; r <= 600_001; r++) yield `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
      yield SHEET_END;
    }
    const manyRows = zip([...workbookParts(), await streamPart('xl/worksheets/sheet1.xml', sheet())]);
    expect(zipInflatedSize(manyRows, IMPORT_LIMITS.inflatedBytes, IMPORT_LIMITS.zipEntries)).toMatchObject({ ok: true });
    const t = await readXlsx(manyRows);
    expect(t.problems.map((p) => p.code)).toEqual(['TOO_MANY_ROWS']);
    expect(t.problems[0].message).toContain(`more than ${IMPORT_LIMITS.rows} data rows (the row limit)`);
  });

  it('a sheet with cells far to the right is refused at the cell limit (TOO_MANY_CELLS)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Số liệu');
    for (let r = 1; r <= 200; r++) ws.getRow(r).getCell(1000).value = r;
    const t = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(t.problems.map((p) => p.code)).toEqual(['TOO_MANY_CELLS']);
    expect(t.problems[0].message).toContain(`more than ${IMPORT_LIMITS.cells} cells (the cell limit`);
  });
});

describe('imports over HTTP, read off the request thread', () => {
  let server: RunningServer;
  let editor: Client;
  beforeAll(async () => {
    server = await startServer();
    createUserWithCli(server.dataDir, 'editor', 'editor-pass-123', 'editor');
    editor = await signedIn(server, 'editor', 'editor-pass-123');
  });
  afterAll(async () => { await server?.stop(); });

  it('a workbook over the row limit gets TOO_MANY_ROWS and nothing is written', async () => {
    const file = await workbook(IMPORT_LIMITS.rows + 10);
    const { body } = await editor.gql(IMPORT, { i: { fileBase64: file.toString('base64'), format: 'XLSX', dryRun: false, sourceNote: 'thử giới hạn' } });
    expect(body.errors).toBeUndefined();
    expect(body.data.importObservations).toMatchObject({ applied: false, rowsRead: 0 });
    expect(body.data.importObservations.problems.map((p: { code: string }) => p.code)).toEqual(['TOO_MANY_ROWS']);
    const { body: after } = await gql(server, '{ observations(indicator: "population", unitId: "ml-01") { period } }');
    expect(after.data.observations.map((o: { period: string }) => o.period)).not.toContain('2027');
  });

  it('a trivial query is answered while a large workbook is still being read', async () => {
    // 5,000 rows of 20 columns (the cell limit): seconds of parsing, all in the reading worker.
    const file = await workbook(IMPORT_LIMITS.rows - 1, 16);
    const order: string[] = [];
    const importing = editor.gql(IMPORT, { i: { fileBase64: file.toString('base64'), format: 'XLSX', dryRun: true, sourceNote: 'thử đọc song song' } })
      .then((r) => { order.push('import'); return r; });
    await new Promise((r) => setTimeout(r, 100)); // let the upload reach the server first
    const trivial = await gql(server, '{ commune { name } }');
    order.push('trivial');
    expect(trivial.body.data.commune.name).toBe('Xã Mường Bang');
    const imported = await importing;
    expect(imported.body.data.importObservations.rowsRead).toBe(IMPORT_LIMITS.rows - 1);
    expect(order).toEqual(['trivial', 'import']);
  });
});
