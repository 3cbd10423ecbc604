// The worker thread that reads uploaded tables (base64 → bytes → CSV or XLSX cells) and checks observation
// rows against a snapshot of the atlas's units and indicators, so that a large or hostile file costs this
// thread's time and memory, never the one answering the portal's requests.
import { serialize } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { checkGeometryFeatures, type CheckedGeometry, type GeometrySnapshot } from './check-geometry-features.ts';
import { checkObservationRows, type CheckedObservations } from './check-observation-rows.ts';
import { catalogueOf, type CatalogueData } from './import-catalogue.ts';
import { decodeUpload, readTable, type Table } from './read-table.ts';

/** Checked rows per part sent back: one part is deserialized in a few ms on the portal's thread. */
export const ROWS_PER_PART = 250;

/**
 * Checked observations as sent back: the rows serialized (structured clone) in parts of ROWS_PER_PART, each its own
 * buffer, moved to the portal's thread and not copied; it deserializes one part per turn of its event loop
 * (4,999 rows in one message took 80–200 ms of that thread at once).
 */
export interface CheckedInParts { rowsRead: number; problems: CheckedObservations['problems']; rowParts: Uint8Array[] }

/** The checked rows in parts (see CheckedInParts), each in a buffer of its own so that it can be transferred. */
function inParts(checked: CheckedObservations): CheckedInParts {
  const rowParts: Uint8Array[] = [];
  for (let i = 0; i < checked.rows.length; i += ROWS_PER_PART) rowParts.push(new Uint8Array(serialize(checked.rows.slice(i, i + ROWS_PER_PART))));
  return { rowsRead: checked.rowsRead, problems: checked.problems, rowParts };
}

/** Read a file into a table (with a catalogue, also check its rows as observations), or check a GeoJSON file. */
export type TableJob =
  | { id: number; /** The upload's base64 text as UTF-8 bytes: moved to this thread, not copied. */ fileText: Uint8Array; format: 'CSV' | 'XLSX'; observations?: CatalogueData }
  | { id: number; geojson: unknown; sourceNote: string; snapshot: GeometrySnapshot };
/** The buffer of an upload's text, given back once read (read-off-thread.ts encodes the next upload into it). */
export interface SpareText { spare: ArrayBuffer }
export type TableAnswer =
  | { id: number; table: Table }
  | { id: number; checked: CheckedInParts }
  | { id: number; geometry: CheckedGeometry }
  | { id: number; error: string };

parentPort?.on('message', async (job: TableJob) => {
  try {
    if ('geojson' in job) {
      parentPort!.postMessage({ id: job.id, geometry: checkGeometryFeatures(job.snapshot, job.geojson, job.sourceNote) } satisfies TableAnswer);
      return;
    }
    const text = Buffer.from(job.fileText.buffer, job.fileText.byteOffset, job.fileText.byteLength).toString('utf8');
    parentPort!.postMessage({ spare: job.fileText.buffer as ArrayBuffer } satisfies SpareText, [job.fileText.buffer as ArrayBuffer]);
    const upload = decodeUpload(text);
    const table: Table = upload.ok ? await readTable(upload.bytes, job.format) : { headers: [], headerRow: 1, rows: [], problems: upload.problems };
    if (job.observations) {
      const checked = inParts(checkObservationRows(catalogueOf(job.observations), table));
      parentPort!.postMessage({ id: job.id, checked } satisfies TableAnswer, checked.rowParts.map((p) => p.buffer as ArrayBuffer));
    } else {
      parentPort!.postMessage({ id: job.id, table } satisfies TableAnswer);
    }
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error).message } satisfies TableAnswer);
  }
});
