import Database from 'better-sqlite3';
import { accessSync, chmodSync, closeSync, constants, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { holdSharedLock } from './data-dir-lock.ts';
import { migrate } from './migrations.ts';

/** The database cannot be used as it is; the message says what to do, and nothing was changed. */
export class DatabaseProblem extends Error {}

/**
 * Open (or create) the SQLite file: WAL so readers never wait for a writer, FULL sync so a
 * committed change survives a power cut, foreign keys on, an integrity check, then the pending
 * migrations. A damaged, unreadable or unwritable file is refused with a clear message — never
 * silently replaced by a fresh one. The data directory stays locked (shared) while the process runs, so
 * `npm run restore` refuses to swap the file underneath it.
 */
export function openDatabase(file: string): Database.Database {
  const dir = dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.R_OK | constants.W_OK);
  } catch (e) {
    throw new DatabaseProblem(`Không ghi được vào thư mục dữ liệu ${dir} / Cannot write to the data directory ${dir} ` +
      `(${(e as NodeJS.ErrnoException).code}). Give the portal write access or set DATA_DIR to another directory.`);
  }
  holdSharedLock(dir);
  let db: Database.Database | undefined;
  try {
    // Checked on a read-only connection first: closing a read-write one checkpoints the write-ahead log into
    // the file and deletes the log, which would change a damaged file and its -wal before they are refused.
    if (existsSync(file)) {
      const probe = new Database(file, { readonly: true });
      try {
        const check = probe.pragma('quick_check', { simple: true });
        if (check !== 'ok') throw new DatabaseProblem(`integrity check: ${String(check)}`);
      } finally {
        probe.close();
      }
    }
    keepPrivate(file);
    db = new Database(file);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    for (const f of [`${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, PRIVATE);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
  } catch (e) {
    db?.close();
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_FULL') {
      throw new DatabaseProblem(`Ổ đĩa đầy / The disk holding ${dir} is full. Free some space; the database was not changed.`);
    }
    throw new DatabaseProblem(`Tệp cơ sở dữ liệu ${file} bị hỏng / The database file ${file} is damaged ` +
      `(${(e as Error).message}). It was not changed or replaced. Restore a backup: npm run restore -- <backup file>`);
  }
  migrate(db);
  return db;
}

/** Owner read and write only: the database holds password hashes, sessions and restricted values. */
export const PRIVATE = 0o600;

/**
 * Create the database file 0600 (or make an existing one so) before SQLite opens it: SQLite creates the
 * write-ahead log and shared-memory files with the database file's permissions.
 */
function keepPrivate(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE));
  chmodSync(file, PRIVATE);
}
