// What keeps a long SQLite write transaction from holding the event loop at its end. better-sqlite3 is
// synchronous: a COMMIT that flushes 15 MB of pages, fsyncs them and then checkpoints the log into the database
// stops every request for the whole of it. So the connection spills its pages to the write-ahead log while the
// transaction runs (a small page cache: reads come from the in-memory snapshot anyway), the log is fsynced on
// libuv's thread pool before COMMIT (COMMIT's own fsync then has almost nothing left to write), and the
// checkpoint runs in a worker thread on a connection of its own.
import type Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Checkpoint once the log holds this much (SQLite's own default: 1,000 pages of 4 kB). */
const CHECKPOINT_AFTER_BYTES = 4 * 1024 * 1024;

// The worker: one connection to the same file, a PASSIVE checkpoint when asked (it never blocks readers or the
// writer), then the answer. Plain JavaScript, so it runs the same under tsx and built.
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
parentPort.on('message', (m) => {
  if (m === 'close') { db.close(); parentPort.close(); return; }
  try { db.pragma('wal_checkpoint(PASSIVE)'); parentPort.postMessage(null); } catch (e) { parentPort.postMessage(e.message); }
});`;

export interface LogWrites {
  /** Before COMMIT: the log's pages written so far reach the disk, off the event loop. */
  flush(): Promise<void>;
  /** After a write: checkpoint in the worker when the log has grown (at most one at a time). */
  checkpointIfLarge(): void;
  /** Before the connection closes: the worker's connection closes first (the last one to close checkpoints). */
  close(): Promise<void>;
}

/** Set up a connection for sliced writes (see above); a read-only or in-memory database needs none of it. */
export function sqliteLogWrites(db: Database.Database): LogWrites {
  const log = `${db.name}-wal`;
  if (db.memory || db.readonly) return { flush: async () => undefined, checkpointIfLarge: () => undefined, close: async () => undefined };
  db.pragma('cache_size = -2000'); // 2 MB (better-sqlite3's default is 16): a large transaction spills to the log as it goes
  db.pragma('wal_autocheckpoint = 0'); // checkpoints run in the worker
  let worker: Worker | null = null;
  let busy = false;
  const theWorker = () => {
    if (worker) return worker;
    worker = new Worker(CHECKPOINTER, { eval: true, workerData: { file: db.name, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
    worker.on('message', (problem: string | null) => {
      busy = false;
      if (problem) console.warn(`SQLite checkpoint: ${problem}`);
    });
    worker.on('error', (e) => { busy = false; worker = null; console.warn(`SQLite checkpoint worker: ${e.message}`); });
    worker.unref();
    return worker;
  };
  return {
    flush: async () => {
      if (!existsSync(log)) return;
      const file = await open(log, 'r+');
      try { await file.datasync(); } finally { await file.close(); }
    },
    checkpointIfLarge: () => {
      if (busy || !db.open || !existsSync(log) || statSync(log).size < CHECKPOINT_AFTER_BYTES) return;
      busy = true;
      theWorker().postMessage('checkpoint');
    },
    close: async () => {
      const w = worker;
      worker = null;
      if (!w) return;
      const exited = new Promise((resolve) => w.once('exit', resolve));
      w.postMessage('close');
      await exited;
    },
  };
}
