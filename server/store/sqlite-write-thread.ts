// An import's write transaction in a worker thread (sqlite-write-worker.ts), on a connection of its own to the same
// file. The request thread sends the steps (BEGIN, the checks' reads, the writes in chunks, COMMIT) and keeps
// answering from the snapshot of the last committed data meanwhile: it never executes the inserts nor the COMMIT.
// SQLite's write lock keeps this connection and the store's own from writing at the same time (each waits for it).
import Database from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { AtlasError, type ErrorCode } from '../errors.ts';
import type { Change, EditMeta, ObservationWrite } from './atlas-store.ts';
import type { WriteAnswer, WriteFailure, WriteJob } from './sqlite-write-worker.ts';
import { startWorker } from '../workers/start-worker.ts';

/** Rows sent to the worker in one message: each message is cloned on this thread, so none is long. */
const ROWS_PER_MESSAGE = 250;

/** A transaction open on the worker's connection: reads see its own writes; nothing is visible to others before commit. */
export interface WorkerTransaction {
  dataVersion(): Promise<number>;
  changesSince(version: number): Promise<Change[]>;
  /** Each value checked against the version it names (CONFLICT) and recorded in the history, as setObservation does. */
  setObservations(writes: ObservationWrite[], meta: EditMeta): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface SqliteWriteThread {
  /** BEGIN IMMEDIATE on the worker's connection: waits for the write lock (busy_timeout) like the store's own connection. */
  begin(): Promise<WorkerTransaction>;
  /** Ends the worker at once, as a crash would: SQLite rolls its open transaction back. */
  terminate(): Promise<void>;
  close(): Promise<void>;
}

/** The error the worker met, as this thread's code expects it (AtlasError, or SqliteError with its code). */
function rebuilt(f: WriteFailure): Error {
  if (f.kind === 'atlas') return new AtlasError(f.code as ErrorCode, f.message, f.details);
  if (f.kind === 'sqlite') return new Database.SqliteError(f.message, f.code!);
  return new Error(`SQLite write thread: ${f.message}`);
}

type Job = WriteJob extends infer J ? J extends { id: number } ? Omit<J, 'id'> : never : never;

/**
 * The write thread of one database connection's file (started at the first transaction, kept for the next).
 * `db` gives the settings the worker's connection copies (its page limit).
 */
export function sqliteWriteThread(db: Database.Database): SqliteWriteThread {
  let worker: Worker | null = null;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;

  const stopped = (w: Worker, why: Error) => {
    if (worker !== w) return;
    worker = null;
    for (const [id, p] of pending) { pending.delete(id); p.reject(why); }
  };
  const theWorker = (): Worker => {
    if (worker) return worker;
    const w = startWorker('store/sqlite-write-worker', { workerData: { file: db.name } });
    w.on('message', (a: WriteAnswer) => {
      const p = pending.get(a.id);
      if (!p) return;
      pending.delete(a.id);
      if (pending.size === 0) w.unref();
      if ('failure' in a) p.reject(rebuilt(a.failure)); else p.resolve(a.result);
    });
    w.on('error', (e) => stopped(w, e));
    w.on('exit', (code) => stopped(w, new Error(`SQLite write thread stopped (exit code ${code}); nothing of its open transaction was kept`)));
    worker = w;
    return w;
  };
  const ask = <T>(job: Job): Promise<T> => new Promise<T>((resolve, reject) => {
    const id = nextId++;
    const w = theWorker();
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    w.ref(); // a step under way keeps the process alive; an idle worker does not
    w.postMessage({ ...job, id } as WriteJob);
  });

  const transaction = (): WorkerTransaction => ({
    dataVersion: () => ask<number>({ op: 'dataVersion' }),
    changesSince: (version) => ask<Change[]>({ op: 'changesSince', version }),
    setObservations: async (writes, meta) => {
      for (let i = 0; i < writes.length; i += ROWS_PER_MESSAGE) {
        await ask({ op: 'setObservations', writes: writes.slice(i, i + ROWS_PER_MESSAGE), meta });
      }
    },
    commit: () => ask<void>({ op: 'commit' }),
    rollback: () => ask<void>({ op: 'rollback' }),
  });

  const end = async (how: (w: Worker) => void) => {
    const w = worker;
    if (!w) return;
    const exited = new Promise((resolve) => w.once('exit', resolve));
    how(w);
    await exited;
  };
  return {
    begin: async () => {
      await ask({ op: 'begin', maxPageCount: db.pragma('max_page_count', { simple: true }) as number });
      return transaction();
    },
    terminate: () => end((w) => { void w.terminate(); }),
    close: () => end((w) => w.postMessage({ op: 'close', id: 0 } satisfies WriteJob)),
  };
}
