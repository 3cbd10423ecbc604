// Seeding the real SQLite file: all-or-nothing, bad seeds named precisely, migrations recorded.
import { describe, it, expect, afterEach } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/store/open-database.ts';
import Database from 'better-sqlite3';
import { DOCUMENT_COMMUNES_SCHEMA, MIGRATIONS, migrate } from '../server/store/migrations.ts';
import { geodesicAreaKm2 } from '../geo/geodesic-area.ts';
import { isSeeded, seedDatabase } from '../server/store/seed-database.ts';
import { sqliteStore } from '../server/store/sqlite-store.ts';

const seeds = new URL('../seeds/muong-bang/', import.meta.url).pathname;
const temps: string[] = [];
const temp = () => { const dir = mkdtempSync(join(tmpdir(), 'atlas-seed-')); temps.push(dir); return dir; };
afterEach(() => { for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true }); });

function brokenSeeds(edit: (rows: any[]) => void, fileName = 'observations.json'): string {
  const dir = join(temp(), 'seeds');
  cpSync(seeds, dir, { recursive: true });
  const file = join(dir, fileName);
  const rows = JSON.parse(readFileSync(file, 'utf8'));
  edit(rows);
  writeFileSync(file, JSON.stringify(rows));
  return dir;
}

const count = (db: ReturnType<typeof openDatabase>, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('seeding', () => {
  it('writes the whole commune once, with the schema version recorded', async () => {
    const db = openDatabase(join(temp(), 'atlas.sqlite'));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(seedDatabase(db, seeds)).toEqual({ seeded: true });
    expect(seedDatabase(db, seeds)).toEqual({ seeded: false });
    const opened = sqliteStore(db);
    const store = await opened.snapshot();
    expect(store.units('village')).toHaveLength(23);
    expect(store.boundary('xa-muong-bang')!.quality).toBe('OFFICIAL');
    expect(store.units('village').every((v) => store.boundary(v.id)!.quality === 'SCHEMATIC')).toBe(true);
    expect(store.source(store.boundary('md-01')!.source.doc)!.kind).toBe('generated');
    await opened.close();
  });

  it('refuses bad seeds with a message naming file, row and field, and writes nothing', () => {
    const dir = brokenSeeds((rows) => {
      rows.push({ ...rows[0], unit: 'mb-99' });
      const derived = rows.find((r: any) => r.status === 'DERIVED');
      delete derived.formula;
    });
    const db = openDatabase(join(temp(), 'atlas.sqlite'));
    expect(() => seedDatabase(db, dir)).toThrow(/observations\.json row \d+ \(mb-99, .*\): unit "mb-99" is unknown/);
    expect(() => seedDatabase(db, dir)).toThrow(/DERIVED value needs a formula/);
    expect(isSeeded(db)).toBe(false);
    for (const t of ['units', 'observations', 'boundaries', 'sources']) expect(count(db, t)).toBe(0);
    db.close();
  });

  it("refuses a unit whose code has no source, naming the file, the row and the field", () => {
    const dir = brokenSeeds((rows) => { delete rows[1].provenance.code.source; }, 'former-communes.json');
    const db = openDatabase(join(temp(), 'atlas.sqlite'));
    expect(() => seedDatabase(db, dir)).toThrow(/former-communes\.json row 2 \(fc-muong-do\): provenance\.code\.source is missing/);
    expect(isSeeded(db)).toBe(false);
    db.close();
  });

  it('rolls back everything when the database refuses a row half-way', () => {
    // Two targets with one number pass the seed checks, but the database's key refuses the second,
    // after units and observations were already inserted in the same transaction.
    const dir = brokenSeeds((rows) => { rows.push({ ...rows[0] }); }, 'targets.json');
    const db = openDatabase(join(temp(), 'atlas.sqlite'));
    expect(() => seedDatabase(db, dir)).toThrow(/UNIQUE constraint failed: targets\.no/);
    expect(isSeeded(db)).toBe(false);
    for (const t of ['units', 'observations', 'targets', 'boundaries']) expect(count(db, t)).toBe(0);
    db.close();
  });

  it('migrates a seeded database of schema 1 to the latest without losing a row', () => {
    const file = join(temp(), 'atlas.sqlite');
    const old = new Database(file);
    migrate(old, 1);
    seedDatabase(old, seeds);
    const before = Object.fromEntries(['units', 'observations', 'boundaries', 'targets', 'places', 'sources'].map((t) => [t, count(old, t)]));
    const firstObs = old.prepare('SELECT unit_id, indicator, period, value FROM observations ORDER BY id LIMIT 1').get();
    // Schema 1 and 2 stored spherical areas (turf.area), about 0.27 % above the ellipsoid's.
    old.exec('UPDATE boundaries SET area_km2 = area_km2 * 1.0027');
    old.close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    for (const [t, n] of Object.entries(before)) expect(count(db, t), t).toBe(n);
    expect(db.prepare('SELECT unit_id, indicator, period, value FROM observations ORDER BY id LIMIT 1').get()).toEqual(firstObs);
    expect((db.prepare('SELECT min(version) AS v FROM observations').get() as { v: number }).v).toBe(1);
    // Schema 3 measures every stored boundary on the ellipsoid again.
    for (const b of db.prepare('SELECT unit_id, geometry, area_km2 FROM boundaries').all() as { unit_id: string; geometry: string; area_km2: number }[]) {
      expect(b.area_km2, b.unit_id).toBeCloseTo(geodesicAreaKm2(JSON.parse(b.geometry)), 9);
    }
    db.close();
  });

  it('a database seeded before bounds were stored gets them, and the administrative centre, from its seeds (schema 5)', async () => {
    const file = join(temp(), 'atlas.sqlite');
    const old = new Database(file);
    migrate(old, 4);
    seedDatabase(old, seeds);
    // An officer changed one bounded value before the upgrade: it keeps what the officer gave (exact).
    old.prepare(`UPDATE observations SET value = '96', entered_by = 'editor', entered_at = '2026-01-01' WHERE unit_id = 'fc-muong-bang' AND indicator = 'tvHouseholdShare'`).run();
    old.close();
    const db = openDatabase(file);
    const bounds = db.prepare(`SELECT unit_id, indicator, comparator FROM observations WHERE comparator IS NOT NULL ORDER BY unit_id, indicator`).all() as any[];
    expect(bounds).toHaveLength(7);
    expect(bounds).toContainEqual({ unit_id: 'xa-muong-bang', indicator: 'preschoolEnrolment', comparator: '>' });
    expect(bounds).toContainEqual({ unit_id: 'fc-muong-bang', indicator: 'memorialDonations', comparator: '≈' });
    expect(bounds.some((b) => b.indicator === 'tvHouseholdShare')).toBe(false);
    const centre = (await sqliteStore(db).units('commune'))[0].adminCentre!;
    expect(centre).toMatchObject({ name: 'Bản Lằn', villageName: 'Lằn', villageId: null, formerCommuneId: null, source: { doc: 'sapnhap-2025' } });
    db.close();
  });

  it('a new database holds all eight bounds of the seeds, and a seeds directory that is gone leaves an old one exact', async () => {
    const db = openDatabase(join(temp(), 'atlas.sqlite'));
    seedDatabase(db, seeds);
    expect(count(db, 'observations WHERE comparator IS NOT NULL')).toBe(8);
    db.close();
    const file = join(temp(), 'atlas.sqlite');
    const old = new Database(file);
    migrate(old, 4);
    seedDatabase(old, seeds);
    old.prepare(`UPDATE meta SET value = '/nonexistent/seeds' WHERE key = 'seed_dir'`).run();
    old.close();
    const upgraded = openDatabase(file);
    expect(upgraded.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(count(upgraded, 'observations WHERE comparator IS NOT NULL')).toBe(0);
    expect((await sqliteStore(upgraded).units('commune'))[0].adminCentre).toBeNull();
    upgraded.close();
  });

  it('records which communes each document is about: a new database from its seeds, an older one when migrated (schema 10)', async () => {
    const about = async (db: Database.Database) => Object.fromEntries((await sqliteStore(db).sources()).map((s) => [s.id, s.communes]));
    const expected = { 'report-2025': ['03943'], 'ban-facts': ['03943'], 'sapnhap-2025': ['03943'], vietnam3dmap: 'all', 'atlas-partition': 'all', 'officer-entry': 'all' };
    const fresh = openDatabase(join(temp(), 'atlas.sqlite'));
    seedDatabase(fresh, seeds);
    expect(await about(fresh)).toEqual(expected);
    fresh.close();
    const file = join(temp(), 'atlas.sqlite');
    const old = new Database(file);
    migrate(old, DOCUMENT_COMMUNES_SCHEMA - 1);
    seedDatabase(old, seeds);
    // A document the seeds do not know (registered before the upgrade) is about no commune it can be checked against.
    old.prepare(`INSERT INTO sources (id, title, kind, public) VALUES ('unknown-doc', 'Không rõ', 'report', 1)`).run();
    old.close();
    const upgraded = openDatabase(file);
    expect(upgraded.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(await about(upgraded)).toEqual({ ...expected, 'unknown-doc': [] });
    upgraded.close();
  });

  it('refuses a database from a newer schema without touching it', () => {
    const file = join(temp(), 'atlas.sqlite');
    const db = openDatabase(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer version of Commune Atlas \(schema 999/);
  });
});
