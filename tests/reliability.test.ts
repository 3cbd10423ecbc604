// The real server and the real SQLite file through crashes, damage and restores: nothing lost, nothing half-written.
import { describe, it, expect, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprint, wholeDatabase } from './helpers/fingerprint.ts';
import { importDamage, importUntilCut, type ImportLedger } from './helpers/import-crash.ts';
import { formatError } from '../server/http/format-error.ts';
import { importObservationFile } from '../server/imports/observation-import.ts';
import { sqliteStore } from '../server/store/sqlite-store.ts';
import { copySeededSqlite } from './helpers/seeded-sqlite.ts';
import { gql, startServer as startPortal, type RunningServer } from './helpers/start-server.ts';
import { createUserWithCli, signedIn, type Client } from './helpers/session.ts';

const root = new URL('..', import.meta.url).pathname;
// Every temporary directory, server and child process a test makes is ended after it, passed or failed.
const temps: string[] = [];
const servers: RunningServer[] = [];
const children: ChildProcess[] = [];
const temp = () => { const dir = mkdtempSync(join(tmpdir(), 'atlas-rel-')); temps.push(dir); return dir; };
// A data directory holding the run's seeded database, as a portal's first start leaves it (tests of seeding use temp()).
const seededTemp = () => { const dir = temp(); copySeededSqlite(dir); return dir; };
const startServer = async (opts: { dataDir: string }) => { const s = await startPortal(opts); servers.push(s); return s; };
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const s of servers.splice(0)) await s.stop({ keepData: true });
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Wait until ready() is true, checking every 10 ms; fails after timeoutMs saying what it waited for. */
async function until(ready: () => boolean, what: string, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await sleep(10);
  }
}
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

/** Whether the file holds a finished seeding (false too when the kill came before its tables were made). */
function seededFile(dir: string): boolean {
  const db = new Database(dbFile(dir), { readonly: true });
  try {
    const meta = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).get();
    return meta !== undefined && db.prepare(`SELECT 1 FROM meta WHERE key = 'seeded_at'`).get() !== undefined;
  } finally { db.close(); }
}

const startAndRun = (dataDir: string) => spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: root, env: { ...process.env, PORT: '0', DATA_DIR: dataDir, ATLAS_SKIP_WEB_BUILD: '1', ATLAS_EXIT_AFTER_START: '1' }, encoding: 'utf8', timeout: 60_000,
});

