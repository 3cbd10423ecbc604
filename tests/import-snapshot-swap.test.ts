// While an applied import runs (rows received in parts, planned in slices, written in the write thread, the new
// snapshot read in slices after its COMMIT), readers of the SQLite store keep the previous snapshot, and the data
// version they see always goes with the data they see: never the new version with the old values, or the reverse.
// After an import the snapshot reads only the observations again and keeps what did not change (the other tables,
// untouched values, unchanged parts); it still equals a full read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importObservationFile } from '../server/imports/observation-import.ts';
import { openDatabase } from '../server/store/open-database.ts';
import { seedDatabase } from '../server/store/seed-database.ts';
import { copySeededSqlite } from './helpers/seeded-sqlite.ts';
import { sqliteStore } from '../server/store/sqlite-store.ts';
import type { AtlasSnapshot, AtlasStore } from '../server/store/atlas-store.ts';

const seeds = new URL('../seeds/muong-bang/', import.meta.url).pathname;
const ROWS = 3000;
const note = 'ghi chú dài '.repeat(20);
/** The n-th file: every row gets the value n * 10,000 + its index, so each import rewrites all of them. */
const file = (n: number) => Buffer.from(['unit,indicator,period,value,note',
  ...Array.from({ length: ROWS }, (_, i) => `mb-0${1 + (i % 9)},population,${3000 + i},${n * 10_000 + i},"${note}"`)].join('\n')).toString('base64');
/** Rows looked at in each read: the file's first, a middle and its last. */
const PROBES = [0, 1500, ROWS - 1].map((i) => ({ unitId: `mb-0${1 + (i % 9)}`, period: String(3000 + i), i }));
/** Which file each probed row's value comes from (0: not imported yet). */
const filesSeen = (s: AtlasSnapshot) => PROBES.map(({ unitId, period, i }) => {
  const o = s.observations({ unitId, indicator: 'population' }).find((x) => x.period === period);
  return o ? ((o.value as number) - i) / 10_000 : 0;
});

let dir: string;
let file0: string;
let store: AtlasStore;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-import-swap-'));
  file0 = join(dir, 'atlas.sqlite');
  // A copy of the run's seeded file (seeded-sqlite.ts): seedDatabase below then finds it seeded and leaves it as it is.
  copySeededSqlite(dir);
  const db = openDatabase(file0);
  seedDatabase(db, seeds);
  store = sqliteStore(db);
}, 60_000);
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const apply = (n: number) => importObservationFile(store, { fileBase64: file(n), format: 'CSV', dryRun: false, sourceNote: 'thử đọc khi nhập', why: null }, 'editor');

describe('readers of the SQLite store during an applied import', () => {
  it('see the previous version with the previous values until the new snapshot is in place, then the new version with the new values', async () => {
    const first = await apply(1);
    expect(first.applied).toBe(true);
    const before = await store.snapshot();
    expect(filesSeen(before)).toEqual([1, 1, 1]);

    let done = false;
    const importing = apply(2).finally(() => { done = true; });
    const seen: { version: number; dataVersion: number; files: number[] }[] = [];
    while (!done) {
      // Both answered in the same turn, as one request reads them: the version is the answer cache's key.
      const [s, dataVersion] = await Promise.all([store.snapshot(), store.dataVersion()]);
      seen.push({ version: s.version, dataVersion, files: filesSeen(s) });
      await new Promise((r) => setImmediate(r));
    }
    const second = await importing;
    expect(second.applied).toBe(true);
    expect(second.changes).toHaveLength(ROWS);
    const after = await store.snapshot();
    expect(after.version).toBeGreaterThan(before.version);
    expect(filesSeen(after)).toEqual([2, 2, 2]);

    // Many reads were answered while the import ran, all of them from the snapshot before it: its answer is sent once
    // the new snapshot is in place, so no reader meets it earlier, and none ever met a mix.
    expect(seen.length).toBeGreaterThan(20);
    for (const r of seen) expect(r).toEqual({ version: before.version, dataVersion: before.version, files: [1, 1, 1] });
  }, 120_000);

  it('holds, after the import, every observation in the order a full read of the file gives', async () => {
    // A second store on the same file reads every table at once (ORDER BY in SQL); this store's snapshot was read in pages.
    const other = sqliteStore(openDatabase(file0));
    try {
      const whole = (await other.snapshot()).observations({});
      const paged = (await store.snapshot()).observations({});
      expect(whole.length).toBeGreaterThan(ROWS);
      expect(paged).toEqual(whole);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('after an import reads only the observations again, keeps the objects of what did not change, and equals a full read', async () => {
    const before = await store.snapshot();
    const all = before.observations({});
    const untouched = all.find((o) => !(o.indicator === 'population' && Number(o.period) >= 3000))!;
    const rewritten = all.find((o) => o.unitId === 'mb-01' && o.indicator === 'population' && o.period === '3000')!;
    expect(untouched).toBeDefined();
    expect(rewritten.value).toBe(20_000);

    expect((await apply(3)).applied).toBe(true);
    const after = await store.snapshot();
    expect(after.version).toBeGreaterThan(before.version);
    // The tables an import does not write are the previous snapshot's, not read and parsed again.
    expect(after.neighbours()).toBe(before.neighbours());
    expect(after.indicators()).toBe(before.indicators());
    expect(after.places()).toBe(before.places());
    expect(after.sources()).toBe(before.sources());
    expect(after.targets()).toBe(before.targets());
    expect(after.unit('mb-01')).toBe(before.unit('mb-01'));
    expect(after.boundary('mb-01')).toBe(before.boundary('mb-01'));
    // A value the import did not touch is the same object; a rewritten one is new, with its unchanged parts shared.
    const find = (s: AtlasSnapshot, o: { id: number; unitId: string; indicator: string }) =>
      s.observations({ unitId: o.unitId, indicator: o.indicator }).find((x) => x.id === o.id)!;
    expect(find(after, untouched)).toBe(untouched);
    const now = find(after, rewritten);
    expect(now).not.toBe(rewritten);
    expect(now.value).toBe(30_000);
    expect(now.version).toBe(rewritten.version + 1);
    expect(now.source).toEqual(rewritten.source);
    expect(now.source).toBe(rewritten.source);

    // Every table equals what a second store on the same file reads at once.
    const other = sqliteStore(openDatabase(file0));
    try {
      const whole = await other.snapshot();
      expect(after.version).toBe(whole.version);
      expect(after.observations({})).toEqual(whole.observations({}));
      for (const level of ['commune', 'formerCommune', 'village'] as const) {
        expect(after.units(level)).toEqual(whole.units(level));
        for (const u of whole.units(level)) expect(after.boundary(u.id)).toEqual(whole.boundary(u.id));
      }
      expect(after.neighbours()).toEqual(whole.neighbours());
      expect(after.indicators()).toEqual(whole.indicators());
      expect(after.places()).toEqual(whole.places());
      expect(after.sources()).toEqual(whole.sources());
      expect(after.targets()).toEqual(whole.targets());
    } finally {
      await other.close();
    }
  }, 120_000);

  it('reads every table again after a write that is not an import', async () => {
    const before = await store.snapshot();
    const unit = before.unit('mb-02')!;
    await store.setUnitName(unit.id, 'Bản thử đổi tên', null, unit.version, { who: 'editor', why: 'thử' });
    const after = await store.snapshot();
    expect(after.unit('mb-02')!.name).toBe('Bản thử đổi tên');
    expect(after.unit('mb-02')).not.toBe(unit);
    expect(after.neighbours()).not.toBe(before.neighbours());
    expect(after.neighbours()).toEqual(before.neighbours());
  }, 60_000);
});
