// The row checks of an observation import, and the geometry checks of a GeoJSON import, run in the import worker thread, on a snapshot of the atlas's
// units and indicators: the worker's answer is the same as checking on this thread, problems named by
// row, column and bản, and the request thread only compares and writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkGeometryFeatures, geometrySnapshot } from '../server/imports/check-geometry-features.ts';
import { checkObservationRows } from '../server/imports/check-observation-rows.ts';
import { catalogueData, catalogueOf } from '../server/imports/import-catalogue.ts';
import { planObservationWrites } from '../server/imports/observation-import.ts';
import { checkGeometryOffThread, checkObservationsOffThread, spareTextBytes } from '../server/imports/read-off-thread.ts';
import { readTable } from '../server/imports/read-table.ts';
import { openDatabase } from '../server/store/open-database.ts';
import { seedDatabase } from '../server/store/seed-database.ts';
import { copySeededSqlite } from './helpers/seeded-sqlite.ts';
import { sqliteStore } from '../server/store/sqlite-store.ts';
import type { AtlasSnapshot, AtlasStore } from '../server/store/atlas-store.ts';

const seeds = new URL('../seeds/muong-bang/', import.meta.url).pathname;
let dir: string;
let atlas: AtlasStore;
// The checks read one snapshot of the atlas (nothing here writes).
let store: AtlasSnapshot;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-import-worker-'));
  // A copy of the run's seeded file (seeded-sqlite.ts): seedDatabase below then finds it seeded and leaves it as it is.
  copySeededSqlite(dir);
  const db = openDatabase(join(dir, 'atlas.sqlite'));
  seedDatabase(db, seeds);
  atlas = sqliteStore(db);
  store = await atlas.snapshot();
}, 60_000);
afterAll(async () => {
  await atlas?.close();
  rmSync(dir, { recursive: true, force: true });
});

const FILE = [
  'Mã bản,Chỉ tiêu,Năm,Giá trị,So sánh',
  'md-03,povertyRate,2026,"12,5",',
  'md-03,povertyRate,2026,13,', // the same unit, indicator and period again
  'mb-99,povertyRate,2026,10,', // no such bản
  'ml-02,noSuchIndicator,2026,1,',
  'fc-muong-do,tvHouseholdShare,2026,80,trên',
  'ml-04,drugFree,2026,có,>', // a yes/no value cannot be a bound
].join('\n');

