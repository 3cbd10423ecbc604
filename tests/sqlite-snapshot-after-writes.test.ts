// The SQLite store's snapshot after a write (server/store/sqlite-store.ts, tables-after-writes.ts): a turn that
// stored observations only gives the previous tables with the written rows in place; it must hold exactly what a
// second connection reads from the file, in the same order, and keep every unchanged value as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../server/store/open-store.ts';
import type { AtlasSnapshot, AtlasStore, ObservationInput } from '../server/store/atlas-store.ts';

const SEEDS = new URL('../seeds/muong-bang', import.meta.url).pathname;
const meta = { who: 'editor', why: 'kiểm tra ảnh chụp sau khi ghi' };
let dataDir: string;
let store: AtlasStore;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'atlas-snapshot-after-writes-'));
  ({ store } = await openStore(dataDir, SEEDS, { allowNew: true }));
});
afterAll(async () => { await store?.close(); rmSync(dataDir, { recursive: true, force: true }); });

/** What a fresh connection to the same file reads: every observation of every commune, in the snapshot's order. */
async function fromTheFile(): Promise<{ version: number; rows: unknown[] }> {
  const { store: other } = await openStore(dataDir, SEEDS);
  try {
    const s = await other.snapshot();
    return { version: s.version, rows: everyObservation(s) };
  } finally {
    await other.close();
  }
}
const everyObservation = (s: AtlasSnapshot) => [s, ...s.detailedCommunes().slice(1).map((c) => s.forCommune(c.id)!)].flatMap((v) => v.observations({}));

const population = (unitId: string, period: string, value: number): ObservationInput => ({
  unitId, indicator: 'population', period, value, denominator: null, status: 'REPORTED',
  source: { doc: 'officer-entry', ref: 'đếm tại bản' }, formula: null, note: `ghi chú ${period}`,
});

describe('the SQLite snapshot after a write', () => {
  it('after an import-like transaction (changed and new values) holds what the file holds, unchanged values kept as they were', async () => {
    const before = await store.snapshot();
    const village = before.units('village')[0].id;
    const stored = before.observations({}).filter((o) => o.unitId !== village);
    expect(stored.length).toBeGreaterThan(0);
    const writes = [
      population(village, '3001', 10), population(village, '1999', 11), population(village, '2500', 12), // new periods, sorted among others
      population(village, '3001', 13), // the same value written twice in the transaction: the last one counts
    ];
    await store.atomically(async (tx) => {
      for (const w of writes) {
        const current = (await tx.snapshot()).observations({ unitId: w.unitId, indicator: w.indicator }).find((o) => o.period === w.period);
        await tx.setObservation(w, current?.version ?? 0, meta);
      }
    });
    const after = await store.snapshot();
    const file = await fromTheFile();
    expect(after.version).toBe(before.version + writes.length);
    expect(after.version).toBe(file.version);
    expect(everyObservation(after)).toEqual(file.rows);
    expect(after.observations({ unitId: village, indicator: 'population' }).map((o) => [o.period, o.value]).slice(0, 3))
      .toEqual([['3001', 13], ['2500', 12], ['1999', 11]]);
    // Values the transaction did not write are the very objects the previous snapshot held.
    const kept = after.observations({}).filter((o) => o.unitId !== village);
    expect(kept.length).toBe(stored.length);
    expect(kept.every((o, i) => o === stored[i])).toBe(true);
  });

  it('after a write of another kind (a bản name) reads every table again', async () => {
    const before = await store.snapshot();
    const village = before.units('village')[1];
    await store.setUnitName(village.id, 'Bản Kiểm Tra', null, village.version, meta);
    const after = await store.snapshot();
    expect(after.unit(village.id)?.name).toBe('Bản Kiểm Tra');
    const file = await fromTheFile();
    expect(after.version).toBe(file.version);
    expect(everyObservation(after)).toEqual(file.rows);
  });

  it('after a transaction that was rolled back keeps the snapshot it had', async () => {
    const before = await store.snapshot();
    const village = before.units('village')[2].id;
    await expect(store.atomically(async (tx) => {
      await tx.setObservation(population(village, '2600', 1), 0, meta);
      throw new Error('bỏ giữa chừng');
    })).rejects.toThrow('bỏ giữa chừng');
    const after = await store.snapshot();
    expect(after).toBe(before);
    expect(after.observations({ unitId: village, indicator: 'population' }).some((o) => o.period === '2600')).toBe(false);
    expect((await fromTheFile()).version).toBe(before.version);
  });
});
