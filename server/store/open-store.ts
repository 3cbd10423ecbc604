// The one place that picks the storage backend: `npm start` asks it for a seeded store and never touches
// a database itself. DATABASE_URL=postgres://… selects PostgreSQL/PostGIS; without it, the SQLite file.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AtlasStore } from './atlas-store.ts';
import { DatabaseProblem, openDatabase } from './open-database.ts';
import { seedDatabase } from './seed-database.ts';
import { sqliteStore } from './sqlite-store.ts';
import { describeUrl, openPgStore } from './open-pg.ts';

export interface OpenedStore {
  store: AtlasStore;
  /** True when this start created the database from the seeds. */
  seeded: boolean;
  /** Where the data lives, for the start-up message. */
  location: string;
}

/**
 * Open the data directory's database, creating and seeding it on the very first start. A directory
 * that held a database before (backups, or a write-ahead log left without its database) is not
 * silently reseeded when the file is missing: that would look like the officers' edits were lost.
 */
export async function openStore(dataDir: string, seedDir: string, opts: { allowNew?: boolean; databaseUrl?: string | null; readUrl?: string | null } = {}): Promise<OpenedStore> {
  if (opts.databaseUrl) {
    const { store, seeded } = await openPgStore(opts.databaseUrl, seedDir, opts.readUrl ?? null);
    return { store, seeded, location: describeUrl(opts.databaseUrl) };
  }
  const file = join(dataDir, 'atlas.sqlite');
  if (!existsSync(file) && !opts.allowNew) {
    const backups = existsSync(join(dataDir, 'backups'))
      ? readdirSync(join(dataDir, 'backups')).filter((f) => f.endsWith('.sqlite')).sort() : [];
    const orphanLog = existsSync(`${file}-wal`);
    if (backups.length || orphanLog) {
      const latest = backups.length ? join(dataDir, 'backups', backups.at(-1)!) : null;
      throw new DatabaseProblem(`Không thấy cơ sở dữ liệu ${file} dù thư mục từng có dữ liệu / The database ${file} is missing, ` +
        `but ${latest ? `the directory has backups (latest: ${latest})` : 'its write-ahead log is still there'}. Nothing was created. ` +
        `${latest ? `Restore it: npm run restore -- ${latest}; or s` : 'S'}tart a new database from the seeds with ATLAS_NEW_DATABASE=1.`);
    }
  }
  const db = openDatabase(file);
  const { seeded } = seedDatabase(db, seedDir);
  return { store: sqliteStore(db), seeded, location: file };
}
