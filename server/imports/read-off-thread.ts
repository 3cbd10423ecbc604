// Uploaded tables are read (and observation rows checked) in one long-lived worker thread: the portal keeps
// answering while a file is decoded, parsed and checked, and a file that needs too much memory or time ends
// the worker, not the server.
import { deserialize } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workers/start-worker.ts';
import { problem } from './import-report.ts';
import type { CheckedGeometry, GeometrySnapshot } from './check-geometry-features.ts';
import type { CheckedObservations, CheckedRow } from './check-observation-rows.ts';
import type { CatalogueData } from './import-catalogue.ts';
import type { Table } from './read-table.ts';
import type { CheckedInParts, SpareText, TableAnswer, TableJob } from './table-worker.ts';
import { timeSlices } from '../time-slices.ts';

/** What the worker sends back for a file (a failure to read it is a table holding the problem). */
type Answer = { table: Table } | { checked: CheckedInParts } | { geometry: CheckedGeometry };

/** What reading one upload may take: beyond it the worker is ended and the file refused (TOO_LARGE). */
export const READ_LIMITS = { seconds: 60, heapMb: 512 } as const;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Pending { resolve: (a: Answer) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;
/**
 * The buffer of the last upload's text, which the worker gives back once it has read it: the next upload's text is
 * encoded into it. Encoding a CSV's 6.5 MB of base64 into a fresh buffer cost this thread 30–130 ms per import, nearly
 * all of it page faults (memory touched before takes under a millisecond). Kept: one buffer, at most the largest upload.
 */
let spareText: ArrayBuffer | null = null;

/** Bytes of the kept text buffer (0 before any upload came back). */
export function spareTextBytes(): number {
  return spareText?.byteLength ?? 0;
}

const refused = (vi: string, en: string): Answer => ({ table: { headers: [], headerRow: 1, rows: [], problems: [problem('TOO_LARGE', {}, vi, en)] } });

/** Every job still waiting gets this answer (or fails with this error), and the next upload starts a fresh worker. */
function endWorker(answer: Answer | Error) {
  const w = worker;
  worker = null;
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    pending.delete(id);
    if (answer instanceof Error) p.reject(answer); else p.resolve(answer);
  }
  void w?.terminate();
}

// Started by the first upload, not with the portal: an idle portal does not hold a second V8 and its readers
// (about 35 MB of memory); the first import waits for it to load (under a second).
function theWorker(): Worker {
  if (worker) return worker;
  const w = startWorker('imports/table-worker', { resourceLimits: { maxOldGenerationSizeMb: READ_LIMITS.heapMb } });
  w.on('message', (a: TableAnswer | SpareText) => {
    if ('spare' in a) {
      if (!spareText || a.spare.byteLength > spareText.byteLength) spareText = a.spare;
      return;
    }
    const p = pending.get(a.id);
    if (!p) return;
    pending.delete(a.id);
    clearTimeout(p.timer);
    p.resolve('error' in a
      ? { table: { headers: [], headerRow: 1, rows: [], problems: [problem('BAD_FILE', {}, `không đọc được tệp (${a.error})`, `the file cannot be read (${a.error})`)] } }
      : a);
  });
  const died = (e: Error | null) => {
    if (worker !== w) return;
    if (e && (e as { code?: string }).code !== 'ERR_WORKER_OUT_OF_MEMORY') {
      // The reader itself is broken (not the file): a fault of the server, logged, and the imports fail.
      console.error('The import reader stopped:', e);
      endWorker(e);
      return;
    }
    endWorker(refused(`đọc tệp cần quá nhiều bộ nhớ (tối đa ${READ_LIMITS.heapMb} MB, giới hạn bộ nhớ khi đọc): hãy chia thành nhiều tệp`,
      `reading the file needs too much memory (at most ${READ_LIMITS.heapMb} MB, the reading memory limit): split it into several files`));
  };
  w.on('error', died);
  w.on('exit', () => died(null));
  worker = w;
  return w;
}

