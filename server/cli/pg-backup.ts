// `npm run backup` / `npm run restore` when the portal runs on PostgreSQL (DATABASE_URL): pg_dump's custom format,
// online and consistent (one snapshot); a restore is checked (pg_restore --list) before it replaces anything.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Dump the database to `file` (default: <data dir>/backups/atlas-<date>.dump), owner-readable only. */
export function pgBackup(url: string, dataDir: string, file: string | undefined): string {
  const target = resolve(file ?? join(dataDir, 'backups', `atlas-${new Date().toISOString().replace(/[:.]/g, '-')}.dump`));
  mkdirSync(dirname(target), { recursive: true });
  run('pg_dump', ['--format=custom', '--no-owner', '--file', target, url]);
  chmodSync(target, 0o600);
  run('pg_restore', ['--list', target]); // readable as a whole, or the backup is not reported done
  return target;
}

/** Replace the database's tables with those of a dump (in one transaction: all or nothing). Stop the portal first. */
export function pgRestore(url: string, file: string): void {
  run('pg_restore', ['--list', file]);
  run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', '--dbname', url, file]);
}
