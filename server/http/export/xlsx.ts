// XLSX workbook: one sheet per table, bold frozen header row, formula-looking text neutralised. Written
// with exceljs's streaming writer: each row is committed as it is added, not held as a whole workbook.
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { neutraliseFormula } from './neutralise-formula.ts';
import type { Table } from './table.ts';

/** Rows committed between two looks at the output: is it still open, does it need to drain? */
const ROWS_PER_CHECK = 200;

/** The output went away (a client that disconnected): the workbook is abandoned. */
export class OutputClosed extends Error {}

/**
 * A workbook with one sheet per table, written to `out` (ended when done). Waits whenever `out` asks to
 * drain, and stops with OutputClosed as soon as `out` is destroyed, so a departed client costs no more rows.
 */
export async function writeXlsx(tables: Table[], out: Writable): Promise<void> {
  // Loaded by the first workbook asked for, not with the portal: exceljs is about 10 MB of an idle portal's memory.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Commune Atlas';
  const keepPace = async () => {
    if (out.destroyed) throw new OutputClosed('the output was closed');
    if (out.writableNeedDrain) {
      await Promise.race([once(out, 'drain'), once(out, 'close')]);
      if (out.destroyed) throw new OutputClosed('the output was closed');
    }
  };
  for (const t of tables) {
    const ws = wb.addWorksheet(t.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.headers.map((h) => ({ width: Math.min(60, Math.max(12, h.length + 2)) }));
    const head = ws.addRow(t.headers.map(neutraliseFormula));
    head.font = { bold: true };
    head.commit();
    let n = 0;
    for (const row of t.rows) {
      ws.addRow(row.map(neutraliseFormula)).commit();
      if (++n % ROWS_PER_CHECK === 0) await keepPace();
    }
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
