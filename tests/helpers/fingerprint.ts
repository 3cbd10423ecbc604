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
