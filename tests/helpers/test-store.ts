// Which store the portal under test runs on: the "postgres" project (vite.config.ts) sets ATLAS_TEST_STORE, and
// each data directory then gets its own database in the run's throwaway cluster (postgres-setup.ts).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

export const TEST_STORE: 'sqlite' | 'postgres' = process.env.ATLAS_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
export const onPostgres = TEST_STORE === 'postgres';

const databases = new Map<string, string>();
let counter = 0;

/**
 * The database URL of a data directory's portal on PostgreSQL, made on first use and reused after: a copy of the run's
 * seeded template (postgres-setup.ts), as a portal's first start would have seeded it; or, with `empty`, a database
 * with PostGIS and nothing else (for tests of seeding and migrations).
 */
export async function databaseUrlFor(dataDir: string, opts: { empty?: boolean } = {}): Promise<string> {
  const known = databases.get(dataDir);
  if (known) return known;
  const admin = new pg.Client(inject('pgAdminUrl'));
  await admin.connect();
  const name = `atlas_${process.pid}_${++counter}`;
  try { await admin.query(`CREATE DATABASE ${name}${opts.empty ? '' : ` TEMPLATE ${inject('pgTemplate')}`}`); } finally { await admin.end(); }
  const db = new pg.Client(inject('pgAdminUrl').replace(/\/postgres$/, `/${name}`));
  await db.connect();
  try { await db.query('CREATE EXTENSION IF NOT EXISTS postgis'); } finally { await db.end(); }
  const url = inject('pgAdminUrl').replace(/\/postgres$/, `/${name}`);
  databases.set(dataDir, url);
  return url;
}

/** The environment that points a portal process (or the CLI) of this data directory at its database. */
export function storeEnv(dataDir: string): Record<string, string> {
  if (!onPostgres) return {};
  const url = databases.get(dataDir);
  if (!url) throw new Error(`no database for ${dataDir} yet: start a portal on it first`);
  return { DATABASE_URL: url };
}

/** What `npm start` prints as the location of the data of this directory. */
export function storeLocation(dataDir: string): string {
  if (!onPostgres) return join(dataDir, 'atlas.sqlite');
  const u = new URL(databases.get(dataDir)!);
  return `postgres://${u.username}@${u.hostname}:${u.port}${u.pathname}`;
}

/** Run one SQL statement on the stored data directly (both stores read the same simple SQL); rows as objects. */
export async function storedRows(dataDir: string, sql: string): Promise<Array<Record<string, unknown>>> {
  if (onPostgres) {
    const c = new pg.Client(databases.get(dataDir)!);
    await c.connect();
    try { return (await c.query(sql)).rows; } finally { await c.end(); }
  }
  const db = new Database(join(dataDir, 'atlas.sqlite'));
  try {
    const stmt = db.prepare(sql);
    return stmt.reader ? (stmt.all() as Array<Record<string, unknown>>) : (stmt.run(), []);
  } finally { db.close(); }
}
