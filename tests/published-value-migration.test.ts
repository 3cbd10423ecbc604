// The migration that keeps the last published value beside the current one (SQLite 11, PostgreSQL 10), on a database
// written by the schema before it: a published value carries over as its own last published value; one that an
// editor's edit had already made unpublished (before the column existed) gets back the published value its history
// records, so anonymous visitors see that again; a value never published has none. Then the migration that keeps
// the version the public saw it at (SQLite 12, PostgreSQL 11), on a database written by schema 11: counted back in
// the history from the publish action, so anonymous visitors do not see a version that grows with pending edits.
import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, PUBLISHED_VALUE_SCHEMA, PUBLISHED_VERSION_SCHEMA } from '../server/store/migrations.ts';
import { openDatabase } from '../server/store/open-database.ts';
import { seedDatabase } from '../server/store/seed-database.ts';
import { sqliteStore } from '../server/store/sqlite-store.ts';
import { migratePg, pgSchemaVersion, PG_PUBLISHED_VALUE_SCHEMA, PG_PUBLISHED_VERSION_SCHEMA } from '../server/store/pg-migrations.ts';
import { seedPg } from '../server/store/pg-seed.ts';
import { openPgStore } from '../server/store/open-pg.ts';
import { visibleObservation } from '../server/access/observation-visibility.ts';
import type { AtlasStore } from '../server/store/atlas-store.ts';
import { ANONYMOUS } from '../server/schema/context.ts';
import { databaseUrlFor, onPostgres, TEST_STORE } from './helpers/test-store.ts';

const seeds = new URL('../seeds/muong-bang', import.meta.url).pathname;

/** The edit the previous schema's setObservation made: the value replaced, its publication wiped, a history entry. */
const EDIT = {
  value: 6, who: 'editor', at: '2026-02-01T00:00:00.000Z', source: { doc: 'officer-entry', note: 'Biên bản họp xã' },
};

/** What the migrated store holds and what anonymous visitors then see. */
async function checkMigrated(store: AtlasStore) {
  const snapshot = await store.snapshot();
  const one = (unitId: string, indicator = 'drugFree') => snapshot.observations({ unitId, indicator }).find((o) => o.period === '2025')!;
  // Untouched and published: its own last published value.
  const muongDo = one('fc-muong-do');
  expect(muongDo.publication).not.toBeNull();
  expect(muongDo.published).toMatchObject({ value: 7, denominator: 7, status: 'DERIVED', publication: muongDo.publication, source: muongDo.source });
  // Edited before the upgrade: the current value stays the editor's, the last published one comes back from the history.
  const muongLang = one('fc-muong-lang');
  expect([muongLang.value, muongLang.publication, muongLang.enteredBy]).toEqual([6, null, 'editor']);
  expect(muongLang.published).toMatchObject({ value: 5, denominator: 6, publication: { by: 'seed' }, source: { doc: 'report-2025' } });
  expect(muongLang.published!.source.quote).toContain('83,3%');
  // Seen at the seeds' version (the one before the edit), not the edit's.
  expect([muongLang.version, muongLang.published!.version]).toEqual([2, 1]);
  expect(visibleObservation(snapshot, ANONYMOUS, muongLang)).toMatchObject({ value: 5, denominator: 6, version: 1 });
  // Published values of every indicator carried over; values never published have none.
  const all = snapshot.observations({});
  expect(all.filter((o) => o.publication !== null).length).toBeGreaterThan(100);
  for (const o of all) {
    if (o.publication) expect([o.published?.publication, o.published?.version], `${o.unitId} ${o.indicator} ${o.period}`).toEqual([o.publication, o.version]);
    else if (o.id !== muongLang.id) expect(o.published, `${o.unitId} ${o.indicator} ${o.period}`).toBeNull();
  }
}

/**
 * A SQLite database written by schema `version` (seeded, then changed by `write` as that schema's portal would), opened
 * as the portal opens it (migrated to the newest schema), and its store handed to `check`.
 */
