// exceljs 4.4's streaming reader turns each inflated chunk of a sheet's XML into text on its own, so a Vietnamese letter
// whose UTF-8 bytes fall across two chunks is read as "��" (exceljs issues #2063, #2084): "Báo cáo" came back as
// "Báo c��o" from a re-imported export. Its worksheet and shared-string parts are decoded across chunks here instead.
import { StringDecoder } from 'node:string_decoder';
import type ExcelJS from 'exceljs';

type Chunks = AsyncIterable<Buffer | string>;

/** The chunks as text, a character split between two chunks kept whole. */
async function* decodedAcrossChunks(chunks: Chunks): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

interface ReaderInternals {
  _parseWorksheet(iterator: Chunks, sheetNo: number): unknown;
  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
}

const fixed = new WeakSet<object>();

/** Make this exceljs's WorkbookReader decode its parts across chunks (once per loaded module). */
export function decodeXlsxAcrossChunks(Excel: typeof ExcelJS): void {
  const proto = Excel.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;
  if (fixed.has(proto)) return;
  fixed.add(proto);
  const parseWorksheet = proto._parseWorksheet;
  const parseSharedStrings = proto._parseSharedStrings;
  proto._parseWorksheet = function (this: ReaderInternals, iterator, sheetNo) {
    return parseWorksheet.call(this, decodedAcrossChunks(iterator), sheetNo);
  };
  proto._parseSharedStrings = function (this: ReaderInternals, entry) {
    entry.setEncoding('utf8'); // the stream's own decoder keeps split characters whole
    return parseSharedStrings.call(this, entry);
  };
}
