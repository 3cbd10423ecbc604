// Whether some connection holds a SQLite file's write lock, asked from a second connection as another process would.
import Database from 'better-sqlite3';

/** A connection to the file that asks for the write lock without waiting (busy_timeout 0). */
export function writeLockProbe(file: string): Database.Database {
  const probe = new Database(file, { fileMustExist: true });
  probe.pragma('busy_timeout = 0');
  return probe;
}

/** True while another connection holds the write lock: the probe's BEGIN IMMEDIATE is refused SQLITE_BUSY. */
export function writeLockHeld(probe: Database.Database): boolean {
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw e;
  }
}
