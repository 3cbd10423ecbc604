// Starting the portal on a data directory that once held a database whose file is now missing.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gql, startServer } from './helpers/start-server.ts';

describe('a data directory whose database file is missing', () => {
  // Removed after each test, also when an assertion failed before the test's own clean-up.
  const dirs: string[] = [];
  afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

  it('is not silently reseeded when it has backups; the message names the latest and how to restore it', async () => {
    const first = await startServer();
    const dir = first.dataDir;
    dirs.push(dir);
    await first.stop({ keepData: true });
    mkdirSync(join(dir, 'backups'));
    copyFileSync(join(dir, 'atlas.sqlite'), join(dir, 'backups', 'atlas-2026-01-01.sqlite'));
    copyFileSync(join(dir, 'atlas.sqlite'), join(dir, 'backups', 'atlas-2026-02-01.sqlite'));
    for (const f of ['atlas.sqlite', 'atlas.sqlite-wal', 'atlas.sqlite-shm']) rmSync(join(dir, f), { force: true });

    const refused = await startServer({ dataDir: dir }).then(() => null, (e: Error) => e.message);
    expect(refused).toMatch(/server exited with 1/);
    expect(refused).toContain('atlas.sqlite is missing');
    expect(refused).toContain(join(dir, 'backups', 'atlas-2026-02-01.sqlite'));
    expect(refused).toContain('npm run restore');
    expect(existsSync(join(dir, 'atlas.sqlite'))).toBe(false); // nothing created

    // Asked for explicitly, a new database is seeded.
    const fresh = await startServer({ dataDir: dir, env: { ATLAS_NEW_DATABASE: '1' } });
    try {
      expect(fresh.output()).toContain('Created and seeded');
      expect((await gql(fresh, '{ villages { id } }')).body.data.villages).toHaveLength(23);
    } finally {
      await fresh.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('is created and seeded on a first start (no backups, no log)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-first-'));
    dirs.push(dir);
    const server = await startServer({ dataDir: dir });
    try {
      expect(server.output()).toContain('Created and seeded');
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
