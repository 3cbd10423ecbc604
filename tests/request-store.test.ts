// server/store/request-store.ts on a real store (SQLite; PostgreSQL in the postgres project): one request reads one snapshot, reads that leave the data as
// it is keep it, and a read after a write in the same request sees what was written.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../server/store/open-store.ts';
import { requestStore } from '../server/store/request-store.ts';
import type { AtlasStore } from '../server/store/atlas-store.ts';
import { databaseUrlFor, onPostgres } from './helpers/test-store.ts';

const SEEDS = new URL('../seeds/muong-bang', import.meta.url).pathname;
const meta = { who: 'editor', why: 'kiểm tra' };
let dataDir: string;
let store: AtlasStore;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'atlas-request-store-'));
  ({ store } = await openStore(dataDir, SEEDS, { allowNew: true, databaseUrl: onPostgres ? await databaseUrlFor(dataDir) : null }));
});
afterAll(async () => { await store?.close(); rmSync(dataDir, { recursive: true, force: true }); });

/** The store, counting the snapshots taken from it (on SQLite an unchanged version gives the same object back). */
function counting(base: AtlasStore): { store: AtlasStore; taken: () => number } {
  let taken = 0;
  const counted = new Proxy(base, {
    get(target, name) {
      if (name === 'snapshot') return () => { taken++; return target.snapshot(); };
      const value = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: counted, taken: () => taken };
}

describe('requestStore', () => {
  it('reads one snapshot for the whole request', async () => {
    const base = counting(store);
    const request = requestStore(base.store);
    const first = await request.snapshot();
    expect(await request.snapshot()).toBe(first);
    expect(await request.units('village')).toEqual(first.units('village'));
    expect((await request.units('village')).length).toBeGreaterThan(0);
    expect(base.taken()).toBe(1);
  });

  it('keeps the snapshot across reads that change nothing, national ones included', async () => {
    const base = counting(store);
    const request = requestStore(base.store);
    const first = await request.snapshot();
    await request.history('ml-04');
    await request.dataVersion();
    const page = await request.nationalCommunes({ search: 'Mường Bang' }, { first: 5, after: null });
    expect(page.communes.length).toBeGreaterThan(0);
    expect(await request.snapshot()).toBe(first);
    expect(base.taken()).toBe(1);
  });

  it('sees its own write in the reads after it', async () => {
    const request = requestStore(store);
    const taken = await request.snapshot();
    const before = (await request.unit('ml-04'))!;
    const name = `${before.name ?? 'Bản'} (${before.version + 1})`;
    await request.setUnitName('ml-04', name, { doc: 'officer-entry', ref: 'Danh sách bản 2026' }, before.version, meta);
    const after = (await request.unit('ml-04'))!;
    expect(after.name).toBe(name);
    expect(after.version).toBe(before.version + 1);
    expect((await request.snapshot()).version).toBeGreaterThan(taken.version);
  });
});