/** Start the reading worker now, so the next import does not wait for it to load (benches warm it before timing). */
export function startReader(): void {
  theWorker();
}

/** Send one job to the worker; its answer within READ_LIMITS, or a TOO_LARGE problem. */
function offThread(job: DistributiveOmit<TableJob, 'id'>, transfer: ArrayBuffer[] = []): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const timer = setTimeout(() => {
      // The worker is busy beyond the limit with this file: end it (and with it any other file it held).
      endWorker(refused(`đọc tệp quá ${READ_LIMITS.seconds} giây (giới hạn thời gian đọc): hãy chia thành nhiều tệp`,
        `reading the file took over ${READ_LIMITS.seconds} s (the reading time limit): split it into several files`));
    }, READ_LIMITS.seconds * 1000);
    pending.set(id, { resolve, reject, timer });
    theWorker().postMessage({ id, ...job } as TableJob, transfer);
  });
}

/** Characters of an upload's text encoded in one step (about a millisecond of work). */
const TEXT_STEP = 256 * 1024;

/**
 * The text's UTF-8 bytes in a buffer of their own (the spare one when it is large enough), encoded TEXT_STEP characters
 * per step with turns of the event loop between slices. Base64 is ASCII (one byte a character); a text with any other
 * character is not base64 (the worker refuses it) and is encoded at once, as it is.
 */
async function utf8InSlices(text: string): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const buffer = spareText && spareText.byteLength >= text.length ? spareText : new ArrayBuffer(text.length);
  if (buffer === spareText) spareText = null;
  const bytes = new Uint8Array(buffer, 0, text.length);
  const pause = timeSlices();
  for (let at = 0; at < text.length; at += TEXT_STEP) {
    await pause();
    const step = text.slice(at, at + TEXT_STEP);
    const { read, written } = encoder.encodeInto(step, bytes.subarray(at));
    if (read !== step.length || written !== step.length) {
      spareText ??= buffer;
      return encoder.encode(text);
    }
  }
  return bytes;
}

/** The upload read and its rows checked as observations against `catalogue`, all in the worker thread. */
export async function checkObservationsOffThread(fileBase64: string, format: 'CSV' | 'XLSX', catalogue: CatalogueData): Promise<CheckedObservations> {
  // A 6.5 MB string was copied into the worker's message on this thread (30–90 ms): its UTF-8 bytes (their own
  // buffer, never Node's shared pool) are moved instead, encoded a slice at a time (at once it took 60–190 ms).
  const fileText = await utf8InSlices(fileBase64);
  const a = await offThread({ fileText, format, observations: catalogue }, [fileText.buffer as ArrayBuffer]);
  if ('checked' in a) {
    // One part per slice of this thread's time: requests waiting meanwhile are answered between parts.
    const rows: CheckedRow[] = [];
    const pause = timeSlices();
    for (const part of a.checked.rowParts) {
      await pause();
      for (const row of deserialize(part) as CheckedRow[]) rows.push(row);
    }
    return { rowsRead: a.checked.rowsRead, problems: a.checked.problems, rows };
  }
  const problems = 'table' in a ? a.table.problems : a.geometry.problems;
  return { rowsRead: 0, problems, rows: [] };
}

/** A GeoJSON file of bản centres and boundaries parsed and checked (validity, overlaps) in the worker thread. */
export async function checkGeometryOffThread(geojson: unknown, sourceNote: string, snapshot: GeometrySnapshot): Promise<CheckedGeometry> {
  const a = await offThread({ geojson, sourceNote, snapshot });
  if ('geometry' in a) return a.geometry;
  const problems = 'table' in a ? a.table.problems : a.checked.problems;
  return { rowsRead: 0, rowsValid: 0, problems, valid: [], centres: [], boundaries: [], created: [] };
}
