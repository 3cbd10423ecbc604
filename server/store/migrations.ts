// Versioned schema migrations, applied in order; PRAGMA user_version records the last one applied.
// A migration never drops data: new versions add tables or columns, or copy data forward.
import type Database from 'better-sqlite3';
import { geodesicAreaKm2 } from '../../geo/geodesic-area.ts';
import { existsSync } from 'node:fs';
import { readSeedBundle, type SeedBundle } from '../../geo/seed-bundle.ts';
import { BUILT_IN_SOURCES } from './built-in-sources.ts';
import { copySeedBoundsForward, readSeedsIfThere } from './seed-bounds.ts';
import { UNIQUE_CODES_SQL } from './new-unit.ts';
import { knownDocumentCommunes, writeDocumentCommunes } from './document-communes.ts';
import { carryPublishedValues, versionPublishedValues } from './carry-published-values.ts';

export interface Migration {
  version: number;
  description: string;
  up: (db: Database.Database) => void;
}

/** The schema version that added observations.publication. */
export const PUBLICATION_SCHEMA = 4;

/** The schema version that added observations.comparator (bounds such as "trên 100%") and units.admin_centre. */
export const BOUNDS_SCHEMA = 5;
/** The schema version that added the English texts (sources, notes, place names). */
export const TEXTS_EN_SCHEMA = 6;
/** The schema version that added field records (the sync API), their review and photos. */
export const FIELD_RECORDS_SCHEMA = 7;
/** The schema version that made a field record's key (officer, client id) instead of the client id alone. */
export const FIELD_CLIENT_PER_OFFICER_SCHEMA = 8;
/** The schema version that keeps codes unique once any commune can be detailed (more than one commune). */
export const DETAILED_COMMUNES_SCHEMA = 9;
/** The schema version that records which communes each source document is about (sources.communes). */
export const DOCUMENT_COMMUNES_SCHEMA = 10;
/** The schema version that keeps the last published value beside the current one (observations.published). */
export const PUBLISHED_VALUE_SCHEMA = 11;
/** The schema version that keeps, with the last published value, the version the public saw it at. */
export const PUBLISHED_VERSION_SCHEMA = 12;


/**
 * Values from the seed files (entered_at is NULL only for them; the files are reviewed, with provenance) that
 * cite a public document are stated by it: they are published. Every value an officer entered or imported
 * stays unpublished, whatever document it names.
 */
