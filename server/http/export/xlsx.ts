// XLSX workbook: one sheet per table, bold frozen header row, formula-looking text neutralised. Written
// with exceljs's streaming writer: each row is committed as it is added, not held as a whole workbook.
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutraliseFormula } from './neutralise-formula.ts';
import type { Table } from './table.ts';

/** A workbook with one sheet per table, written to `out`. */
export async function writeXlsx(tables: Table[], out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Commune Atlas';
  for (const t of tables) {
    const ws = wb.addWorksheet(t.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.headers.map((h) => ({ width: Math.min(60, Math.max(12, h.length + 2)) }));
    const head = ws.addRow(t.headers.map(neutraliseFormula));
    head.font = { bold: true };
    head.commit();
    for (const row of t.rows) ws.addRow(row.map(neutraliseFormula)).commit();
    ws.commit();
  }
  await wb.commit();
}

/** A workbook with one sheet per table, as a buffer. */
export async function toXlsx(tables: Table[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await writeXlsx(tables, new Writable({ write(chunk: Buffer, _enc, done) { chunks.push(chunk); done(); } }));
  return Buffer.concat(chunks);
}
