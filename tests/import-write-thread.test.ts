// On SQLite an import's transaction runs in a worker thread on a connection of its own (server/store/sqlite-write-thread.ts).
// On the real seeded file: an edit sent while that transaction is open waits for it and is then stored, or refused as
// CONFLICT, never lost; the worker waits for a write lock another connection holds rather than failing; and a write
// thread ended mid-transaction (as a crash would end it) leaves nothing stored and the lock free.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasStore, ObservationWrite } from '../server/store/atlas-store.ts';
import { openDatabase } from '../server/store/open-database.ts';
import { seedDatabase } from '../server/store/seed-database.ts';
import { copySeededSqlite } from './helpers/seeded-sqlite.ts';
import { sqliteStore } from '../server/store/sqlite-store.ts';
import { sqliteWriteThread } from '../server/store/sqlite-write-thread.ts';
import { writeLockHeld, writeLockProbe } from './helpers/sqlite-write-lock.ts';

const seeds = new URL('../seeds/muong-bang/', import.meta.url).pathname;
const meta = { who: 'editor', why: 'thử luồng ghi' };
let dir: string;
let file: string;
let db: Database.Database;
let store: AtlasStore;
/** A second connection, as another process would have: asks for the write lock without waiting. */
let probe: Database.Database;
const lockHeld = () => writeLockHeld(probe);
const until = async (ready: () => boolean, what: string) => {
  for (let i = 0; !ready(); i++) {
    if (i > 60_000) throw new Error(`never saw: ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
};
/** Rows of `population` for the first nine bản, one period each from `first`: new values, each with its history entry. */
const writes = (count: number, first: number): ObservationWrite[] => Array.from({ length: count }, (_, i) => ({
  input: { unitId: `mb-0${1 + (i % 9)}`, indicator: 'population', period: String(first + i), value: 100 + i, denominator: null, status: 'REPORTED',
    source: { doc: 'officer-entry', ref: 'thử' }, formula: null, note: 'ghi chú dài '.repeat(20) },
  expectedVersion: 0,
}));
const stored = (from: number, to: number) => (probe.prepare(`SELECT count(*) FROM observations WHERE indicator = 'population' AND period BETWEEN ? AND ?`)
  .pluck().get(String(from), String(to)) as number);
const historyOf = (from: number, to: number) => (probe.prepare(`SELECT count(*) FROM changes WHERE field BETWEEN ? AND ?`)
  .pluck().get(`population@${from}`, `population@${to}`) as number);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-write-thread-'));
  file = join(dir, 'atlas.sqlite');
  // A copy of the run's seeded file (seeded-sqlite.ts): seedDatabase below then finds it seeded and leaves it as it is.
  copySeededSqlite(dir);
  db = openDatabase(file);
  seedDatabase(db, seeds);
  store = sqliteStore(db);
  probe = writeLockProbe(file);
}, 120_000);
afterAll(async () => {
  probe?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an edit sent while an import is written in the write thread', () => {
  it('waits for the import\'s COMMIT, then is stored; the import is stored whole, each row with its history', async () => {
    const order: string[] = [];
    const importing = store.setObservations(writes(3000, 5000), meta).then(() => order.push('import'));
    await until(lockHeld, 'the import holding the write lock');
    const fc = (await store.snapshot()).observations({ unitId: 'fc-muong-do', indicator: 'povertyRate' })[0];
    const edit = store.setObservation({ ...fc, value: 7.5, comparator: null }, fc.version, meta).then((o) => { order.push('edit'); return o; });
    await Promise.all([importing, edit]);
    expect(order).toEqual(['import', 'edit']);
    expect((await edit).version).toBe(fc.version + 1);
    expect(stored(5000, 7999)).toBe(3000);
    expect(historyOf(5000, 7999)).toBe(3000);
    const after = await store.snapshot();
    expect(after.observations({ unitId: 'fc-muong-do', indicator: 'povertyRate' })[0]).toMatchObject({ value: 7.5, version: fc.version + 1 });
    expect(after.observations({ unitId: 'mb-01', indicator: 'population' }).filter((o) => Number(o.period) >= 5000)).toHaveLength(334);
  }, 120_000);

  it('of a value the import overwrites, naming the version before it: refused as CONFLICT after the import, the import\'s value kept', async () => {
    const before = (await store.snapshot()).observations({ unitId: 'mb-01', indicator: 'population' }).find((o) => o.period === '5000')!;
    const overwrite = writes(3000, 5000).map((w) => ({ input: { ...w.input, value: (w.input.value as number) + 1 }, expectedVersion: 1 }));
    const importing = store.setObservations(overwrite, meta);
    await until(lockHeld, 'the import holding the write lock');
    const edit = store.setObservation({ ...before, value: 1, comparator: null }, before.version, meta).then(() => null, (e: { code?: string }) => e.code);
    await importing;
    expect(await edit).toBe('CONFLICT');
    const now = (await store.snapshot()).observations({ unitId: 'mb-01', indicator: 'population' }).find((o) => o.period === '5000')!;
    expect(now).toMatchObject({ value: 101, version: 2 });
    expect(historyOf(5000, 5000)).toBe(2);
  }, 120_000);
});

describe('the write thread and the write lock', () => {
  it('waits for a write lock another connection holds (busy_timeout), then writes', async () => {
    const holder = new Database(file, { fileMustExist: true });
    try {
      holder.exec('BEGIN IMMEDIATE');
      let settled = false;
      const importing = store.setObservations(writes(9, 9000), meta).finally(() => { settled = true; });
      await new Promise((r) => setTimeout(r, 300));
      expect(settled).toBe(false); // still waiting for the lock, not failed
      expect(stored(9000, 9008)).toBe(0);
      holder.exec('ROLLBACK');
      await importing;
      expect(stored(9000, 9008)).toBe(9);
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
    }
  }, 60_000);

  it('ended mid-transaction, as a crash ends it: nothing of its writes is stored, the lock is free, the next import writes', async () => {
    const thread = sqliteWriteThread(db);
    const tx = await thread.begin();
    await tx.setObservations(writes(500, 10000), meta); // written in the open transaction…
    expect(lockHeld()).toBe(true);
    const more = tx.setObservations(writes(3000, 10500), meta).then(() => 'written', (e: Error) => e.message);
    await thread.terminate(); // …and the thread ended before COMMIT
    expect(await more).toMatch(/stopped|no open transaction/);
    expect(lockHeld()).toBe(false);
    expect(stored(10000, 13499)).toBe(0);
    expect(historyOf(10000, 13499)).toBe(0);
    await store.setObservations(writes(9, 10000), meta);
    expect(stored(10000, 10008)).toBe(9);
    expect(historyOf(10000, 10008)).toBe(9);
  }, 60_000);
});
