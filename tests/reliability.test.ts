// The real server and the real SQLite file through crashes, damage and restores: nothing lost, nothing half-written.
import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './helpers/start-server.ts';
import { createUserWithCli, signedIn } from './helpers/session.ts';

const root = new URL('..', import.meta.url).pathname;
const temp = () => mkdtempSync(join(tmpdir(), 'atlas-rel-'));
const dbFile = (dir: string) => join(dir, 'atlas.sqlite');
// A fixed seed keeps failures reproducible; the soak script (tests/bench/crash-soak.ts) runs many more.
let seed = 20251127;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

function inspect(dir: string) {
  const db = new Database(dbFile(dir), { readonly: true });
  const check = db.pragma('integrity_check', { simple: true });
  const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  const counts = Object.fromEntries(['units', 'boundaries', 'observations', 'targets', 'places', 'changes'].map((t) => [t, count(t)]));
  const seeded = db.prepare(`SELECT 1 FROM meta WHERE key = 'seeded_at'`).get() !== undefined;
  const obs = db.prepare(`SELECT unit_id, indicator, period, version FROM observations WHERE entered_by != 'seed'`).all() as any[];
  const history = db.prepare(`SELECT entity_id, field, count(*) AS n FROM changes GROUP BY entity_id, field`).all() as any[];
  db.close();
  return { check, counts, seeded, obs, history };
}

const startAndRun = (dataDir: string) => spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: root, env: { ...process.env, PORT: '0', DATA_DIR: dataDir, ATLAS_SKIP_WEB_BUILD: '1', ATLAS_EXIT_AFTER_START: '1' }, encoding: 'utf8', timeout: 60_000,
});

describe('power cut (SIGKILL)', () => {
  it('during seeding: after restart the database is whole and seeded exactly once', async () => {
    for (let trial = 0; trial < 3; trial++) {
      const dir = temp();
      // Seeding takes a few seconds (geometry, then one transaction): kill at a random point of the start-up.
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: root, env: { ...process.env, PORT: '0', DATA_DIR: dir, ATLAS_SKIP_WEB_BUILD: '1' }, stdio: 'ignore',
      });
      await new Promise((r) => setTimeout(r, 500 + random() * 4000));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const after = await startServer({ dataDir: dir });
      await after.stop({ keepData: true });
      const state = inspect(dir);
      expect(state.check).toBe('ok');
      expect(state.seeded).toBe(true);
      expect(state.counts.units).toBe(27);
      expect(state.counts.boundaries).toBe(27);
    }
  });

  it('during edits: every acknowledged edit survives, and each stored value has exactly its history', async () => {
    const dir = temp();
    let server = await startServer({ dataDir: dir });
    createUserWithCli(dir, 'admin', 'admin-pass-123');
    for (let trial = 0; trial < 3; trial++) {
      const editor = await signedIn(server, 'admin', 'admin-pass-123');
      const acknowledged: Array<{ period: string; version: number }> = [];
      const killAt = 150 + random() * 600;
      const started = Date.now();
      let i = 0;
      const loop = (async () => {
        while (Date.now() - started < killAt + 2000) {
          const period = `${2030 + trial}-${String(i++ % 5)}`;
          const known = acknowledged.filter((a) => a.period === period).at(-1)?.version ?? 0;
          const r = await editor.gql(`mutation ($i: ObservationEdit!) { setObservation(input: $i) { version period } }`, {
            i: { unitId: 'fc-muong-lang', indicator: 'poorHouseholds', period, value: i, sourceNote: 'thử nghiệm mất điện', expectedVersion: known },
          }).catch(() => null);
          if (!r || r.body.errors) break;
          acknowledged.push(r.body.data.setObservation);
        }
      })();
      await new Promise((r) => setTimeout(r, killAt));
      server.process.kill('SIGKILL');
      await loop;
      server = await startServer({ dataDir: dir });
      const state = inspect(dir);
      expect(state.check).toBe('ok');
      for (const a of acknowledged) {
        const stored = state.obs.find((o) => o.period === a.period);
        expect(stored?.version ?? 0, `acknowledged ${a.period} v${a.version}`).toBeGreaterThanOrEqual(a.version);
      }
      for (const o of state.obs) {
        const h = state.history.find((x) => x.entity_id === o.unit_id && x.field === `${o.indicator}@${o.period}`);
        expect(h?.n, `history of ${o.period}`).toBe(o.version);
      }
    }
    await server.stop();
  });
});