describe('power cut (SIGKILL)', () => {
  // Each test runs three trials, each restarting (and maybe seeding) the portal: minutes on a busy machine.
  it('during seeding: after restart the database is whole and seeded exactly once', async () => {
    for (let trial = 0; trial < 3; trial++) {
      const dir = temp();
      // Seeding opens the file first, then computes the geometry (seconds) and stores everything in one
      // transaction: kill at a random point after the file appears, and check that seeding had not finished.
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: root, env: { ...process.env, PORT: '0', DATA_DIR: dir, ATLAS_SKIP_WEB_BUILD: '1' }, stdio: ['ignore', 'pipe', 'ignore'],
      });
      children.push(child);
      let said = '';
      child.stdout!.on('data', (d) => (said += d));
      const exited = new Promise((r) => child.once('exit', r));
      await until(() => existsSync(dbFile(dir)), 'the database file');
      await sleep(random() * 300);
      child.kill('SIGKILL');
      await exited;
      expect(said).not.toContain('Created and seeded');
      expect(seededFile(dir), 'the kill landed after seeding had finished').toBe(false);
      const after = await startServer({ dataDir: dir });
      expect(after.output()).toContain('Created and seeded');
      await after.stop({ keepData: true });
      const state = inspect(dir);
      expect(state.check).toBe('ok');
      expect(state.seeded).toBe(true);
      expect(state.counts.units).toBe(27);
      expect(state.counts.boundaries).toBe(27);
    }
  }, 240_000);

  it('during edits: every acknowledged edit survives, and each stored value has exactly its history', async () => {
    const dir = seededTemp();
    let server = await startServer({ dataDir: dir });
    createUserWithCli(dir, 'admin', 'admin-pass-123');
    for (let trial = 0; trial < 3; trial++) {
      const editor = await signedIn(server, 'admin', 'admin-pass-123');
      const acknowledged: Array<{ period: string; version: number }> = [];
      let killed = false;
      let i = 0;
      const loop = (async () => {
        while (!killed) {
          const period = `${2030 + trial}-${String(i++ % 5)}`;
          const known = acknowledged.filter((a) => a.period === period).at(-1)?.version ?? 0;
          const r = await editor.gql(`mutation ($i: ObservationEdit!) { setObservation(input: $i) { version period } }`, {
            i: { unitId: 'fc-muong-lang', indicator: 'poorHouseholds', period, value: i, sourceNote: 'thử nghiệm mất điện', expectedVersion: known },
          }).catch(() => null);
          if (!r || r.body.errors) break;
          acknowledged.push(r.body.data.setObservation);
        }
      })();
      // The kill comes at a random point after the first edit is acknowledged, so there is always one to look for.
      await until(() => acknowledged.length > 0, 'a first acknowledged edit');
      await sleep(random() * 600);
      const exited = new Promise((r) => server.process.once('exit', r));
      server.process.kill('SIGKILL');
      killed = true;
      await loop;
      await exited;
      server = await startServer({ dataDir: dir });
      const state = inspect(dir);
      expect(state.check).toBe('ok');
      expect(acknowledged.length).toBeGreaterThan(0);
      for (const a of acknowledged) {
        const stored = state.obs.find((o) => o.period === a.period);
        expect(stored?.version ?? 0, `acknowledged ${a.period} v${a.version}`).toBeGreaterThanOrEqual(a.version);
      }
      expect(state.obs.length).toBeGreaterThan(0);
      for (const o of state.obs) {
        const h = state.history.find((x) => x.entity_id === o.unit_id && x.field === `${o.indicator}@${o.period}`);
        expect(h?.n, `history of ${o.period}`).toBe(o.version);
      }
    }
  }, 240_000);

  it('during imports: each import is in the database wholly or not at all, and every acknowledged one survives', async () => {
    const dir = seededTemp();
    let server = await startServer({ dataDir: dir });
    createUserWithCli(dir, 'admin', 'admin-pass-123');
    const units = (await (await signedIn(server, 'admin', 'admin-pass-123')).gql('{ units { id } }')).body.data.units.map((u: { id: string }) => u.id);
    const ledger: ImportLedger = new Map();
    for (let trial = 0; trial < 3; trial++) {
      const editor = await signedIn(server, 'admin', 'admin-pass-123');
      let killed = false, applied = 0;
      const load = importUntilCut(editor, units, 3000 + trial * 100, ledger, () => killed, () => applied++);
      // After the first acknowledged import of the trial, at a random point.
      await until(() => applied > 0, 'a first acknowledged import');
      await sleep(random() * 1500);
      const exited = new Promise((r) => server.process.once('exit', r));
      server.process.kill('SIGKILL');
      killed = true;
      await load;
      await exited;
      server = await startServer({ dataDir: dir });
      const db = new Database(dbFile(dir), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(importDamage(db, ledger)).toEqual({ halfWritten: [], lost: [] });
      } finally { db.close(); }
    }
    expect([...ledger.values()].filter((i) => i.applied).length).toBeGreaterThanOrEqual(3);
  }, 240_000);
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

