// XLSX workbook: one sheet per table, bold frozen header row, formula-looking text neutralised.
import ExcelJS from 'exceljs';
import { neutraliseFormula } from './neutralise-formula.ts';
import type { Table } from './table.ts';

/** A workbook with one sheet per table, as a buffer. */
export async function toXlsx(tables: Table[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Commune Atlas';
  for (const t of tables) {
    const ws = wb.addWorksheet(t.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(t.headers.map(neutraliseFormula)).font = { bold: true };
    for (const row of t.rows) ws.addRow(row.map(neutraliseFormula));
    t.headers.forEach((h, i) => { ws.getColumn(i + 1).width = Math.min(60, Math.max(12, h.length + 2)); });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