describe('damaged or unusable storage', () => {
  it('refuses a damaged database file with a clear message and leaves it untouched', () => {
    const dir = temp();
    writeFileSync(dbFile(dir), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 7)]));
    const before = createHash('sha256').update(readFileSync(dbFile(dir))).digest('hex');
    const run = startAndRun(dir);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/is damaged .*not changed or replaced/);
    expect(createHash('sha256').update(readFileSync(dbFile(dir))).digest('hex')).toBe(before);
  });

  it('refuses a data directory it cannot write to', () => {
    // Tests run as root, so file modes do not stop writes; a path under a file (not a directory) does.
    const run = startAndRun('/dev/null/atlas-data');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/Cannot write to the data directory \/dev\/null\/atlas-data \(ENOTDIR\)/);
  });
});

describe('backup and restore', () => {
  it('round-trips the data exactly, and a restore undoes what came after the backup', async () => {
    const dir = temp();
    const server = await startServer({ dataDir: dir });
    createUserWithCli(dir, 'admin', 'admin-pass-123');
    const admin = await signedIn(server, 'admin', 'admin-pass-123');
    const set = (value: number, expectedVersion: number) => admin.gql(`mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }`,
      { i: { unitId: 'fc-muong-do', indicator: 'poorHouseholds', period: '2026', value, sourceNote: 'sổ hộ nghèo 2026', expectedVersion } });
    expect((await set(150, 0)).body.errors).toBeUndefined();
    const backup = join(temp(), 'backup.sqlite');
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', backup], { cwd: root, env: { ...process.env, DATA_DIR: dir }, encoding: 'utf8' });
    expect(out).toContain('Backup written');
    const dump = (file: string) => {
      const db = new Database(file, { readonly: true });
      const rows = db.prepare(`SELECT unit_id, indicator, period, value, version FROM observations ORDER BY unit_id, indicator, period`).all();
      const changes = db.prepare(`SELECT id, field, new_value FROM changes ORDER BY id`).all();
      db.close();
      return { rows, changes };
    };
    const atBackup = dump(backup);
    expect((await set(140, 1)).body.errors).toBeUndefined(); // after the backup
    await server.stop({ keepData: true });
    const restored = execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/restore.ts', backup], { cwd: root, env: { ...process.env, DATA_DIR: dir }, encoding: 'utf8' });
    expect(restored).toContain('Restored');
    expect(dump(dbFile(dir))).toEqual(atBackup);
    const again = await startServer({ dataDir: dir });
    const viewer = await signedIn(again, 'admin', 'admin-pass-123');
    const { body } = await viewer.gql(`{ observations(indicator: "poorHouseholds", unitId: "fc-muong-do") { period value } }`);
    expect(body.data.observations.find((o: any) => o.period === '2026').value).toBe(150);
    await again.stop();
  });

  it('refuses to restore a damaged backup and changes nothing', async () => {
    const dir = temp();
    const s = await startServer({ dataDir: dir });
    await s.stop({ keepData: true });
    const before = createHash('sha256').update(readFileSync(dbFile(dir))).digest('hex');
    const bad = join(temp(), 'bad.sqlite');
    writeFileSync(bad, 'not a database at all');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/restore.ts', bad], { cwd: root, env: { ...process.env, DATA_DIR: dir }, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/Restore failed/);
    expect(createHash('sha256').update(readFileSync(dbFile(dir))).digest('hex')).toBe(before);
  });
});