async function migratedFromSqlite(version: number, write: (old: Database.Database) => void | Promise<void>, check: (store: AtlasStore) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-published-'));
  const file = join(dir, 'atlas.sqlite');
  try {
    const old = new Database(file);
    migrate(old, version);
    seedDatabase(old, seeds);
    await write(old);
    expect(old.pragma('user_version', { simple: true })).toBe(version);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(PUBLISHED_VERSION_SCHEMA);
    const store = sqliteStore(db);
    try { await check(store); } finally { await store.close(); }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same on PostgreSQL: a database written by schema `version`, changed by `write`, opened as the portal opens it. */
async function migratedFromPg(version: number, write: (pool: pg.Pool) => Promise<void>, check: (store: AtlasStore) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-pg-published-'));
  const url = await databaseUrlFor(dir, { empty: true });
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const c = await pool.connect();
    try { await migratePg(c, version); } finally { c.release(); }
    await seedPg(pool, seeds);
    await write(pool);
    expect(await pgSchemaVersion(pool)).toBe(version);

    const { store } = await openPgStore(url, seeds);
    try {
      expect(await pgSchemaVersion(pool)).toBe(PG_PUBLISHED_VERSION_SCHEMA);
      await check(store);
    } finally { await store.close(); }
  } finally {
    await pool.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe(`migration to the last published value (${TEST_STORE})`, () => {
  it.runIf(!onPostgres)('SQLite: opens a database written by schema 10 and carries its published values over', async () => {
    await migratedFromSqlite(PUBLISHED_VALUE_SCHEMA - 1, (old) => {
      const row = old.prepare(`SELECT * FROM observations WHERE unit_id = 'fc-muong-lang' AND indicator = 'drugFree' AND period = '2025'`).get() as any;
      const snapshotOf = (r: any) => ({
        value: JSON.parse(r.value), comparator: r.comparator, denominator: r.denominator, status: r.status, source: JSON.parse(r.source),
        formula: r.formula, note: r.note, enteredBy: r.entered_by, enteredAt: r.entered_at, publication: r.publication && JSON.parse(r.publication),
      });
      expect(snapshotOf(row).publication).not.toBeNull();
      old.prepare(`UPDATE observations SET value = ?, source = ?, status = 'REPORTED', formula = NULL, entered_by = ?, entered_at = ?, publication = NULL,
        version = version + 1 WHERE id = ?`).run(JSON.stringify(EDIT.value), JSON.stringify(EDIT.source), EDIT.who, EDIT.at, row.id);
      const edited = old.prepare(`SELECT * FROM observations WHERE id = ?`).get(row.id);
      old.prepare(`INSERT INTO changes (at, who, entity, entity_id, field, old_value, new_value, why) VALUES (?, ?, 'observation', 'fc-muong-lang', 'drugFree@2025', ?, ?, NULL)`)
        .run(EDIT.at, EDIT.who, JSON.stringify(snapshotOf(row)), JSON.stringify(snapshotOf(edited)));
      old.prepare(`UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'`).run();
    }, checkMigrated);
  });

  it.runIf(onPostgres)('PostgreSQL: migrates a database written by schema 9 and carries its published values over', async () => {
    await migratedFromPg(PG_PUBLISHED_VALUE_SCHEMA - 1, async (pool) => {
      const row = (await pool.query(`SELECT * FROM observations WHERE unit_id = 'fc-muong-lang' AND indicator = 'drugFree' AND period = '2025'`)).rows[0];
      const snapshotOf = (r: any) => ({
        value: r.value, comparator: r.comparator, denominator: r.denominator, status: r.status, source: r.source,
        formula: r.formula, note: r.note, enteredBy: r.entered_by, enteredAt: r.entered_at, publication: r.publication,
      });
      expect(row.publication).not.toBeNull();
      await pool.query(`UPDATE observations SET value = $1, source = $2, status = 'REPORTED', formula = NULL, entered_by = $3, entered_at = $4, publication = NULL,
        version = version + 1 WHERE id = $5`, [JSON.stringify(EDIT.value), JSON.stringify(EDIT.source), EDIT.who, EDIT.at, row.id]);
      const edited = (await pool.query(`SELECT * FROM observations WHERE id = $1`, [row.id])).rows[0];
      await pool.query(`INSERT INTO changes (at, who, entity, entity_id, field, old_value, new_value, why) VALUES ($1, $2, 'observation', 'fc-muong-lang', 'drugFree@2025', $3, $4, NULL)`,
        [EDIT.at, EDIT.who, JSON.stringify(snapshotOf(row)), JSON.stringify(snapshotOf(edited))]);
      await pool.query(`UPDATE meta SET value = (value::integer + 1)::text WHERE key = 'data_version'`);
    }, checkMigrated);
  });
});

/**
 * What schema 11 wrote for former Mường Lang's drug-free count (seeded, version 1): an admin's publish action of 6 of 6
 * (version 2) and two unpublished edits over it (versions 3 and 4), its last published value kept without a version.
 * `sql` runs one statement ($1, $2… parameters; JSON as text) on either store.
 */
async function writeSchema11History(sql: (text: string, params?: unknown[]) => Promise<any[]>, stripVersions: string) {
  const [row] = await sql(`SELECT * FROM observations WHERE unit_id = 'fc-muong-lang' AND indicator = 'drugFree' AND period = '2025'`);
  expect(row.version).toBe(1);
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  const source = { doc: 'report-2025', section: 'Phần thứ hai I.7.2', quote: null };
  const publication = { at: '2026-03-01T00:00:00.000Z', by: 'admin', source, quote: 'Xã Mường Lang cũ có 6/6 bản không có ma túy' };
  const parts = (value: number, by: string, at: string, src: unknown) =>
    ({ value, comparator: null, denominator: 6, status: 'REPORTED', source: src, formula: null, note: null, enteredBy: by, enteredAt: at });
  const seeded = { ...parts(json(row.value), 'seed', row.entered_at, json(row.source)), publication: json(row.publication), published: json(row.published) };
  const published = { ...parts(6, 'editor', '2026-02-01T00:00:00.000Z', source), publication };
  const afterPublish = { ...published, published };
  const edit = (value: number, at: string) => ({ ...parts(value, 'editor', at, { doc: 'officer-entry', note: 'Họp xã' }), publication: null, published });
  const entries = [[seeded, afterPublish], [afterPublish, edit(5, '2026-04-01T00:00:00.000Z')], [edit(5, '2026-04-01T00:00:00.000Z'), edit(4, '2026-05-01T00:00:00.000Z')]];
  for (const [oldValue, newValue] of entries) {
    await sql(`INSERT INTO changes (at, who, entity, entity_id, field, old_value, new_value, why) VALUES ($1, 'editor', 'observation', 'fc-muong-lang', 'drugFree@2025', $2, $3, NULL)`,
      [newValue.enteredAt, JSON.stringify(oldValue), JSON.stringify(newValue)]);
  }
  const last = edit(4, '2026-05-01T00:00:00.000Z');
  await sql(`UPDATE observations SET value = $1, status = 'REPORTED', source = $2, formula = NULL, entered_by = 'editor', entered_at = $3, publication = NULL,
    published = $4, version = 4 WHERE id = $5`, [JSON.stringify(4), JSON.stringify(last.source), last.enteredAt, JSON.stringify(published), row.id]);
  await sql(stripVersions);
}

/** After the migration: the admin's 6 of 6 at the version its publish action wrote, for anonymous visitors too. */
async function checkVersions(store: AtlasStore) {
  const snapshot = await store.snapshot();
  const one = (unitId: string) => snapshot.observations({ unitId, indicator: 'drugFree' }).find((o) => o.period === '2025')!;
  const muongLang = one('fc-muong-lang');
  expect([muongLang.value, muongLang.version, muongLang.published?.value, muongLang.published?.version]).toEqual([4, 4, 6, 2]);
  expect(visibleObservation(snapshot, ANONYMOUS, muongLang)).toMatchObject({ value: 6, version: 2 });
  for (const o of snapshot.observations({})) {
    if (o.publication) expect([o.published?.publication, o.published?.version], `${o.unitId} ${o.indicator} ${o.period}`).toEqual([o.publication, o.version]);
  }
}

describe(`migration to the version of the last published value (${TEST_STORE})`, () => {
  it.runIf(!onPostgres)('SQLite: a database written by schema 11 gets, for each published value, the version its history gives', async () => {
    await migratedFromSqlite(PUBLISHED_VERSION_SCHEMA - 1, async (old) => {
      await writeSchema11History(async (text, params = []) => {
        const statement = old.prepare(text.replace(/\$\d+/g, '?'));
        return statement.reader ? statement.all(...params) : (statement.run(...params), []);
      }, `UPDATE observations SET published = json_remove(published, '$.version') WHERE published IS NOT NULL`);
      expect(old.prepare(`SELECT count(*) FROM observations WHERE json_extract(published, '$.version') IS NOT NULL`).pluck().get()).toBe(0);
    }, checkVersions);
  });

  it.runIf(onPostgres)('PostgreSQL: a database written by schema 10 gets, for each published value, the version its history gives', async () => {
    await migratedFromPg(PG_PUBLISHED_VERSION_SCHEMA - 1, async (pool) => {
      await writeSchema11History(async (text, params = []) => (await pool.query(text, params)).rows,
        `UPDATE observations SET published = published - 'version' WHERE published IS NOT NULL`);
      expect((await pool.query(`SELECT count(*)::int AS n FROM observations WHERE published ? 'version'`)).rows[0].n).toBe(0);
    }, checkVersions);
  });
});
