// `npm run restore -- <backup file>`: replaces the database with a checked backup. Stop the portal first: the
// restore refuses while the portal (or another atlas command) has the data directory open (store/data-dir-lock.ts).
// The current database is never opened, so a damaged one does not stop the restore: it is moved as it is, with its
// -wal and -shm files, into <data dir>/before-restore-<date>/ (SQLite opens the set there as it is). The log goes
// first, so it can never end up beside a different database; the checked copy is written and synced beside the live
// file, then renamed into place.
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { config } from '../config.ts';
import { takeExclusiveLock } from '../store/data-dir-lock.ts';
import { MIGRATIONS } from '../store/migrations.ts';
import { pgRestore } from './pg-backup.ts';

if (config.databaseUrl && process.argv[2]) {
  // On PostgreSQL: pg_restore of a pg_dump file, in one transaction. Stop the portal first.
  try {
    pgRestore(config.databaseUrl, resolve(process.argv[2]));
    console.log(`Restored ${resolve(process.argv[2])} into the PostgreSQL database`);
    process.exit(0);
  } catch (e) {
    console.error(`Restore failed, the database was not changed: ${(e as { stderr?: string }).stderr || (e as Error).message}`);
    process.exit(1);
  }
}

// The restored copy and the kept files hold what the database holds: owner only (as open-database.ts keeps it).
process.umask(0o077);

const backup = process.argv[2] && resolve(process.argv[2]);
const live = join(config.dataDir, 'atlas.sqlite');

function sync(path: string) {
  const fd = openSync(path, 'r');
  try { fsyncSync(fd); } finally { closeSync(fd); }
}

try {
  if (!backup || !existsSync(backup)) throw new Error('give the backup file: npm run restore -- <file>');
  const b = new Database(backup, { readonly: true, fileMustExist: true });
  const check = b.pragma('integrity_check', { simple: true });
  const version = b.pragma('user_version', { simple: true }) as number;
  b.close();
  if (check !== 'ok') throw new Error(`the backup fails its integrity check (${String(check)}); nothing was changed`);
  if (version > MIGRATIONS.at(-1)!.version) throw new Error(`the backup is from a newer program (schema ${version}); nothing was changed`);
  mkdirSync(config.dataDir, { recursive: true });
  const release = takeExclusiveLock(config.dataDir);
  const staging = `${live}.restoring`;
  copyFileSync(backup, staging);
  sync(staging);
  const kept = join(config.dataDir, `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const moved: string[] = [];
  for (const name of ['atlas.sqlite-wal', 'atlas.sqlite-shm', 'atlas.sqlite']) {
    if (!existsSync(join(config.dataDir, name))) continue;
    mkdirSync(kept, { recursive: true });
    renameSync(join(config.dataDir, name), join(kept, name));
    moved.push(name);
  }
  renameSync(staging, live);
  sync(config.dataDir);
  release();
  console.log(`Restored ${live} from ${backup} (schema ${version}; migrations run on the next start).`);
  if (moved.length) {
    console.log(`Cơ sở dữ liệu cũ được giữ nguyên tại / The previous database is kept, unchanged, in ${kept} (${moved.join(', ')}).`);
  }
} catch (e) {
  console.error(`Restore failed: ${(e as Error).message}`);
  process.exit(1);
}
