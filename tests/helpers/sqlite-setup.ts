// Global setup of the "sqlite" test project: one SQLite file seeded once per run by the portal's own code (migrations,
// seeding), which every portal started on a new data directory then gets a copy of (start-server.ts): a file copy
// instead of seeding again (seconds of geometry work per portal), as the postgres project copies its template database.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/store/open-database.ts';
import { seedDatabase } from '../../server/store/seed-database.ts';

declare module 'vitest' {
  export interface ProvidedContext { sqliteTemplate: string }
}

export default function setup(project: TestProject) {
  const root = new URL('../..', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), 'atlas-test-template-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const file = join(dir, 'atlas.sqlite');
  try {
    // The seeds a portal reads by default (config.ts), so the copy is what its first start would write.
    const db = openDatabase(file);
    try {
      if (!seedDatabase(db, join(root, 'seeds/muong-bang')).seeded) throw new Error(`${file} was not seeded`);
    } finally { db.close(); }
    // Closed, the write-ahead log is checkpointed into the file and removed: the file alone is the whole database.
    if (existsSync(`${file}-wal`)) throw new Error(`${file}-wal is still there after closing the template`);
  } catch (e) {
    remove();
    throw e;
  }
  project.provide('sqliteTemplate', file);
  return remove;
}
