// Versioned schema migrations for PostgreSQL/PostGIS, applied in order at start; schema_migrations records each
// one applied. Forward-only, like the SQLite ones (migrations.ts): a new version adds, it never drops data.
// Version 1 is the SQLite schema as of its version 4, versions 2 and 3 its versions 5 and 6; with geometry in PostGIS columns (SRID 4326, GiST indexes).
import type { PoolClient } from 'pg';
import { readSeedsIfThere } from './seed-bounds.ts';
import { copySeedBoundsForwardPg } from './pg-seed-bounds.ts';
import { writeSeedTextsPg } from './pg-seed-texts.ts';
import { UNIQUE_CODES_SQL } from './new-unit.ts';
import { loadNationalUnitsPg, NATIONAL_TABLES_SQL } from './pg-national.ts';
import { config } from '../config.ts';
import { knownDocumentCommunes, writeDocumentCommunesPg } from './document-communes.ts';
import { carryPublishedValuesPg, versionPublishedValuesPg } from './carry-published-values.ts';

export interface PgMigration {
  version: number;
  description: string;
  /** Absent for a migration of data alone. */
  sql?: string;
  /** Data work after the SQL, in the same transaction. */
  after?: (client: PoolClient) => Promise<void>;
}

export const PG_MIGRATIONS: PgMigration[] = [
  {
    version: 1,
    description: 'units, boundaries (PostGIS), indicators, observations, targets, places, sources, history, users, sessions',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE sources (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL, public BOOLEAN NOT NULL,
        publisher TEXT, date TEXT, url TEXT, licence TEXT, note TEXT, sort INTEGER NOT NULL);
      CREATE TABLE units (
        id TEXT PRIMARY KEY,
        level TEXT NOT NULL CHECK (level IN ('commune','formerCommune','village')),
        code TEXT, name TEXT, name_en TEXT, provisional_label TEXT,
        name_source JSONB, name_confidence TEXT,
        parent_id TEXT REFERENCES units(id),
        valid_from TEXT, valid_to TEXT,
        centre_lon DOUBLE PRECISION, centre_lat DOUBLE PRECISION, centre_source JSONB,
        -- The known centre as a point, for distance queries (geography: metres on the ellipsoid).
        centre geometry(Point, 4326) GENERATED ALWAYS AS (
          CASE WHEN centre_lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(centre_lon, centre_lat), 4326) END) STORED,
        note TEXT, sort INTEGER NOT NULL,
        version INTEGER NOT NULL DEFAULT 1);
      CREATE INDEX units_level ON units(level, sort);
      CREATE TABLE boundaries (
        unit_id TEXT PRIMARY KEY REFERENCES units(id),
        quality TEXT NOT NULL CHECK (quality IN ('OFFICIAL','SURVEYED','SCHEMATIC')),
        -- The GeoJSON as stored (read back exactly), and the same shape as a PostGIS geometry for spatial queries.
        geometry JSONB NOT NULL,
        geom geometry(Geometry, 4326) NOT NULL,
        area_km2 DOUBLE PRECISION NOT NULL,
        centroid_lon DOUBLE PRECISION NOT NULL, centroid_lat DOUBLE PRECISION NOT NULL, bbox JSONB NOT NULL,
        source JSONB NOT NULL, method TEXT);
      CREATE INDEX boundaries_geom ON boundaries USING GIST (geom);
      CREATE TABLE neighbours (
        code TEXT PRIMARY KEY, name TEXT NOT NULL, province TEXT NOT NULL,
        geometry JSONB NOT NULL, geom geometry(Geometry, 4326) NOT NULL, source JSONB NOT NULL);
      CREATE INDEX neighbours_geom ON neighbours USING GIST (geom);
      CREATE TABLE indicators (
        key TEXT PRIMARY KEY, name_vi TEXT NOT NULL, name_en TEXT NOT NULL, kind TEXT NOT NULL,
        unit TEXT NOT NULL, higher_is_better BOOLEAN, sensitive BOOLEAN NOT NULL,
        levels JSONB NOT NULL, description_vi TEXT, description_en TEXT, sort INTEGER NOT NULL);
      CREATE TABLE observations (
        id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        unit_id TEXT NOT NULL REFERENCES units(id),
        indicator TEXT NOT NULL REFERENCES indicators(key),
        period TEXT NOT NULL,
        value JSONB,
        denominator DOUBLE PRECISION,
        status TEXT NOT NULL CHECK (status IN ('REPORTED','DERIVED','ESTIMATED')),
        source JSONB NOT NULL, formula TEXT, note TEXT,
        entered_by TEXT, entered_at TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        publication JSONB,
        UNIQUE (unit_id, indicator, period));
      CREATE INDEX observations_indicator ON observations(indicator);
      CREATE TABLE targets (
        no INTEGER PRIMARY KEY, grp TEXT NOT NULL, label_vi TEXT NOT NULL, label_en TEXT NOT NULL,
        indicator TEXT REFERENCES indicators(key), comparator TEXT, value DOUBLE PRECISION, unit TEXT, year INTEGER NOT NULL,
        baseline JSONB, parts JSONB NOT NULL, source JSONB NOT NULL, note TEXT);
      CREATE TABLE places (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
        former_commune_id TEXT REFERENCES units(id), village_ids JSONB NOT NULL, status TEXT NOT NULL,
        attributes JSONB NOT NULL, geometry JSONB, geom geometry(Geometry, 4326), source JSONB NOT NULL, note TEXT,
        sort INTEGER NOT NULL);
      CREATE INDEX places_geom ON places USING GIST (geom);
      -- Append-only history of every edit: who, when, old, new, why.
      CREATE TABLE changes (
        id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL,
        entity TEXT NOT NULL, entity_id TEXT NOT NULL, field TEXT NOT NULL,
        old_value JSONB, new_value JSONB, why TEXT, reverts INTEGER REFERENCES changes(id));
      CREATE INDEX changes_entity ON changes(entity_id, id);
      CREATE FUNCTION changes_append_only() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'changes is append-only'; END $$;
      CREATE TRIGGER changes_append_only BEFORE UPDATE OR DELETE ON changes
        FOR EACH ROW EXECUTE FUNCTION changes_append_only();
      CREATE TABLE users (
        id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, username TEXT NOT NULL, password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('viewer','editor','admin')), created_at TEXT NOT NULL);
      CREATE UNIQUE INDEX users_username ON users (lower(username));
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
    `,
  },
  {
    // SQLite's migration 5.
    version: 2,
    description: 'bounds of values ("trên 100%" is >, "gần 12 tỷ" is ≈) and the commune\'s administrative centre',
    sql: `
      ALTER TABLE observations ADD COLUMN comparator TEXT CHECK (comparator IN ('>', '>=', '<', '<=', '≈'));
      ALTER TABLE units ADD COLUMN admin_centre JSONB;
    `,
    // A database seeded before this version gets the bounds and the centre from the seeds it was made from, when they
    // are still there; otherwise its values stay exact (null) and the centre unknown, as before.
    after: async (client) => {
      const seedDir = (await client.query(`SELECT value FROM meta WHERE key = 'seed_dir'`)).rows[0]?.value as string | undefined;
      const bundle = seedDir ? readSeedsIfThere(seedDir) : null;
      if (bundle) await copySeedBoundsForwardPg(client, bundle);
    },
  },
  {
    // SQLite's migration 6.
    version: 3,
    description: 'texts people read in both languages: English beside the Vietnamese of source titles, publishers, licences, bản and place notes, place names',
    sql: `
      ALTER TABLE sources ADD COLUMN title_en TEXT, ADD COLUMN publisher_en TEXT, ADD COLUMN licence_en TEXT;
      ALTER TABLE units ADD COLUMN note_en TEXT;
      ALTER TABLE places ADD COLUMN name_en TEXT, ADD COLUMN note_en TEXT;
    `,
    // A database seeded before held one language only: these texts come from the seeds alone (no edit changes
    // them), so both languages are copied from the seed files it was seeded from, when they are still there.
    after: async (client) => {
      const seedDir = (await client.query(`SELECT value FROM meta WHERE key = 'seed_dir'`)).rows[0]?.value as string | undefined;
      const bundle = seedDir ? readSeedsIfThere(seedDir) : null;
      if (bundle) await writeSeedTextsPg(client, bundle);
    },
  },
  {
    // SQLite's migration 7.
    version: 4,
    description: 'field records: one row per client id (a record sent twice is applied once), their review and photos; values awaiting review; field origin of history entries',
    sql: `
      ALTER TABLE observations ADD COLUMN review TEXT CHECK (review IN ('PENDING', 'RETURNED')), ADD COLUMN field_client_id TEXT;
      ALTER TABLE changes ADD COLUMN origin JSONB;
      CREATE TABLE field_submissions (
        id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, client_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('OBSERVATION', 'CENTRE', 'NAME')),
        unit_id TEXT NOT NULL REFERENCES units(id), indicator TEXT, period TEXT, value JSONB,
        officer TEXT NOT NULL, recorded_at TEXT NOT NULL, received_at TEXT NOT NULL, position JSONB, source_note TEXT NOT NULL,
        outcome JSONB NOT NULL,
        review TEXT CHECK (review IN ('PENDING', 'ACCEPTED', 'RETURNED')), review_note TEXT, reviewed_by TEXT, reviewed_at TEXT);
      CREATE INDEX field_submissions_review ON field_submissions(review, id);
      CREATE TABLE field_photos (
        submission_id INTEGER PRIMARY KEY REFERENCES field_submissions(id), mime_type TEXT NOT NULL, bytes BYTEA NOT NULL);
    `,
  },
  {
    // SQLite's migration 8.
    version: 5,
    description: 'field records keyed by (officer, client id): another officer\'s id can no longer take an officer\'s record',
    sql: `
      ALTER TABLE field_submissions DROP CONSTRAINT field_submissions_client_id_key;
      CREATE UNIQUE INDEX field_submissions_officer_client ON field_submissions (lower(officer), client_id);
    `,
  },
  {
    // PostgreSQL only: a portal keeps the data version in memory (pg-data-version.ts) and learns of every commit.
    version: 6,
    description: 'NOTIFY atlas_data_version with the new data version at each commit that changes it, whoever writes',
    sql: `
      CREATE FUNCTION atlas_notify_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('atlas_data_version', NEW.value);
        RETURN NEW;
      END $$;
      CREATE TRIGGER meta_data_version_notify AFTER INSERT OR UPDATE ON meta
        FOR EACH ROW WHEN (NEW.key = 'data_version') EXECUTE FUNCTION atlas_notify_data_version();
    `,
  },
  {
    // SQLite's migration 9 (the same partial unique indexes).
    version: 7,
    description: 'more than one detailed commune: one current commune per official code, one bản per code under the same parent',
    sql: UNIQUE_CODES_SQL,
  },
  {
    version: 8,
    description: 'national reference units (provinces, communes of Vietnam) in PostGIS, loaded from seeds/vietnam',
    sql: NATIONAL_TABLES_SQL,
    after: (client) => loadNationalUnitsPg(client, config.nationalSeedDir),
  },
  {
    // SQLite's migration 10.
    version: 9,
    description: 'which communes each source document is about: a document publishes values of their units only',
    // The official codes (["03943"]) or "all"; [] for a document nothing says anything about.
    sql: `ALTER TABLE sources ADD COLUMN communes JSONB NOT NULL DEFAULT '[]'::jsonb;`,
    // The seeds the database was made from say it for theirs (when they are still there), the code for its own.
    after: async (client) => {
      const seedDir = (await client.query(`SELECT value FROM meta WHERE key = 'seed_dir'`)).rows[0]?.value as string | undefined;
      await writeDocumentCommunesPg(client, knownDocumentCommunes(seedDir ? readSeedsIfThere(seedDir) : null));
    },
  },
  {
    // SQLite's migration 11.
    version: 10,
    description: 'the last published value beside the current one: it stays public while an unpublished edit of it is pending',
    // PublishedValue: published values carry over as their own; a publication an edit wiped, from the history.
    sql: `ALTER TABLE observations ADD COLUMN published JSONB;`,
    after: (client) => carryPublishedValuesPg(client),
  },
  {
    // SQLite's migration 12.
    version: 11,
    description: 'the version the public saw each last published value at: anonymous visitors see it, not one that grows with pending edits',
    // In the JSONB of observations.published; for values published before, counted back in their history.
    after: (client) => versionPublishedValuesPg(client),
  },
];

/** The schema version that keeps, with the last published value, the version the public saw it at (as SQLite's PUBLISHED_VERSION_SCHEMA). */
export const PG_PUBLISHED_VERSION_SCHEMA = 11;

/** The schema version that keeps the last published value beside the current one (as SQLite's PUBLISHED_VALUE_SCHEMA). */
export const PG_PUBLISHED_VALUE_SCHEMA = 10;

/** The schema version that records which communes each source document is about (as SQLite's DOCUMENT_COMMUNES_SCHEMA). */
export const PG_DOCUMENT_COMMUNES_SCHEMA = 9;

/** The schema version that added the English texts (as SQLite's TEXTS_EN_SCHEMA). */
export const PG_TEXTS_EN_SCHEMA = 3;
/** The schema version that added bounds (comparator) and the administrative centre (as SQLite's BOUNDS_SCHEMA). */
export const PG_BOUNDS_SCHEMA = 2;

/** The version the database's schema is at (0: none yet). */
export async function pgSchemaVersion(client: Pick<PoolClient, 'query'>): Promise<number> {
  const exists = (await client.query(`SELECT to_regclass('schema_migrations') IS NOT NULL AS e`)).rows[0].e as boolean;
  if (!exists) return 0;
  return ((await client.query('SELECT max(version) AS v FROM schema_migrations')).rows[0].v as number | null) ?? 0;
}

/**
 * Apply the migrations the database has not seen (up to `upTo`, for tests of old databases), each in its own
 * transaction; returns the latest version.
 */
export async function migratePg(client: PoolClient, upTo = PG_MIGRATIONS[PG_MIGRATIONS.length - 1].version): Promise<number> {
  const latest = PG_MIGRATIONS[PG_MIGRATIONS.length - 1].version;
  // One migrator at a time: two portals starting together must not both create the tables.
  await client.query('SELECT pg_advisory_lock(hashtext($1))', ['commune-atlas-migrations']);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = rows[0].v ?? 0;
    if (current > latest) {
      throw new Error(`The database is from a newer version of Commune Atlas (schema ${current}, this program knows up to ${latest}). Update the program; the database was not changed.`);
    }
    for (const m of PG_MIGRATIONS) {
      if (m.version <= current || m.version > upTo) continue;
      await client.query('BEGIN');
      try {
        if (m.sql) await client.query(m.sql);
        await m.after?.(client);
        await client.query('INSERT INTO schema_migrations (version, description) VALUES ($1, $2)', [m.version, m.description]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
    return latest;
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['commune-atlas-migrations']);
  }
}
