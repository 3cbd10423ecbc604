// `npm run backup [-- <file>]`: an online backup of the database (safe while the portal runs),
// checked before it is reported done. Default: ./data/backups/atlas-<date>.sqlite
import Database from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { config } from '../config.ts';
import { PRIVATE } from '../store/open-database.ts';
import { pgBackup } from './pg-backup.ts';

if (config.databaseUrl) {
  // On PostgreSQL: pg_dump (custom format) into <data dir>/backups/atlas-<date>.dump unless a file is given.
  try {
    console.log(`Backup written: ${pgBackup(config.databaseUrl, config.dataDir, process.argv[2])}`);
    process.exit(0);
  } catch (e) {
    console.error(`Backup failed: ${(e as { stderr?: string }).stderr || (e as Error).message}`);
    process.exit(1);
  }
}

const source = join(config.dataDir, 'atlas.sqlite');
const target = resolve(process.argv[2] ?? join(config.dataDir, 'backups', `atlas-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`));

// Backups hold what the database holds (password hashes, restricted values): owner only, from creation on.
process.umask(0o077);

try {
  mkdirSync(dirname(target), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  await db.backup(target);
  db.close();
  chmodSync(target, PRIVATE); // a file given on the command line may have existed with wider permissions
  const copy = new Database(target, { readonly: true });
  const check = copy.pragma('integrity_check', { simple: true });
  const version = copy.pragma('user_version', { simple: true });
  copy.close();
  if (check !== 'ok') throw new Error(`the copy fails its integrity check (${String(check)})`);
  console.log(`Backup written: ${target} (schema ${version})`);
} catch (e) {
  console.error(`Backup failed: ${(e as Error).message}`);
  process.exit(1);
}
