// A CSV or XLSX file as a table of cleaned cells: text in NFC without zero-width characters, numbers
// and booleans as the spreadsheet typed them, formulas never evaluated. Rows are numbered as a
// spreadsheet shows them (the header is row 1 when it is the first line).
// exceljs (about 10 MB of memory) is loaded by the first XLSX file, not by every process that imports this module.
import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import { columnLetter, decodeCsvBytes, detectDelimiter } from './decode-text.ts';
import { problem, type ImportProblem } from './import-report.ts';
import { decodeXlsxAcrossChunks } from './xlsx-utf8-chunks.ts';
import { zipInflatedSize } from './zip-inflated-size.ts';

/** Caps on one import: decoded bytes, data rows (or GeoJSON features), and what an XLSX workbook may hold. */
export const IMPORT_LIMITS = {
  bytes: 5 * 1024 * 1024,
  rows: 5000,
  /** Cells of an XLSX sheet, each row counted to its last cell: 5,000 rows of 20 columns. */
  cells: 100_000,
  /** An XLSX workbook once inflated (its XML): far above 5,000 honest rows, far below a zip bomb. */
  inflatedBytes: 64 * 1024 * 1024,
  /** Parts inside an XLSX workbook (Excel writes about a dozen). */
  zipEntries: 1000,
} as const;

export type Cell = string | number | boolean | null;

export interface TableRow {
  row: number;
  cells: Cell[];
  /** Columns of this row already reported (a formula, a broken cell): the row is invalid, nothing more is said of them. */
  blocked: Set<number>;
}

export interface Table {
  headers: string[];
  /** Row number of the header (the first non-empty row). */
  headerRow: number;
  rows: TableRow[];
  problems: ImportProblem[];
}

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const FORMULA_START = /^[=+\-@]/;
const PLAIN_NUMBER = /^[+-]?[\d\s.,\u00a0]*\d[\d\s.,\u00a0]*%?$/;
const ONLY_DASHES = /^[-\u2013\u2014]+$/;

/** Text as stored: NFC, zero-width characters dropped, non-breaking spaces as spaces, trimmed. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(ZERO_WIDTH, '').replace(/[\u00a0\u202f]/g, ' ').trim();
}

type CleanCell = { ok: true; value: Cell } | { ok: false; formula: string };

/**
 * A text cell: empty and dash-only cells are empty; text starting with = + - @ that is not a plain
 * number is a formula (refused); an apostrophe before such text (how exports neutralise it) is dropped.
 */
export function cleanTextCell(raw: string): CleanCell {
  const text = cleanText(raw);
  if (text === '' || ONLY_DASHES.test(text)) return { ok: true, value: null };
  if (/^'[=+\-@]/.test(text)) return { ok: true, value: text.slice(1) };
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) return { ok: false, formula: text };
  return { ok: true, value: text };
}

const formulaProblem = (row: number, column: string, formula: string) => problem('FORMULA_CELL', { row, column },
  `ô chứa công thức hoặc văn bản bắt đầu bằng = + - @ ("${formula.slice(0, 40)}"); hệ thống không tính công thức: hãy nhập giá trị`,
  `the cell holds a formula or text starting with = + - @ ("${formula.slice(0, 40)}"); formulas are never evaluated: enter the value itself`);

/** Header row, data rows and the problems of reading, from raw rows (row number + raw cells). */
function tabulate(raw: Array<{ row: number; cells: CleanCell[] }>): Table {
  const problems: ImportProblem[] = [];
  const nonEmpty = raw.filter((r) => r.cells.some((c) => !c.ok || (c.value !== null && c.value !== '')));
  if (nonEmpty.length === 0) {
    return { headers: [], headerRow: 1, rows: [], problems: [...problems, problem('BAD_FILE', {}, 'Tệp không có dữ liệu', 'The file has no data')] };
  }
  const [head, ...body] = nonEmpty;
  if (body.length > IMPORT_LIMITS.rows) {
    return { headers: [], headerRow: 1, rows: [], problems: [...problems, problem('TOO_MANY_ROWS', {},
      `tệp có ${body.length} dòng dữ liệu, tối đa ${IMPORT_LIMITS.rows}: hãy chia thành nhiều tệp`,
      `the file has ${body.length} data rows, at most ${IMPORT_LIMITS.rows}: split it into several files`)] };
  }
  const headers = head.cells.map((c, i) => {
    if (!c.ok) { problems.push(formulaProblem(head.row, columnLetter(i), c.formula)); return ''; }
    return c.value === null ? '' : cleanText(String(c.value));
  });
  while (headers.length && headers[headers.length - 1] === '') headers.pop();
  const rows = body.map((r): TableRow => {
    const blocked = new Set<number>();
    const cells = r.cells.map((c, i) => {
      const column = headers[i] || columnLetter(i);
      if (!c.ok) { problems.push(formulaProblem(r.row, column, c.formula)); blocked.add(i); return null; }
      if (i >= headers.length && c.value !== null) {
        blocked.add(i);
        problems.push(problem('UNKNOWN_COLUMN', { row: r.row, column: columnLetter(i) },
          `ô ngoài các cột có tiêu đề ("${String(c.value).slice(0, 40)}"); nếu là số thập phân có dấu phẩy, hãy đặt trong ngoặc kép hoặc dùng dấu ; để phân cách cột`,
          `a cell beyond the headed columns ("${String(c.value).slice(0, 40)}"); if it is a decimal comma, quote the number or separate columns with ;`));
      }
      return c.value;
    });
    return { row: r.row, cells, blocked };
  });
  return { headers, headerRow: head.row, rows, problems };
}

