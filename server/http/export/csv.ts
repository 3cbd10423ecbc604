// CSV for spreadsheets: UTF-8 with a BOM (so Excel reads Vietnamese), commas, RFC 4180 quoting and CRLF,
// decimal points (not commas), booleans as true/false, formula-looking text neutralised. Written row by
// row as a stream, so a large table is never held as one string.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { neutraliseFormula } from './neutralise-formula.ts';
import type { Cell, Table } from './table.ts';

function* records(table: Table): Generator<Cell[]> {
  yield table.headers;
  for (const row of table.rows) yield row.map(neutraliseFormula) as Cell[];
}

/**
 * Write the table as CSV to `out` and end it, honouring back-pressure; rejects (and stops reading rows) when
 * `out` is closed early, e.g. by a client that went away.
 */
export function writeCsv(table: Table, out: Writable): Promise<void> {
  return pipeline(
    Readable.from(records(table)),
    stringify({
      bom: true,
      delimiter: ',',
      record_delimiter: '\r\n',
      cast: { boolean: (b) => (b ? 'true' : 'false'), number: (n) => String(n) },
    }),
    out,
  );
}

/** The table as CSV text, starting with the byte order mark. */
export async function toCsv(table: Table): Promise<string> {
  const chunks: Buffer[] = [];
  await writeCsv(table, new Writable({ write(chunk: Buffer, _enc, done) { chunks.push(chunk); done(); } }));
  return Buffer.concat(chunks).toString('utf8');
}
