// The text of an uploaded CSV file. UTF-8 with or without a byte order mark, or UTF-16 with one (Excel's
// "Unicode text"); anything else, typically a Windows-1258 or -1252 file from an old Excel, is refused
// with the line, byte and column of each bad byte, rather than read as mojibake.
import { problem, type ImportProblem } from './import-report.ts';

export type DecodedText = { ok: true; text: string } | { ok: false; problems: ImportProblem[] };

const MAX_REPORTED_LINES = 10;

/** Offsets of bytes that break UTF-8 (one per bad sequence), at most `max`. */
export function invalidUtf8Offsets(b: Uint8Array, max = Infinity): number[] {
  const bad: number[] = [];
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < b.length && b[i] >= lo && b[i] <= hi;
  let i = 0;
  while (i < b.length && bad.length < max) {
    const c = b[i];
    let len = 0;
    if (c < 0x80) len = 1;
    else if (c >= 0xc2 && c <= 0xdf && cont(i + 1)) len = 2;
    else if (c >= 0xe0 && c <= 0xef && cont(i + 1, c === 0xe0 ? 0xa0 : 0x80, c === 0xed ? 0x9f : 0xbf) && cont(i + 2)) len = 3;
    else if (c >= 0xf0 && c <= 0xf4 && cont(i + 1, c === 0xf0 ? 0x90 : 0x80, c === 0xf4 ? 0x8f : 0xbf) && cont(i + 2) && cont(i + 3)) len = 4;
    if (len === 0) { bad.push(i); len = 1; }
    i += len;
  }
  return bad;
}

/** The delimiter of a CSV file: the commonest of , ; and tab in its first line, outside quotes. */
export function detectDelimiter(firstLine: string): string {
  const counts = new Map([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  const [best, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
  return n > 0 ? best : ',';
}

/** Index of the field a byte falls in, counting delimiters outside quotes from the start of its line. */
function fieldIndex(lineBytes: Uint8Array, delimiter: string): number {
  let quoted = false;
  let field = 0;
  for (const byte of lineBytes) {
    const ch = String.fromCharCode(byte);
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === delimiter) field++;
  }
  return field;
}

/** Column letter of a 0-based index: A, B, …, Z, AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The file's text, or BAD_ENCODING / BAD_FILE problems naming where it goes wrong. */
export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return { ok: false, problems: [problem('BAD_FILE', {}, 'Tệp này là bảng tính XLSX, không phải CSV: hãy chọn định dạng XLSX',
      'This file is an XLSX workbook, not CSV: choose the XLSX format')] };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const offset = bytes.length - body.length;
  if (body.includes(0)) {
    return { ok: false, problems: [problem('BAD_FILE', {}, 'Tệp có byte 0: không phải tệp văn bản CSV', 'The file contains NUL bytes: it is not a CSV text file')] };
  }
  const bad = invalidUtf8Offsets(body);
  if (bad.length === 0) return { ok: true, text: new TextDecoder('utf-8').decode(body) };

  const lineStarts = [0];
  body.forEach((b, i) => { if (b === 0x0a) lineStarts.push(i + 1); });
  const lineOf = (at: number) => {
    let lo = 0, hi = lineStarts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (lineStarts[mid] <= at) lo = mid; else hi = mid - 1; }
    return lo;
  };
  const firstLineEnd = lineStarts.length > 1 ? lineStarts[1] : body.length;
  const headerBytes = body.subarray(0, firstLineEnd);
  const delimiter = detectDelimiter(Buffer.from(headerBytes).toString('latin1'));
  const headerOk = invalidUtf8Offsets(headerBytes, 1).length === 0;
  const headers = headerOk ? new TextDecoder().decode(headerBytes).replace(/\r?\n$/, '').split(delimiter).map((h) => h.replace(/^"|"$/g, '').trim()) : [];
  const problems: ImportProblem[] = [];
  const lines = new Set<number>();
  for (const at of bad) {
    const line = lineOf(at);
    if (lines.has(line)) continue;
    lines.add(line);
    if (lines.size > MAX_REPORTED_LINES) break;
    const field = fieldIndex(body.subarray(lineStarts[line], at), delimiter);
    const column = headers[field] || columnLetter(field);
    const byte = at + offset + 1;
    const hex = body[at].toString(16).toUpperCase().padStart(2, '0');
    problems.push(problem('BAD_ENCODING', { row: line + 1, column },
      `byte thứ ${byte} (0x${hex}) không phải UTF-8; tệp có lẽ được lưu bằng bảng mã Windows-1258 hoặc Windows-1252. Trong Excel hãy chọn "Lưu thành" → "CSV UTF-8"`,
      `byte ${byte} (0x${hex}) is not UTF-8; the file was probably saved as Windows-1258 or Windows-1252. In Excel use "Save as" → "CSV UTF-8"`));
  }
  const moreLines = new Set(bad.map(lineOf)).size - problems.length;
  if (moreLines > 0) {
    problems.push(problem('BAD_ENCODING', {}, `và ${moreLines} dòng khác cũng có byte không phải UTF-8`, `and ${moreLines} more lines have non-UTF-8 bytes`));
  }
  return { ok: false, problems };
}
