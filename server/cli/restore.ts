// `npm run restore -- <backup file>`: replaces the database with a checked backup. Stop the portal first.
// The current database is kept beside it (atlas.sqlite.before-restore-<date>) and the swap is a rename,
// so a crash half-way leaves either the old or the new file, never a mix.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { config } from '../config.ts';
import { MIGRATIONS } from '../store/migrations.ts';

const backup = process.argv[2] && resolve(process.argv[2]);
const live = join(config.dataDir, 'atlas.sqlite');

try {
  if (!backup || !existsSync(backup)) throw new Error('give the backup file: npm run restore -- <file>');
  const b = new Database(backup, { readonly: true, fileMustExist: true });
  const check = b.pragma('integrity_check', { simple: true });
  const version = b.pragma('user_version', { simple: true }) as number;
  b.close();
  if (check !== 'ok') throw new Error(`the backup fails its integrity check (${String(check)}); nothing was changed`);
  if (version > MIGRATIONS.at(-1)!.version) throw new Error(`the backup is from a newer program (schema ${version}); nothing was changed`);
  const staging = `${live}.restoring`;
  copyFileSync(backup, staging);
  if (existsSync(live)) {
    // Fold the write-ahead log into the current file before keeping it aside.
    const cur = new Database(live);
    cur.pragma('wal_checkpoint(TRUNCATE)');
    cur.close();
    renameSync(live, `${live}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  }
  for (const side of ['-wal', '-shm']) rmSync(`${live}${side}`, { force: true });
  renameSync(staging, live);
  console.log(`Restored ${live} from ${backup} (schema ${version}; migrations run on the next start).`);
} catch (e) {
  console.error(`Restore failed: ${(e as Error).message}`);
  process.exit(1);
}
