// How big a zip (an XLSX workbook) becomes once inflated, found before any XML is read: a 1 MB file may
// hold 1 GB of XML (a "zip bomb"), and the spreadsheet reader would spool it to disk and parse all of it.
import { inflateRawSync } from 'node:zlib';

export type ZipSize = { ok: true; inflatedBytes: number } | { ok: false; reason: 'not-zip' | 'too-many-entries' | 'too-large'; inflatedBytes: number };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** The end-of-central-directory record: the last 22 bytes, or earlier when the zip has a comment. */
function endOfDirectory(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_DIRECTORY) return i;
  }
  return -1;
}

/**
 * Inflate every entry, counting, and stop as soon as the total passes maxInflated: the declared sizes
 * are checked first (cheap), then the real ones (a zip may lie about them). Each entry is inflated with
 * a cap of what is left, so at most maxInflated bytes are ever produced.
 */
export function zipInflatedSize(zip: Buffer, maxInflated: number, maxEntries: number): ZipSize {
  const fail = (reason: 'not-zip' | 'too-many-entries' | 'too-large', inflatedBytes = 0): ZipSize => ({ ok: false, reason, inflatedBytes });
  if (zip.length < 22) return fail('not-zip');
  const end = endOfDirectory(zip);
  if (end < 0) return fail('not-zip');
  const count = zip.readUInt16LE(end + 10);
  const directory = zip.readUInt32LE(end + 16);
  if (count > maxEntries) return fail('too-many-entries');
  const entries: Array<{ method: number; compressed: number; declared: number; local: number }> = [];
  let at = directory;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_ENTRY) return fail('not-zip');
    entries.push({ method: zip.readUInt16LE(at + 10), compressed: zip.readUInt32LE(at + 20), declared: zip.readUInt32LE(at + 24), local: zip.readUInt32LE(at + 42) });
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  const declared = entries.reduce((s, e) => s + e.declared, 0);
  if (declared > maxInflated) return fail('too-large', declared);
  let total = 0;
  for (const e of entries) {
    if (e.local + 30 > zip.length || zip.readUInt32LE(e.local) !== LOCAL_HEADER) return fail('not-zip');
    const start = e.local + 30 + zip.readUInt16LE(e.local + 26) + zip.readUInt16LE(e.local + 28);
    if (start + e.compressed > zip.length) return fail('not-zip');
    const data = zip.subarray(start, start + e.compressed);
    if (e.method === 0) total += data.length;
    else if (e.method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, maxInflated - total + 1) }).length;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return fail('too-large', maxInflated + 1);
        return fail('not-zip', total);
      }
    } else return fail('not-zip', total);
    if (total > maxInflated) return fail('too-large', total);
  }
  return { ok: true, inflatedBytes: total };
}