export function publishSeededValues(db: Database.Database): void {
  db.exec(`UPDATE observations SET publication = json_object(
      'at', (SELECT value FROM meta WHERE key = 'seeded_at'), 'by', 'seed', 'source', json(source), 'quote', NULL)
    WHERE entered_by = 'seed' AND entered_at IS NULL AND publication IS NULL
      AND EXISTS (SELECT 1 FROM sources WHERE id = json_extract(observations.source, '$.doc') AND public = 1)`);
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'units, boundaries, indicators, observations, targets, places, sources, change history',
    up: (db) => db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE sources (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL, public INTEGER NOT NULL,
        publisher TEXT, date TEXT, url TEXT, licence TEXT, note TEXT);
      CREATE TABLE units (
        id TEXT PRIMARY KEY,
        level TEXT NOT NULL CHECK (level IN ('commune','formerCommune','village')),
        code TEXT, name TEXT, name_en TEXT, provisional_label TEXT,
        name_source TEXT, name_confidence TEXT,
        parent_id TEXT REFERENCES units(id),
        valid_from TEXT, valid_to TEXT,
        centre_lon REAL, centre_lat REAL, centre_source TEXT,
        note TEXT, sort INTEGER NOT NULL,
        version INTEGER NOT NULL DEFAULT 1);
      CREATE INDEX units_level ON units(level, sort);
      CREATE TABLE boundaries (
        unit_id TEXT PRIMARY KEY REFERENCES units(id),
        quality TEXT NOT NULL CHECK (quality IN ('OFFICIAL','SURVEYED','SCHEMATIC')),
        geometry TEXT NOT NULL, area_km2 REAL NOT NULL,
        centroid_lon REAL NOT NULL, centroid_lat REAL NOT NULL, bbox TEXT NOT NULL,
        source TEXT NOT NULL, method TEXT);
      CREATE TABLE neighbours (
        code TEXT PRIMARY KEY, name TEXT NOT NULL, province TEXT NOT NULL,
        geometry TEXT NOT NULL, source TEXT NOT NULL);
      CREATE TABLE indicators (
        key TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL, kind TEXT NOT NULL,
        unit TEXT NOT NULL, higher_is_better INTEGER, sensitive INTEGER NOT NULL,
        levels TEXT NOT NULL, description_vi TEXT, description_en TEXT, sort INTEGER NOT NULL);
      CREATE TABLE observations (
        id INTEGER PRIMARY KEY,
        unit_id TEXT NOT NULL REFERENCES units(id),
        indicator TEXT NOT NULL REFERENCES indicators(key),
        period TEXT NOT NULL,
        value TEXT,
        denominator REAL,
        status TEXT NOT NULL CHECK (status IN ('REPORTED','DERIVED','ESTIMATED')),
        source TEXT NOT NULL, formula TEXT, note TEXT,
        entered_by TEXT, entered_at TEXT,
        UNIQUE (unit_id, indicator, period));
      CREATE INDEX observations_indicator ON observations(indicator);
      CREATE TABLE targets (
        no INTEGER PRIMARY KEY, grp TEXT NOT NULL, label_vi TEXT NOT NULL, label_en TEXT NOT NULL,
        indicator TEXT REFERENCES indicators(key), comparator TEXT, value REAL, unit TEXT, year INTEGER NOT NULL,
        baseline TEXT, parts TEXT NOT NULL, source TEXT NOT NULL, note TEXT);
      CREATE TABLE places (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
        former_commune_id TEXT REFERENCES units(id), village_ids TEXT NOT NULL, status TEXT NOT NULL,
        attributes TEXT NOT NULL, geometry TEXT, source TEXT NOT NULL, note TEXT);
      -- Append-only history of every edit: who, when, old, new, why.
      CREATE TABLE changes (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL,
        entity TEXT NOT NULL, entity_id TEXT NOT NULL, field TEXT NOT NULL,
        old_value TEXT, new_value TEXT, why TEXT);
      CREATE TRIGGER changes_append_only_update BEFORE UPDATE ON changes
        BEGIN SELECT RAISE(ABORT, 'changes is append-only'); END;
      CREATE TRIGGER changes_append_only_delete BEFORE DELETE ON changes
        BEGIN SELECT RAISE(ABORT, 'changes is append-only'); END;
    `),
  },
  {
    version: 2,
    description: 'users and sessions; versions on observations for conflict checks; reverts in the history',
    up: (db) => {
      db.exec(`
      CREATE TABLE users (
        id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE, password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('viewer','editor','admin')), created_at TEXT NOT NULL);
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
      ALTER TABLE observations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE changes ADD COLUMN reverts INTEGER REFERENCES changes(id);
      CREATE INDEX changes_entity ON changes(entity_id, id);
    `);
      // A database seeded before this version lacks the source that officers' entries cite.
      const entry = BUILT_IN_SOURCES.find((x) => x.id === 'officer-entry')!;
      db.prepare(`INSERT INTO sources (id, title, kind, public, publisher, note)
        SELECT @id, @title, @kind, 0, @publisher, @note
        WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'seeded_at') AND NOT EXISTS (SELECT 1 FROM sources WHERE id = @id)`)
        .run({ id: entry.id, title: entry.title.vi, kind: entry.kind, publisher: entry.publisher?.vi ?? null, note: entry.note });
    },
  },
  {
    version: 3,
    description: 'boundary areas measured on the WGS84 ellipsoid instead of a sphere',
    up: (db) => {
      // Earlier versions stored turf.area (a sphere), about 0.27 % high here; geometries are unchanged.
      const update = db.prepare('UPDATE boundaries SET area_km2 = ? WHERE unit_id = ?');
      for (const r of db.prepare('SELECT unit_id, geometry FROM boundaries').all() as { unit_id: string; geometry: string }[]) {
        update.run(geodesicAreaKm2(JSON.parse(r.geometry)), r.unit_id);
      }
    },
  },
  {
    version: PUBLICATION_SCHEMA,
    description: 'publication of values: a sensitive value is public only once published (seeded from a public source, or by an admin)',
    up: (db) => {
      db.exec(`ALTER TABLE observations ADD COLUMN publication TEXT`);
      publishSeededValues(db);
    },
  },
  {
    version: BOUNDS_SCHEMA,
    description: 'bounds of values ("trên 100%" is >, "gần 12 tỷ" is ≈) and the commune\'s administrative centre',
    up: (db) => {
      db.exec(`ALTER TABLE observations ADD COLUMN comparator TEXT CHECK (comparator IN ('>', '>=', '<', '<=', '≈'));
        ALTER TABLE units ADD COLUMN admin_centre TEXT`);
      // A database seeded before this version gets the bounds and the centre from the seeds it was made from, when they
      // are still there; otherwise its values stay exact (null) and the centre unknown, as before.
      const seedDir = db.prepare(`SELECT value FROM meta WHERE key = 'seed_dir'`).pluck().get() as string | undefined;
      const bundle = seedDir ? readSeedsIfThere(seedDir) : null;
      if (bundle) copySeedBoundsForward(db, bundle);
    },
  },
  {
    version: TEXTS_EN_SCHEMA,
    description: 'texts people read in both languages: English beside the Vietnamese of source titles, publishers, licences, bản and place notes, place names',
    up: (db) => {
      db.exec(`
        ALTER TABLE sources ADD COLUMN title_en TEXT;
        ALTER TABLE sources ADD COLUMN publisher_en TEXT;
        ALTER TABLE sources ADD COLUMN licence_en TEXT;
        ALTER TABLE units ADD COLUMN note_en TEXT;
        ALTER TABLE places ADD COLUMN name_en TEXT;
        ALTER TABLE places ADD COLUMN note_en TEXT;
      `);
      // A database seeded before held one language only: these texts come from the seeds alone (no edit
      // changes them), so both languages are copied from the seed files it was seeded from.
      const dir = (db.prepare(`SELECT value FROM meta WHERE key = 'seed_dir'`).get() as { value: string } | undefined)?.value;
      if (dir && existsSync(dir)) writeSeedTexts(db, readSeedBundle(dir));
    },
  },
  {
    version: FIELD_RECORDS_SCHEMA,
    description: 'field records: one row per client id (a record sent twice is applied once), their review and photos; values awaiting review; field origin of history entries',
    up: (db) => db.exec(`
      ALTER TABLE observations ADD COLUMN review TEXT CHECK (review IN ('PENDING', 'RETURNED'));
      ALTER TABLE observations ADD COLUMN field_client_id TEXT;
      ALTER TABLE changes ADD COLUMN origin TEXT;
      CREATE TABLE field_submissions (
        id INTEGER PRIMARY KEY, client_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('OBSERVATION', 'CENTRE', 'NAME')),
        unit_id TEXT NOT NULL REFERENCES units(id), indicator TEXT, period TEXT, value TEXT,
        officer TEXT NOT NULL, recorded_at TEXT NOT NULL, received_at TEXT NOT NULL, position TEXT, source_note TEXT NOT NULL,
        outcome TEXT NOT NULL,
        review TEXT CHECK (review IN ('PENDING', 'ACCEPTED', 'RETURNED')), review_note TEXT, reviewed_by TEXT, reviewed_at TEXT);
      CREATE INDEX field_submissions_review ON field_submissions(review, id);
      CREATE TABLE field_photos (
        submission_id INTEGER PRIMARY KEY REFERENCES field_submissions(id), mime_type TEXT NOT NULL, bytes BLOB NOT NULL);
    `),
  },
  {
    version: FIELD_CLIENT_PER_OFFICER_SCHEMA,
    description: 'field records keyed by (officer, client id): another officer\'s id can no longer take an officer\'s record',
    // SQLite cannot drop a column's UNIQUE: both tables are copied (the photos' key points at the submissions, and
    // foreign keys stay on), then renamed into place; ids and rows are kept as they were.
    up: (db) => db.exec(`
      CREATE TABLE field_submissions_new (
        id INTEGER PRIMARY KEY, client_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('OBSERVATION', 'CENTRE', 'NAME')),
        unit_id TEXT NOT NULL REFERENCES units(id), indicator TEXT, period TEXT, value TEXT,
        officer TEXT NOT NULL, recorded_at TEXT NOT NULL, received_at TEXT NOT NULL, position TEXT, source_note TEXT NOT NULL,
        outcome TEXT NOT NULL,
        review TEXT CHECK (review IN ('PENDING', 'ACCEPTED', 'RETURNED')), review_note TEXT, reviewed_by TEXT, reviewed_at TEXT);
      INSERT INTO field_submissions_new (id, client_id, kind, unit_id, indicator, period, value, officer, recorded_at, received_at, position,
          source_note, outcome, review, review_note, reviewed_by, reviewed_at)
        SELECT id, client_id, kind, unit_id, indicator, period, value, officer, recorded_at, received_at, position,
          source_note, outcome, review, review_note, reviewed_by, reviewed_at FROM field_submissions;
      CREATE TABLE field_photos_new (
        submission_id INTEGER PRIMARY KEY REFERENCES field_submissions_new(id), mime_type TEXT NOT NULL, bytes BLOB NOT NULL);
      INSERT INTO field_photos_new (submission_id, mime_type, bytes) SELECT submission_id, mime_type, bytes FROM field_photos;
      DROP TABLE field_photos;
      DROP TABLE field_submissions;
      ALTER TABLE field_submissions_new RENAME TO field_submissions;
      ALTER TABLE field_photos_new RENAME TO field_photos;
      CREATE INDEX field_submissions_review ON field_submissions(review, id);
      CREATE UNIQUE INDEX field_submissions_officer_client ON field_submissions(officer COLLATE NOCASE, client_id);
    `),
  },
  {
    version: DETAILED_COMMUNES_SCHEMA,
    description: 'more than one detailed commune: one current commune per official code, one bản per code under the same parent',
    up: (db) => db.exec(UNIQUE_CODES_SQL),
  },
  {
    version: DOCUMENT_COMMUNES_SCHEMA,
    description: 'which communes each source document is about: a document publishes values of their units only',
    up: (db) => {
      // JSON: the official codes (["03943"]) or "all"; [] for a document nothing says anything about.
      db.exec(`ALTER TABLE sources ADD COLUMN communes TEXT NOT NULL DEFAULT '[]'`);
      // The seeds the database was made from say it for theirs (when they are still there), the code for its own.
      const seedDir = db.prepare(`SELECT value FROM meta WHERE key = 'seed_dir'`).pluck().get() as string | undefined;
      writeDocumentCommunes(db, knownDocumentCommunes(seedDir ? readSeedsIfThere(seedDir) : null));
    },
  },
  {
    version: PUBLISHED_VALUE_SCHEMA,
    description: 'the last published value beside the current one: it stays public while an unpublished edit of it is pending',
    up: (db) => {
      // JSON (PublishedValue): published values carry over as their own; a publication an edit wiped, from the history.
      db.exec(`ALTER TABLE observations ADD COLUMN published TEXT`);
      carryPublishedValues(db);
    },
  },
  {
    version: PUBLISHED_VERSION_SCHEMA,
    description: 'the version the public saw each last published value at: anonymous visitors see it, not one that grows with pending edits',
    // In the JSON of observations.published; for values published before, counted back in their history.
    up: (db) => versionPublishedValues(db),
  },
];

/** Write the seeds' two-language texts (sources, bản notes, places) over the rows they belong to. */
export function writeSeedTexts(db: Database.Database, b: Pick<SeedBundle, 'sources' | 'villages' | 'places'>): void {
  const src = db.prepare(`UPDATE sources SET title = ?, title_en = ?, publisher = ?, publisher_en = ?, licence = ?, licence_en = ? WHERE id = ?`);
  for (const s of [...b.sources, ...BUILT_IN_SOURCES]) {
    src.run(s.title.vi, s.title.en, s.publisher?.vi ?? null, s.publisher?.en ?? null, s.licence?.vi ?? null, s.licence?.en ?? null, s.id);
  }
  const unit = db.prepare(`UPDATE units SET note = ?, note_en = ? WHERE id = ?`);
  for (const v of b.villages) unit.run(v.note?.vi ?? null, v.note?.en ?? null, v.id);
  const place = db.prepare(`UPDATE places SET name = ?, name_en = ?, note = ?, note_en = ? WHERE id = ?`);
  for (const p of b.places) place.run(p.name.vi, p.name.en, p.note?.vi ?? null, p.note?.en ?? null, p.id);
}

/** Apply the migrations the database has not seen (up to `upTo`, for tests of old databases), each in its own transaction. */
export function migrate(db: Database.Database, upTo = MIGRATIONS[MIGRATIONS.length - 1].version): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = MIGRATIONS[MIGRATIONS.length - 1].version;
  if (current > latest) {
    throw new Error(`The database is from a newer version of Commune Atlas (schema ${current}, this program knows up to ${latest}). Update the program; the database was not changed.`);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return latest;
}