/** A line end as spreadsheets write them: CRLF (Windows), LF, or CR alone (old Mac exports). */
const LINE_END = /\r\n|\n|\r/;

/** A CSV file (UTF-8 with or without BOM, or UTF-16 with BOM; delimiter , ; or tab, detected) as a table. */
export function readCsv(bytes: Uint8Array): Table {
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) return { headers: [], headerRow: 1, rows: [], problems: decoded.problems };
  const text = decoded.text.replace(/^\ufeff/, '');
  const delimiter = detectDelimiter(text.split(LINE_END, 1)[0] ?? '');
  let records: string[][];
  try {
    // Every line end is one, mixed or not: csv-parse alone would take the first line's for all (a CRLF header then
    // reads LF rows as one). CRLF first, so that it is not read as CR and then LF.
    records = parse(text, { delimiter, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? null;
    return { headers: [], headerRow: 1, rows: [], problems: [problem('BAD_FILE', { row: line }, `không đọc được tệp CSV (${(e as Error).message})`,
      `the CSV file cannot be read (${(e as Error).message})`)] };
  }
  return tabulate(records.map((cells, i) => ({ row: i + 1, cells: cells.map(cleanTextCell) })));
}

/** One XLSX cell: typed value, or a formula (never evaluated). */
function xlsxCell(cell: ExcelJS.Cell, types: typeof ExcelJS.ValueType): CleanCell {
  const c = cell.type === types.Merge ? cell.master : cell;
  const v = c.value as unknown;
  switch (c.type) {
    case types.Null: return { ok: true, value: null };
    case types.Number: return { ok: true, value: v as number };
    case types.Boolean: return { ok: true, value: v as boolean };
    case types.Date: return { ok: true, value: (v as Date).toISOString().slice(0, 10) };
    case types.Formula: return { ok: false, formula: `=${c.formula ?? (v as { sharedFormula?: string }).sharedFormula ?? ''}` };
    case types.Error: return { ok: false, formula: String((v as { error?: string }).error ?? '#ERROR') };
    case types.RichText: return cleanTextCell((v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join(''));
    case types.Hyperlink: return cleanTextCell(String((v as ExcelJS.CellHyperlinkValue).text ?? ''));
    default: return cleanTextCell(String(v ?? ''));
  }
}

/** Why a workbook is refused before or while it is read: the limit named, in Vietnamese and English. */
function refusedWorkbook(code: 'BAD_FILE' | 'TOO_LARGE' | 'TOO_MANY_ROWS' | 'TOO_MANY_CELLS', vi: string, en: string): Table {
  return { headers: [], headerRow: 1, rows: [], problems: [problem(code, {}, vi, en)] };
}

const MB = 1024 * 1024;

/**
 * The first worksheet of an XLSX workbook as a table, read as a stream: the inflated size is checked
 * before any XML is parsed, and the row and cell limits stop the reading as soon as they are passed,
 * so a huge or hostile workbook costs no more than the limits allow.
 */
export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    return refusedWorkbook('BAD_FILE', 'Tệp không phải bảng tính XLSX (có thể là CSV: hãy chọn định dạng CSV)', 'The file is not an XLSX workbook (perhaps CSV: choose the CSV format)');
  }
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = zipInflatedSize(zip, IMPORT_LIMITS.inflatedBytes, IMPORT_LIMITS.zipEntries);
  if (!size.ok && size.reason === 'too-large') {
    return refusedWorkbook('TOO_LARGE', `bảng tính khi giải nén vượt ${IMPORT_LIMITS.inflatedBytes / MB} MB (giới hạn dung lượng giải nén); hãy chia thành nhiều tệp`,
      `the workbook inflates to more than ${IMPORT_LIMITS.inflatedBytes / MB} MB (the inflated-size limit); split it into several files`);
  }
  if (!size.ok && size.reason === 'too-many-entries') {
    return refusedWorkbook('BAD_FILE', `bảng tính có hơn ${IMPORT_LIMITS.zipEntries} phần bên trong`, `the workbook holds more than ${IMPORT_LIMITS.zipEntries} parts`);
  }
  if (!size.ok) return refusedWorkbook('BAD_FILE', 'Không mở được tệp XLSX (tệp nén hỏng)', 'The XLSX file cannot be opened (a damaged zip)');

  const { default: Excel } = await import('exceljs');
  decodeXlsxAcrossChunks(Excel);
  const input = Readable.from([zip]);
  // Dates need the styles (a date is a number with a date format); hyperlinks are read as their text.
  const reader = new Excel.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const raw: Array<{ row: number; cells: CleanCell[] }> = [];
  let cells = 0;
  let sheets = 0;
  try {
    for await (const ws of reader) {
      sheets++;
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        if (!row.hasValues) continue;
        if (raw.length > IMPORT_LIMITS.rows) {
          return refusedWorkbook('TOO_MANY_ROWS', `trang tính có hơn ${IMPORT_LIMITS.rows} dòng dữ liệu (giới hạn số dòng): hãy chia thành nhiều tệp`,
            `the sheet has more than ${IMPORT_LIMITS.rows} data rows (the row limit): split it into several files`);
        }
        cells += row.cellCount;
        if (cells > IMPORT_LIMITS.cells) {
          return refusedWorkbook('TOO_MANY_CELLS', `trang tính có hơn ${IMPORT_LIMITS.cells} ô (giới hạn số ô, tính đến ô cuối của mỗi dòng): hãy bỏ các cột thừa hoặc chia tệp`,
            `the sheet has more than ${IMPORT_LIMITS.cells} cells (the cell limit, counting to each row's last cell): drop the extra columns or split the file`);
        }
        const values: CleanCell[] = [];
        for (let i = 1; i <= row.cellCount; i++) values.push(xlsxCell(row.getCell(i), Excel.ValueType));
        raw.push({ row: row.number, cells: values });
      }
      break; // the first worksheet only
    }
  } catch (e) {
    return refusedWorkbook('BAD_FILE', `Không mở được tệp XLSX (${(e as Error).message})`, `The XLSX file cannot be opened (${(e as Error).message})`);
  } finally {
    input.destroy();
  }
  if (sheets === 0) return refusedWorkbook('BAD_FILE', 'Bảng tính không có trang nào', 'The workbook has no sheet');
  return tabulate(raw);
}