describe('a full, read-only or failing disk during an edit or import', () => {
  const IMPORT = 'mutation ($i: ObservationImportInput!) { importObservations(input: $i) { applied rowsValid } }';
  // 61 new periods × every unit × 3 indicators (4,941 rows, within the 5,000-row limit): a few hundred kB to write.
  const bigImport = (units: string[]) => {
    const rows = Array.from({ length: 61 }, (_, p) => units.flatMap((u, j) =>
      ['population', 'households', 'poorHouseholds'].map((k, m) => `${u},${k},${3100 + p},${100 + j * 3 + m}`))).flat();
    return { rows: rows.length, fileBase64: Buffer.from(['unit,indicator,period,value', ...rows].join('\n')).toString('base64') };
  };
  const importedRows = (file: string) => {
    const db = new Database(file, { readonly: true });
    try { return (db.prepare(`SELECT count(*) AS n FROM observations WHERE period BETWEEN '3100' AND '3160'`).get() as { n: number }).n; } finally { db.close(); }
  };

  it('over HTTP: a disk that refuses to grow answers STORAGE_IO_ERROR, changes nothing, and the import goes through once there is room', async () => {
    const dir = seededTemp();
    const server = await startServer({ dataDir: dir });
    createUserWithCli(dir, 'admin', 'admin-pass-123');
    const editor = await signedIn(server, 'admin', 'admin-pass-123');
    const units = (await editor.gql('{ units { id } }')).body.data.units.map((u: { id: string }) => u.id) as string[];
    const { rows, fileBase64 } = bigImport(units);
    const input = { i: { fileBase64, format: 'CSV', dryRun: false, sourceNote: 'thử ổ đĩa đầy' } };
    const before = fingerprint(dir);
    // The running server's file-size limit (RLIMIT_FSIZE, soft) set to the largest file it has: from now on its writes
    // fail as they would on a full disk (the kernel answers EFBIG, SQLite SQLITE_IOERR_WRITE).
    const largest = Math.max(...['atlas.sqlite', 'atlas.sqlite-wal'].map((f) => join(dir, f)).filter(existsSync).map((f) => statSync(f).size));
    execFileSync('prlimit', ['--pid', String(server.process.pid), `--fsize=${largest}:`]);
    const refused = await editor.gql(IMPORT, input);
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors![0].extensions).toEqual({ code: 'STORAGE_IO_ERROR' });
    expect(refused.body.errors![0].message).toMatch(/^Đọc hoặc ghi ổ đĩa bị lỗi; không có gì thay đổi.* \/ Reading or writing the disk failed; nothing was changed/);
    expect(JSON.stringify(refused.body)).not.toMatch(/sqlite|SQLITE_|\/tmp\//i);
    expect(fingerprint(dir)).toEqual(before);
    expect((await gql(server, '{ commune { name } }')).body.data.commune.name).toBeTruthy(); // reading goes on
    execFileSync('prlimit', ['--pid', String(server.process.pid), '--fsize=unlimited:']);
    const applied = await editor.gql(IMPORT, input);
    expect(applied.body.errors).toBeUndefined();
    expect(applied.body.data.importObservations).toEqual({ applied: true, rowsValid: rows });
    expect(importedRows(dbFile(dir))).toBe(rows);
    await server.stop();
  });

  it('in the store: a full database (max_page_count reached) is STORAGE_FULL, a read-only one STORAGE_READ_ONLY, and nothing changes', async () => {
    // No honest way to fill a disk or make a file read-only for root from a test: SQLite's own page limit
    // (per connection) and a read-only connection give the same SqliteError codes, on a real seeded file.
    const dir = seededTemp();
    const server = await startServer({ dataDir: dir });
    await server.stop({ keepData: true });
    const units = (new Database(dbFile(dir), { readonly: true }).prepare('SELECT id FROM units').pluck().all()) as string[];
    const { fileBase64 } = bigImport(units);
    const before = wholeDatabase(dbFile(dir));

    const full = new Database(dbFile(dir));
    full.pragma(`max_page_count = ${full.pragma('page_count', { simple: true }) as number}`);
    const fullStore = sqliteStore(full);
    const fullError = await importObservationFile(fullStore, { fileBase64, format: 'CSV' as never, dryRun: false, sourceNote: 'thử ổ đĩa đầy', why: null }, 'admin')
      .then(() => null, (e: unknown) => e);
    await fullStore.close();
    expect((fullError as { code?: string })?.code).toBe('SQLITE_FULL');
    expect(formatError({ message: 'x' }, fullError)).toMatchObject({ extensions: { code: 'STORAGE_FULL' }, message: expect.stringMatching(/The disk holding the data is full; nothing was changed/) });
    expect(wholeDatabase(dbFile(dir))).toEqual(before);

    const readOnly = new Database(dbFile(dir), { readonly: true });
    let readOnlyError: unknown = null;
    try {
      await sqliteStore(readOnly).setObservation({ unitId: 'fc-muong-do', indicator: 'poorHouseholds', period: '2026', value: 1, denominator: null, status: 'REPORTED',
        source: { doc: 'officer-entry', label: 'thử' }, formula: null, note: null } as never, 0, { who: 'admin', why: null } as never);
    } catch (e) { readOnlyError = e; }
    readOnly.close();
    expect((readOnlyError as { code?: string })?.code).toBe('SQLITE_READONLY');
    expect(formatError({ message: 'x' }, readOnlyError)).toMatchObject({ extensions: { code: 'STORAGE_READ_ONLY' }, message: expect.stringMatching(/nothing was changed/) });
    expect(wholeDatabase(dbFile(dir))).toEqual(before);
  });
});

