// An import's worker threads (the reader of the file, the SQLite write transaction, the checkpoint) run at a lower
// priority than the thread answering requests (server/workers/background-priority.ts), so that on a machine of two
// cores the import yields the core to a request rather than making it wait. Real store, real import, the threads'
// nice values as Linux reports them (/proc/self/task/<id>/stat).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasStore } from '../server/store/atlas-store.ts';
import { openDatabase } from '../server/store/open-database.ts';
import { seedDatabase } from '../server/store/seed-database.ts';
import { sqliteStore } from '../server/store/sqlite-store.ts';
import { importObservationFile } from '../server/imports/observation-import.ts';
import { BACKGROUND_NICE } from '../server/workers/background-priority.ts';

const seeds = new URL('../seeds/muong-bang/', import.meta.url).pathname;
/** Nice value of each thread of this process: field 19 of its stat line (counted after the command's closing parenthesis). */
const niceOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
const threadNices = () => readdirSync('/proc/self/task').map((tid) => {
  try { return niceOf(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')); } catch { return null; } // a thread that ended meanwhile
}).filter((n): n is number => n !== null);

let dir: string;
let store: AtlasStore;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-priority-'));
  const db = openDatabase(join(dir, 'atlas.sqlite'));
  seedDatabase(db, seeds);
  store = sqliteStore(db);
}, 120_000);
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync('/proc/thread-self'))('the threads of an applied import', () => {
  it('run at the background priority while the thread that answers requests keeps its own', async () => {
    const before = threadNices().filter((n) => n === BACKGROUND_NICE).length;
    const rows = Array.from({ length: 50 }, (_, i) => `mb-0${1 + (i % 9)},population,${4000 + i},${200 + i}`);
    const fileBase64 = Buffer.from(['unit,indicator,period,value', ...rows].join('\n')).toString('base64');
    const report = await importObservationFile(store, { fileBase64, format: 'CSV', dryRun: false, sourceNote: 'thử mức ưu tiên', why: null }, 'editor');
    expect(report.applied).toBe(true);
    expect(report.changes).toHaveLength(50);
    // The reader and the write thread were started by this import (and stay for the next one), each lowered.
    expect(threadNices().filter((n) => n === BACKGROUND_NICE).length).toBeGreaterThanOrEqual(before + 2);
    expect(niceOf(readFileSync('/proc/thread-self/stat', 'utf8'))).toBe(0);
  });
});
