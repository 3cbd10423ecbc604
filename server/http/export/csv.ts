// CSV for spreadsheets: UTF-8 with a BOM (so Excel reads Vietnamese), commas, RFC 4180 quoting and CRLF,
// decimal points (not commas), booleans as true/false, formula-looking text neutralised.
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from './neutralise-formula.ts';
import type { Table } from './table.ts';

/** The table as CSV text, starting with the byte order mark. */
export function toCsv(table: Table): string {
  return stringify([table.headers, ...table.rows].map((row) => row.map(neutraliseFormula)), {
    bom: true,
    delimiter: ',',
    record_delimiter: '\r\n',
    cast: { boolean: (b) => (b ? 'true' : 'false'), number: (n) => String(n) },
  });
}