describe('backup and restore', () => {
  const backupCli = (dir: string, file: string) => execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', file], { cwd: root, env: { ...process.env, DATA_DIR: dir }, encoding: 'utf8' });
  const restoreCli = (dir: string, file: string) => spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/restore.ts', file], { cwd: root, env: { ...process.env, DATA_DIR: dir }, encoding: 'utf8' });
  const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
  const setPoor = (admin: Client, value: number, expectedVersion: number) => admin.gql(`mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }`,
    { i: { unitId: 'fc-muong-do', indicator: 'poorHouseholds', period: '2026', value, sourceNote: 'sổ hộ nghèo 2026', expectedVersion } });
  const poor2026 = async (server: RunningServer) => {
    const viewer = await signedIn(server, 'admin', 'admin-pass-123');
    const { body } = await viewer.gql(`{ observations(indicator: "poorHouseholds", unitId: "fc-muong-do") { period value } }`);
    return body.data.observations.find((o: any) => o.period === '2026')?.value;
  };

  it('round-trips the whole database exactly, and a restore undoes what came after the backup', async () => {
    const dir = seededTemp();
    const server = await startServer({ dataDir: dir });
    createUserWithCli(dir, 'admin', 'admin-pass-123');
    const admin = await signedIn(server, 'admin', 'admin-pass-123');
    expect((await setPoor(admin, 150, 0)).body.errors).toBeUndefined();
    const backup = join(temp(), 'backup.sqlite');
    expect(backupCli(dir, backup)).toContain('Backup written');
    // The backup holds everything the live database held (schema, every table, sessions too).
    const atBackup = wholeDatabase(backup);
    expect(wholeDatabase(dbFile(dir))).toEqual(atBackup);
    expect((await setPoor(admin, 140, 1)).body.errors).toBeUndefined(); // after the backup
    expect(wholeDatabase(dbFile(dir)).hash).not.toBe(atBackup.hash);
    await server.stop({ keepData: true });
    const restored = restoreCli(dir, backup);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toContain('Restored');
    expect(wholeDatabase(dbFile(dir))).toEqual(atBackup);
    const again = await startServer({ dataDir: dir });
    expect(await poor2026(again)).toBe(150);
    await again.stop();
  });

  it('restores a good backup over a damaged database, keeping the damaged files aside as they were', async () => {
    const dir = seededTemp();
    const server = await startServer({ dataDir: dir });
    createUserWithCli(dir, 'admin', 'admin-pass-123');
    const admin = await signedIn(server, 'admin', 'admin-pass-123');
    expect((await setPoor(admin, 150, 0)).body.errors).toBeUndefined();
    const backupDir = temp();
    const backup = join(backupDir, 'atlas.sqlite');
    expect(backupCli(dir, backup)).toContain('Backup written');
    const atBackup = fingerprint(backupDir);
    // Most pages into the database file (as SQLite's automatic checkpoint does), the next edit in the log only.
    const live = new Database(dbFile(dir));
    expect(live.pragma('wal_checkpoint(PASSIVE)', { simple: true })).toBe(0);
    live.close();
    expect((await setPoor(admin, 140, 1)).body.errors).toBeUndefined();
    // A power cut (its -wal and -shm stay behind, and its lock must not), then a damaged database file.
    server.process.kill('SIGKILL');
    await new Promise((r) => server.process.once('exit', r));
    writeFileSync(dbFile(dir), Buffer.alloc(statSync(dbFile(dir)).size, 0x5a));
    const files = ['atlas.sqlite', 'atlas.sqlite-wal', 'atlas.sqlite-shm'];
    for (const f of files) expect(existsSync(join(dir, f)), f).toBe(true);
    const before = Object.fromEntries(files.map((f) => [f, sha(join(dir, f))]));
    // The portal refuses these files and leaves them as they were (tried on a copy, so that the restore below
    // finds the files the power cut left).
    const probe = temp();
    for (const f of files) copyFileSync(join(dir, f), join(probe, f));
    expect(startAndRun(probe).stderr).toMatch(/is damaged .*npm run restore/);
    // (The -shm is only SQLite's index of the log, rebuilt from it by whoever opens the files.)
    const data = ['atlas.sqlite', 'atlas.sqlite-wal'];
    expect(data.map((f) => (existsSync(join(probe, f)) ? sha(join(probe, f)) : 'missing'))).toEqual(data.map((f) => before[f]));

    const run = restoreCli(dir, backup);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const kept = run.stdout.match(/kept, unchanged, in (\S+) \(/)?.[1];
    expect(kept, run.stdout).toBeDefined();
    expect(Object.fromEntries(files.map((f) => [f, sha(join(kept!, f))]))).toEqual(before);
    expect(existsSync(join(dir, 'atlas.sqlite-wal'))).toBe(false); // the damaged file's log never meets the restored file

    const again = await startServer({ dataDir: dir });
    expect(await poor2026(again)).toBe(150);
    expect(fingerprint(dir)).toEqual(atBackup);
    await again.stop();
  }, 180_000); // three portal starts and two command-line runs: minutes on a loaded machine

  it('refuses to restore while the portal runs on the data directory, and changes nothing', async () => {
    const dir = seededTemp();
    const server = await startServer({ dataDir: dir });
    const backup = join(temp(), 'backup.sqlite');
    expect(backupCli(dir, backup)).toContain('Backup written');
    const before = wholeDatabase(dbFile(dir));
    const run = restoreCli(dir, backup);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/Restore failed: .*The portal \(or another atlas command\) is using the data directory .*Stop it first; nothing was changed/);
    expect(readdirSync(dir).filter((f) => f.startsWith('before-restore') || f.endsWith('.restoring'))).toEqual([]);
    expect(wholeDatabase(dbFile(dir))).toEqual(before);
    expect((await gql(server, '{ commune { name } }')).body.errors).toBeUndefined();
    await server.stop({ keepData: true });
    expect(restoreCli(dir, backup).status).toBe(0); // stopped: the lock is gone
  });

  it('refuses to restore a damaged backup and changes nothing', async () => {
    const dir = seededTemp();
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
