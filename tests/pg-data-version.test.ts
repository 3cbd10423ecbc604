// PostgreSQL only (postgres project): a portal keeps the data version in memory (server/store/pg-data-version.ts)
// and learns of every commit through LISTEN/NOTIFY, so a second portal on the same database, or a write by another
// process, is seen by the next reads — without a round trip for the version on each read.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { databaseUrlFor } from './helpers/test-store.ts';
import { client, type Client } from './helpers/session.ts';
import { team } from './helpers/team.ts';
import { openPgStore } from '../server/store/open-pg.ts';
import type { PgAtlasStore } from '../server/store/pg-store.ts';
import { LISTENER_NAME } from '../server/store/pg-data-version.ts';

const SEEDS = new URL('../seeds/muong-bang', import.meta.url).pathname;
const meta = { who: 'editor', why: 'kiểm tra' };

/** Ask `read` up to `tries` times, 50 ms apart, until it gives `wanted`; the last answer. */
async function eventually<T>(read: () => Promise<T>, wanted: T, tries = 200): Promise<T> {
  let last = await read();
  for (let i = 1; i < tries && last !== wanted; i++) {
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}

let dataDir: string;
let url: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'atlas-pg-version-'));
  url = await databaseUrlFor(dataDir);
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('two portals on one PostgreSQL database', () => {
  let a: RunningServer;
  let b: RunningServer;
  let anonB: Client;

  beforeAll(async () => {
    a = await startServer({ dataDir });
    b = await startServer({ env: { DATABASE_URL: url } });
    anonB = client(b);
  });
  afterAll(async () => { await b?.stop(); await a?.stop({ keepData: true }); });

  it('an edit through portal A is in portal B\'s next anonymous answers, not an old cached one', async () => {
    const users = await team(a);
    const nameOnB = async () => {
      const { body } = await anonB.gql(`{ villages(filter: { search: "ml-03" }) { name } }`);
      expect(body.errors).toBeUndefined();
      return body.data.villages[0].name as string | null;
    };
    const before = await nameOnB();
    expect(await nameOnB()).toBe(before);
    const v = (await users.viewer.gql(`{ villages(filter: { search: "ml-03" }) { version } }`)).body.data.villages[0].version;
    const { body } = await users.editor.gql(`mutation { nameVillage(input: { villageId: "ml-03", name: "Bản Phiêng Xa", sourceNote: "Danh sách bản 2026",
      expectedVersion: ${v} }) { name } }`);
    expect(body.errors).toBeUndefined();
    expect(before).not.toBe('Phiêng Xa');
    expect(await eventually(nameOnB, 'Phiêng Xa')).toBe('Phiêng Xa');
  });
});

describe('the PostgreSQL store\'s data version', () => {
  let storeA: PgAtlasStore;
  let storeB: PgAtlasStore;

  beforeAll(async () => {
    storeA = (await openPgStore(url, SEEDS)).store;
    storeB = (await openPgStore(url, SEEDS)).store;
  });
  afterAll(async () => { await storeA?.close(); await storeB?.close(); });

  const nameIn = (store: PgAtlasStore, id: string) => async () => (await store.snapshot()).unit(id)!.name;
  /** Name a bản and bump the data version with plain SQL in one transaction, as another process would. */
  async function renameBySql(id: string, name: string) {
    const other = new pg.Client(url);
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`UPDATE units SET name = $1, version = version + 1 WHERE id = $2`, [name, id]);
      await other.query(`UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'data_version'`);
      await other.query('COMMIT');
    } finally { await other.end(); }
  }

  it('answers reads from memory: no round trip for the version, however many reads', async () => {
    const trips = storeB.dataVersionRoundTrips();
    const versions = [];
    for (let i = 0; i < 20; i++) versions.push(await storeB.dataVersion(), (await storeB.snapshot()).version);
    expect(versions).toHaveLength(40);
    expect(new Set(versions).size).toBe(1);
    expect(storeB.dataVersionRoundTrips()).toBe(trips);
  });

  it('sees another store\'s commit on the same database, and its own at once', async () => {
    const trips = storeB.dataVersionRoundTrips();
    const before = await storeB.dataVersion();
    const unit = (await storeA.snapshot()).unit('ml-04')!;
    await storeA.setUnitName('ml-04', 'Nà Hạ', { doc: 'officer-entry', ref: 'Danh sách bản 2026' }, unit.version, meta);
    expect(await eventually(nameIn(storeB, 'ml-04'), 'Nà Hạ')).toBe('Nà Hạ');
    expect(await storeB.dataVersion()).toBe(before + 1);
    // Its own write: the next read has it, with no wait for the notification.
    await storeB.setUnitName('ml-04', 'Nà Hạ 2', { doc: 'officer-entry', ref: 'Danh sách bản 2026' }, unit.version + 1, meta);
    expect(await nameIn(storeB, 'ml-04')()).toBe('Nà Hạ 2');
    expect(storeB.dataVersionRoundTrips()).toBe(trips);
  });

  it('sees a write made by another process with plain SQL (the trigger notifies)', async () => {
    const trips = storeB.dataVersionRoundTrips();
    expect(await nameIn(storeB, 'ml-06')()).not.toBe('Co Muông');
    const other = new pg.Client(url);
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`UPDATE units SET name = 'Co Muông', version = version + 1 WHERE id = 'ml-06'`);
      await other.query(`UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'data_version'`);
      await other.query('COMMIT');
    } finally { await other.end(); }
    expect(await eventually(nameIn(storeB, 'ml-06'), 'Co Muông')).toBe('Co Muông');
    expect(storeB.dataVersionRoundTrips()).toBe(trips);
  });

  it('reads the version from the database while its listener is lost, then listens again', async () => {
    const admin = new pg.Client(url);
    await admin.connect();
    try {
      const ended = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = $1`, [LISTENER_NAME]);
      expect(ended.rowCount).toBe(2); // storeA's and storeB's
    } finally { await admin.end(); }
    // Lost: each read asks the database, so a commit meanwhile is not missed.
    const trips = storeB.dataVersionRoundTrips();
    const asking = async () => { await storeB.dataVersion(); return storeB.dataVersionRoundTrips() > trips; };
    expect(await eventually(asking, true)).toBe(true);
    await renameBySql('md-07', 'Huổi Lán');
    expect(await eventually(nameIn(storeB, 'md-07'), 'Huổi Lán')).toBe('Huổi Lán');
    // Listening again: reads stop asking, and a later commit is heard.
    const quiet = async () => { const t = storeB.dataVersionRoundTrips(); await storeB.dataVersion(); await storeB.snapshot(); return storeB.dataVersionRoundTrips() === t; };
    expect(await eventually(quiet, true)).toBe(true);
    const listening = storeB.dataVersionRoundTrips();
    await renameBySql('md-07', 'Huổi Lán 2');
    expect(await eventually(nameIn(storeB, 'md-07'), 'Huổi Lán 2')).toBe('Huổi Lán 2');
    expect(storeB.dataVersionRoundTrips()).toBe(listening);
  });
});
