import Database from 'better-sqlite3';
import { join } from 'node:path';

/**
 * Who is using a data directory, kept by the operating system's file locks on `<dir>/atlas.lock`, so a
 * crash, SIGKILL or power cut never leaves a stale lock behind (unlike a pid file). The portal and the
 * commands that open the database hold a shared lock for as long as they run; `npm run restore` takes it
 * exclusively, so it cannot swap the database under a running portal, and a portal cannot start in the
 * middle of a restore. The file is an empty SQLite database: SQLite's own locking does the work.
 */
const LOCK_FILE = 'atlas.lock';
const held = new Map<string, Database.Database>();

/** The data directory is in use by a restore (shared) or by the portal (exclusive). */
export class DataDirBusy extends Error {}

/** Hold a shared lock on the data directory until the process ends; waits up to waitMs for a restore to finish. */
export function holdSharedLock(dir: string, waitMs = 10_000): void {
  if (held.has(dir)) return;
  const db = new Database(join(dir, LOCK_FILE), { timeout: waitMs });
  try {
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM sqlite_master').get(); // the read takes the shared lock; the open transaction keeps it
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_BUSY') {
      throw new DataDirBusy(`Thư mục dữ liệu ${dir} đang được khôi phục / A restore is running on the data directory ${dir}; ` +
        'start the portal when it has finished.');
    }
    throw e;
  }
  held.set(dir, db);
}

/**
 * Take the data directory for oneself (no wait): returns a release function, or throws DataDirBusy when the
 * portal or another command has it open.
 */
export function takeExclusiveLock(dir: string): () => void {
  const db = new Database(join(dir, LOCK_FILE), { timeout: 0 });
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_BUSY') {
      throw new DataDirBusy(`Cổng bản đồ đang chạy trên thư mục dữ liệu ${dir} / The portal (or another atlas command) is using ` +
        `the data directory ${dir}. Stop it first; nothing was changed.`);
    }
    throw e;
  }
  return () => { db.exec('ROLLBACK'); db.close(); };
}
