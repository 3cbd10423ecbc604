// The worker thread that reads uploaded tables (base64 → bytes → CSV or XLSX cells) and checks observation
// rows against a snapshot of the atlas's units and indicators, so that a large or hostile file costs this
// thread's time and memory, never the one answering the portal's requests.
import { parentPort } from 'node:worker_threads';
import { checkGeometryFeatures, type CheckedGeometry, type GeometrySnapshot } from './check-geometry-features.ts';
import { checkObservationRows, type CheckedObservations } from './check-observation-rows.ts';
import { catalogueOf, type CatalogueData } from './import-catalogue.ts';
import { decodeUpload, readTable, type Table } from './read-table.ts';

/** Read a file into a table (with a catalogue, also check its rows as observations), or check a GeoJSON file. */
export type TableJob =
  | { id: number; /** The upload's base64 text as UTF-8 bytes: moved to this thread, not copied. */ fileText: Uint8Array; format: 'CSV' | 'XLSX'; observations?: CatalogueData }
  | { id: number; geojson: unknown; sourceNote: string; snapshot: GeometrySnapshot };
export type TableAnswer =
  | { id: number; table: Table }
  | { id: number; checked: CheckedObservations }
  | { id: number; geometry: CheckedGeometry }
  | { id: number; error: string };

parentPort?.on('message', async (job: TableJob) => {
  try {
    if ('geojson' in job) {
      parentPort!.postMessage({ id: job.id, geometry: checkGeometryFeatures(job.snapshot, job.geojson, job.sourceNote) } satisfies TableAnswer);
      return;
    }
    const upload = decodeUpload(Buffer.from(job.fileText.buffer, job.fileText.byteOffset, job.fileText.byteLength).toString('utf8'));
    const table: Table = upload.ok ? await readTable(upload.bytes, job.format) : { headers: [], headerRow: 1, rows: [], problems: upload.problems };
    if (job.observations) {
      parentPort!.postMessage({ id: job.id, checked: checkObservationRows(catalogueOf(job.observations), table) } satisfies TableAnswer);
    } else {
      parentPort!.postMessage({ id: job.id, table } satisfies TableAnswer);
    }
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error).message } satisfies TableAnswer);
  }
});
