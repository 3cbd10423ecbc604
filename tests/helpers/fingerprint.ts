// A fingerprint of everything the atlas keeps (not the sessions), read straight from the server's SQLite file.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const TABLES: Record<string, string> = {
  units: 'id', boundaries: 'unit_id', observations: 'unit_id, indicator, period', changes: 'id',
  indicators: 'key', sources: 'id', targets: 'no', places: 'id', neighbours: 'code', users: 'id', meta: 'key',
};

export interface Fingerprint { counts: Record<string, number>; hash: string }

/** Row counts and one SHA-256 over every row of the data tables, in primary-key order. */
export function fingerprint(dataDir: string): Fingerprint {
  const db = new Database(join(dataDir, 'atlas.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256');
    const counts: Record<string, number> = {};
    for (const [table, order] of Object.entries(TABLES)) {
      const rows = db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).raw().all();
      counts[table] = rows.length;
      hash.update(`${table}\n`);
      for (const r of rows) hash.update(`${JSON.stringify(r)}\n`);
    }
    return { counts, hash: hash.digest('hex') };
  } finally {
    db.close();
  }
}

/**
 * Everything in one SQLite file, sessions included: the schema version, every table's and index's definition,
 * and every row of every table (ordered by all its columns), as row counts and one SHA-256.
 */
export function wholeDatabase(file: string): Fingerprint {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256');
    hash.update(`user_version ${String(db.pragma('user_version', { simple: true }))}\n`);
    const schema = db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`).raw().all() as string[][];
    const counts: Record<string, number> = {};
    for (const row of schema) hash.update(`${JSON.stringify(row)}\n`);
    for (const [type, name] of schema) {
      if (type !== 'table' || name.startsWith('sqlite_')) continue;
      const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(name) as string[]).map((c) => `"${c}"`);
      const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY ${columns.join(', ')}`).raw().all();
      counts[name] = rows.length;
      hash.update(`${name}\n`);
      for (const r of rows) hash.update(`${JSON.stringify(r)}\n`);
    }
    return { counts, hash: hash.digest('hex') };
  } finally {
    db.close();
  }
}
