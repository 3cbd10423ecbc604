// `npm run backup [-- <file>]`: an online backup of the database (safe while the portal runs),
// checked before it is reported done. Default: ./data/backups/atlas-<date>.sqlite
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { config } from '../config.ts';

const source = join(config.dataDir, 'atlas.sqlite');
const target = resolve(process.argv[2] ?? join(config.dataDir, 'backups', `atlas-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`));

try {
  mkdirSync(dirname(target), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  await db.backup(target);
  db.close();
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
