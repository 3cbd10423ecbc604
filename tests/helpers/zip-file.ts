// Zip files built byte by byte for tests: XLSX workbooks whose parts we choose, including zip bombs
// (a part that inflates far beyond its size) and zips that lie about their inflated sizes.
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The deflated bytes. */
  deflated: Buffer;
  /** The inflated size written in the headers (a lie when `declared` differs from the truth). */
  declared: number;
  crc: number;
}

/** A part from its text or bytes. */
export function part(name: string, content: string | Buffer): ZipPart {
  const bytes = Buffer.from(content);
  return { name, deflated: deflateRawSync(bytes), declared: bytes.length, crc: crc32(bytes) };
}

/** A part of `megabytes` MB made of `unit` repeated (inside `before`…`after`), deflated as a stream so it is never held whole. */
export async function bombPart(name: string, before: string, unit: string, megabytes: number, after: string, opts: { declared?: number } = {}): Promise<ZipPart> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (d: Buffer) => out.push(d));
  const done = new Promise((r) => deflate.on('end', r));
  const chunk = Buffer.from(unit.repeat(Math.ceil(1024 * 1024 / unit.length)).slice(0, 1024 * 1024));
  let crc = crc32(before);
  deflate.write(before);
  for (let i = 0; i < megabytes; i++) {
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
    crc = crc32(chunk, crc);
  }
  deflate.end(after);
  crc = crc32(after, crc);
  await done;
  const size = Buffer.byteLength(before) + megabytes * chunk.length + Buffer.byteLength(after);
  return { name, deflated: Buffer.concat(out), declared: opts.declared ?? size, crc };
}

/** A part from text pieces given one by one (e.g. 600,000 generated rows), deflated as a stream. */
export async function streamPart(name: string, pieces: Iterable<string>): Promise<ZipPart> {
  const deflate = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  deflate.on('data', (d: Buffer) => out.push(d));
  const done = new Promise((r) => deflate.on('end', r));
  let crc = 0;
  let size = 0;
  let batch: string[] = [];
  let batchLength = 0;
  const flush = async () => {
    const b = Buffer.from(batch.join(''));
    batch = [];
    batchLength = 0;
    crc = crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  };
  for (const piece of pieces) {
    batch.push(piece);
    batchLength += piece.length;
    if (batchLength > 1024 * 1024) await flush();
  }
  await flush();
  deflate.end();
  await done;
  return { name, deflated: Buffer.concat(out), declared: size, crc };
}

/** The zip: local headers and data, then the central directory and its end record. */
export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14); local.writeUInt32LE(p.deflated.length, 18); local.writeUInt32LE(p.declared, 22); local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0); entry.writeUInt16LE(20, 4); entry.writeUInt16LE(20, 6); entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(p.crc >>> 0, 16); entry.writeUInt32LE(p.deflated.length, 20); entry.writeUInt32LE(p.declared, 24); entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, p.deflated);
    central.push(entry, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The parts every XLSX workbook needs around its one sheet (xl/worksheets/sheet1.xml, given by the caller). */
export function workbookParts(): ZipPart[] {
  const ns = 'http://schemas.openxmlformats.org';
  return [
    part('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
    part('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    part('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="Số liệu" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    part('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
  ];
}

export const SHEET_START = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_END = '</sheetData></worksheet>';

/** One sheet row of inline-string cells. */
export function sheetRow(n: number, cells: string[]): string {
  const column = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : column(Math.floor(i / 26) - 1) + column(i % 26));
  return `<row r="${n}">${cells.map((c, i) => `<c r="${column(i)}${n}" t="inlineStr"><is><t>${c}</t></is></c>`).join('')}</row>`;
}
