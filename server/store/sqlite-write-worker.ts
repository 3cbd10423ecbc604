// The worker thread that runs an import's write transaction on a SQLite connection of its own: the inserts, their
// history entries and the COMMIT (which rewrites the log's frames, tens of ms for thousands of rows) never run on
// the thread that answers requests. The writes are the store's own (syncStore), so every check, history entry and
// data-version bump is the one an edit makes. Started by sqlite-write-thread.ts.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { AtlasError } from '../errors.ts';
import type { EditMeta, ObservationWrite } from './atlas-store.ts';
import { syncStore } from './sqlite-store.ts';

/** One step of a transaction, answered in order. */
export type WriteJob =
  | { id: number; op: 'begin'; /** The store's connection's page limit, kept on this one. */ maxPageCount: number }
  | { id: number; op: 'dataVersion' }
  | { id: number; op: 'changesSince'; version: number }
  | { id: number; op: 'setObservations'; writes: ObservationWrite[]; meta: EditMeta }
  | { id: number; op: 'commit' }
  | { id: number; op: 'rollback' }
  | { id: number; op: 'close' };

/** An error as it crossed the thread boundary: an AtlasError (code, details) or better-sqlite3's SqliteError (code). */
export interface WriteFailure { kind: 'atlas' | 'sqlite' | 'other'; message: string; code?: string; details?: Record<string, unknown> }
export type WriteAnswer = { id: number; result: unknown } | { id: number; failure: WriteFailure };

const db = new Database((workerData as { file: string }).file, { fileMustExist: true });
// As the store's own connection (open-database.ts): a busy write lock is waited for, never an error at once.
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('wal_autocheckpoint = 0'); // the store's checkpoint worker checkpoints (sqlite-log-writes.ts)
const writer = syncStore(db);

const failure = (e: unknown): WriteFailure => {
  if (e instanceof AtlasError) return { kind: 'atlas', message: e.message, code: e.code, details: e.details };
  if (e instanceof Database.SqliteError) return { kind: 'sqlite', message: e.message, code: e.code };
  return { kind: 'other', message: (e as Error)?.message ?? String(e) };
};
const rollback = () => { if (db.inTransaction) db.exec('ROLLBACK'); };

function run(job: WriteJob): unknown {
  switch (job.op) {
    case 'begin':
      rollback(); // a transaction its caller gave up on is not continued
      db.pragma(`max_page_count = ${job.maxPageCount}`);
      db.exec('BEGIN IMMEDIATE');
      return null;
    case 'dataVersion': return writer.dataVersion();
    case 'changesSince': return writer.changesSince(job.version);
    case 'setObservations':
      if (!db.inTransaction) throw new Error('no open transaction');
      for (const w of job.writes) writer.setObservation(w.input, w.expectedVersion, job.meta);
      return null;
    case 'commit':
      if (!db.inTransaction) throw new Error('no open transaction');
      try { db.exec('COMMIT'); } catch (e) { rollback(); throw e; }
      return null;
    case 'rollback': rollback(); return null;
    case 'close': rollback(); db.close(); parentPort!.close(); return null;
  }
}

parentPort!.on('message', (job: WriteJob) => {
  let answer: WriteAnswer;
  try {
    answer = { id: job.id, result: run(job) };
  } catch (e) {
    answer = { id: job.id, failure: failure(e) };
  }
  if (job.op !== 'close') parentPort!.postMessage(answer);
});