export type Upload = { ok: true; bytes: Uint8Array } | { ok: false; problems: ImportProblem[] };

/** The bytes of a base64 upload (a data: URL prefix, as browsers' FileReader gives, is allowed), within the size cap. */
export function decodeUpload(base64: string): Upload {
  const body = base64.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  const fail = (code: 'BAD_FILE' | 'TOO_LARGE', vi: string, en: string): Upload => ({ ok: false, problems: [problem(code, {}, vi, en)] });
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(body)) return fail('BAD_FILE', 'Tệp không được mã hoá base64', 'The file is not base64-encoded');
  const size = Math.floor((body.length * 3) / 4) - (body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0);
  if (size > IMPORT_LIMITS.bytes) {
    return fail('TOO_LARGE', `tệp ${(size / 1048576).toFixed(1)} MB, tối đa ${IMPORT_LIMITS.bytes / 1048576} MB`,
      `the file is ${(size / 1048576).toFixed(1)} MB, at most ${IMPORT_LIMITS.bytes / 1048576} MB`);
  }
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length === 0) return fail('BAD_FILE', 'Tệp trống', 'The file is empty');
  return { ok: true, bytes };
}

/** A CSV or XLSX file as a table. */
export function readTable(bytes: Uint8Array, format: 'CSV' | 'XLSX'): Table | Promise<Table> {
  return format === 'XLSX' ? readXlsx(bytes) : readCsv(bytes);
}
