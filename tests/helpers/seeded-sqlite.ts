// The SQLite file the run seeded once (sqlite-setup.ts), copied where a test would otherwise have a portal or the
// store seed a new database: the same file a first start writes, without seconds of geometry work each time.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/** The run's seeded SQLite file, or null outside Vitest (the benches) and in a project that did not seed one. */
export function seededSqliteTemplate(): string | null {
  if (!process.env.VITEST) return null;
  return inject('sqliteTemplate') ?? null;
}

/** Put a copy of the run's seeded database into `dataDir` as its atlas.sqlite; false (nothing copied) without one. */
export function copySeededSqlite(dataDir: string): boolean {
  const template = seededSqliteTemplate();
  if (!template) return false;
  copyFileSync(template, join(dataDir, 'atlas.sqlite'));
  return true;
}