describe('observation rows checked in the worker thread', () => {
  it('the worker\'s answer equals the same checks on this thread, every problem named by row, column and bản', async () => {
    const base64 = Buffer.from(FILE).toString('base64');
    const offThread = await checkObservationsOffThread(base64, 'CSV', catalogueData(store));
    const here = checkObservationRows(catalogueOf(catalogueData(store)), await readTable(Buffer.from(FILE), 'CSV'));
    expect(offThread).toEqual(here);
    expect(offThread.rowsRead).toBe(6);
    expect(offThread.problems.map((p) => [p.row, p.column, p.villageId, p.code])).toEqual([
      [3, null, 'md-03', 'DUPLICATE_ROW'],
      [4, 'Mã bản', null, 'UNKNOWN_VILLAGE'],
      [5, 'Chỉ tiêu', 'ml-02', 'UNKNOWN_INDICATOR'],
      [7, 'So sánh', 'ml-04', 'BAD_VALUE'],
    ]);
    expect(offThread.rows.map((r) => [r.row, r.unitId, r.value, r.comparator])).toEqual([[2, 'md-03', 12.5, null], [6, 'fc-muong-do', 80, '>']]);
  });

  it('a file of many encoding steps and parts arrives whole and in order; a text with a character beyond ASCII is not base64', async () => {
    // 3,000 rows with long notes: about 1.6 MB of base64, several steps of this thread's encoding and 12 parts of checked rows.
    const note = 'ghi chú dài '.repeat(30);
    const lines = Array.from({ length: 3000 }, (_, i) => `mb-0${1 + (i % 9)},population,${3000 + i},${100 + i},"${note}${i}"`);
    const base64 = Buffer.from(['unit,indicator,period,value,note', ...lines].join('\n')).toString('base64');
    expect(base64.length).toBeGreaterThan(1_000_000);
    const checked = await checkObservationsOffThread(base64, 'CSV', catalogueData(store));
    expect(checked.problems).toEqual([]);
    expect(checked.rowsRead).toBe(3000);
    expect(checked.rows.map((r) => [r.row, r.period, r.value, r.note])).toEqual(lines.map((_, i) => [i + 2, String(3000 + i), 100 + i, `${note}${i}`]));
    // One letter beyond ASCII far into the text (past the first encoding step): refused as not base64, as a short one is.
    const spoiled = `${base64.slice(0, 600_000)}é${base64.slice(600_001)}`;
    const refused = await checkObservationsOffThread(spoiled, 'CSV', catalogueData(store));
    expect(refused.rows).toEqual([]);
    expect(refused.problems.map((p) => [p.code, p.message])).toEqual([['BAD_FILE', expect.stringContaining('base64')]]);
  }, 60_000);

  it('the buffer of a file\'s text comes back from the worker and carries the next file, which arrives whole (a smaller one too)', async () => {
    const file = (rows: number, tag: string) => {
      const lines = Array.from({ length: rows }, (_, i) => `mb-0${1 + (i % 9)},population,${5000 + i},${7 + i},"${tag} ${i}"`);
      return { lines, base64: Buffer.from(['unit,indicator,period,value,note', ...lines].join('\n')).toString('base64') };
    };
    const first = file(2000, 'tệp một '.repeat(20));
    await checkObservationsOffThread(first.base64, 'CSV', catalogueData(store));
    // The worker gives the buffer back before it answers: it is here once the answer is.
    const kept = spareTextBytes();
    expect(kept).toBeGreaterThanOrEqual(first.base64.length);
    for (const [rows, tag] of [[1500, 'tệp hai'], [2000, 'tệp ba '.repeat(20)]] as const) {
      const next = file(rows, tag);
      expect(next.base64.length).toBeLessThanOrEqual(kept);
      const checking = checkObservationsOffThread(next.base64, 'CSV', catalogueData(store));
      // Taken for this file's text as the check starts (a fresh buffer would leave it kept here).
      expect(spareTextBytes()).toBe(0);
      const checked = await checking;
      expect(checked.problems).toEqual([]);
      expect(checked.rows.map((r) => [r.row, r.period, r.value, r.note])).toEqual(next.lines.map((_, i) => [i + 2, String(5000 + i), 7 + i, `${tag} ${i}`]));
      expect(spareTextBytes()).toBe(kept); // the same buffer, back again
    }
  }, 60_000);

  it('this thread only compares the checked rows with what is stored: one change per new value, none for a value as stored', async () => {
    const checked = await checkObservationsOffThread(Buffer.from('unit,indicator,period,value\nfc-muong-bang,povertyRate,2026,9\n').toString('base64'), 'CSV', catalogueData(store));
    const plan = await planObservationWrites(store, checked, 'Biên bản 2026');
    expect(plan.writes.map((w) => [w.row, w.input.unitId, w.input.value, w.expectedVersion])).toEqual([[2, 'fc-muong-bang', 9, 0]]);
    const stored = store.observations({ unitId: 'fc-muong-bang', indicator: 'povertyRate' })[0];
    const same = await checkObservationsOffThread(Buffer.from(`unit,indicator,period,value,status,source,section,formula,note\n` +
      `fc-muong-bang,povertyRate,${stored.period},${stored.value},${stored.status},${stored.source.doc},"${stored.source.section ?? ''}",${stored.formula ? `"${stored.formula}"` : ''},${stored.note ? `"${stored.note.replace(/"/g, '""')}"` : ''}\n`).toString('base64'), 'CSV', catalogueData(store));
    expect(same.problems).toEqual([]);
    expect((await planObservationWrites(store, same, 'x')).writes).toEqual([]);
  });
});

describe('GeoJSON features checked in the worker thread', () => {
  it('validity and overlaps are found off this thread with the same answer as here, each named by feature and bản', async () => {
    const [lon, lat] = store.boundary('md-03')!.centroid;
    const square = (d: number) => ({ type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] });
    const bowtie = { type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.001, lat + 0.001], [lon + 0.001, lat], [lon, lat + 0.001], [lon, lat]]] };
    const fc = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { id: 'md-03' }, geometry: square(0.002) },
      { type: 'Feature', properties: { id: 'md-04' }, geometry: square(0.001) }, // inside md-03's: an overlap
      { type: 'Feature', properties: { id: 'md-05' }, geometry: bowtie },
      { type: 'Feature', properties: { id: 'md-06' }, geometry: { type: 'Point', coordinates: [lat, lon] } }, // swapped
    ] };
    const offThread = await checkGeometryOffThread(fc, 'Khảo sát GPS', geometrySnapshot(store));
    expect(offThread).toEqual(checkGeometryFeatures(geometrySnapshot(store), fc, 'Khảo sát GPS'));
    expect(offThread.rowsRead).toBe(4);
    expect(offThread.problems.map((p) => [p.row, p.villageId, p.code]).sort()).toEqual([
      [2, 'md-04', 'OVERLAP'], [3, 'md-05', 'SELF_INTERSECTION'], [4, 'md-06', 'SWAPPED_LAT_LON'],
    ]);
    expect(offThread.problems.find((p) => p.code === 'OVERLAP')!.message).toMatch(/md-03/);
  });
});
