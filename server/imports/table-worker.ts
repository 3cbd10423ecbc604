// The worker thread that reads uploaded tables (base64 → bytes → CSV or XLSX cells), so that a large or
// hostile file costs this thread's time and memory, never the one answering the portal's requests.
import { parentPort } from 'node:worker_threads';
import { decodeUpload, readTable, type Table } from './read-table.ts';

export interface TableJob { id: number; fileBase64: string; format: 'CSV' | 'XLSX' }
export type TableAnswer = { id: number; table: Table } | { id: number; error: string };

parentPort?.on('message', async (job: TableJob) => {
  try {
    const upload = decodeUpload(job.fileBase64);
    const table: Table = upload.ok ? await readTable(upload.bytes, job.format) : { headers: [], headerRow: 1, rows: [], problems: upload.problems };
    parentPort!.postMessage({ id: job.id, table } satisfies TableAnswer);
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error).message } satisfies TableAnswer);
  }
});
