// The AtlasStore on PostgreSQL/PostGIS (DATABASE_URL): the same contract as sqlite-store.ts, with a pool of
// connections, geometry in PostGIS columns, and reads optionally from a streaming replica (DATABASE_READ_URL).
import pg from 'pg';
import type {
  AtlasSnapshot, AtlasStore, Boundary, BoundaryInput, Change, EditMeta, FieldSubmission, Indicator, Neighbour, NewFieldSubmission, NewUnit, Observation, Place,
  Publication, SourceDocument, StoredGeometry, Target, TileCoordinates, TileFeature, Unit, User, VillageArea,
} from './atlas-store.ts';
import { pgVectorTile, pgVillagesInArea } from './pg-tiles.ts';
import { pgNationalCommunes, pgNationalTile } from './pg-national.ts';
import { AtlasError, conflictError } from '../errors.ts';
import { snapshotOf, type AtlasTables } from './atlas-snapshot.ts';
import { dataVersionOf, watchDataVersion } from './pg-data-version.ts';
import { codeTaken, createdEntry } from './new-unit.ts';
import { publicationAfterWrite, publishedByAction } from './published-value.ts';

type Client = pg.Pool | pg.PoolClient;

const toUnit = (r: any): Unit => ({
  id: r.id, level: r.level, code: r.code, name: r.name, nameEn: r.name_en, provisionalLabel: r.provisional_label,
  nameSource: r.name_source, nameConfidence: r.name_confidence, parentId: r.parent_id,
  validFrom: r.valid_from, validTo: r.valid_to,
  centre: r.centre_lon === null ? null : [r.centre_lon, r.centre_lat], centreSource: r.centre_source,
  note: r.note, noteEn: r.note_en ?? null, version: r.version, adminCentre: r.admin_centre ?? null,
});
const toObservation = (r: any): Observation => ({
  id: r.id, unitId: r.unit_id, indicator: r.indicator, period: r.period, value: r.value, comparator: r.comparator ?? null, denominator: r.denominator,
  status: r.status, source: r.source, formula: r.formula, note: r.note, enteredBy: r.entered_by, enteredAt: r.entered_at,
  version: r.version, publication: r.publication, published: r.published ?? null, review: r.review ?? null, fieldClientId: r.field_client_id ?? null,
});
const toBoundary = (r: any): Boundary => ({
  unitId: r.unit_id, quality: r.quality, geometry: r.geometry, areaKm2: r.area_km2,
  centroid: [r.centroid_lon, r.centroid_lat], bbox: r.bbox, source: r.source, method: r.method,
});
const toChange = (r: any): Change => ({
  id: r.id, at: r.at, who: r.who, entity: r.entity, entityId: r.entity_id, field: r.field,
  oldValue: r.old_value, newValue: r.new_value, why: r.why, reverts: r.reverts, origin: r.origin ?? null,
});
const toSubmission = (r: any): FieldSubmission | undefined => r && ({
  id: r.id, clientId: r.client_id, kind: r.kind, unitId: r.unit_id, indicator: r.indicator, period: r.period, value: r.value,
  officer: r.officer, recordedAt: r.recorded_at, receivedAt: r.received_at, position: r.position, sourceNote: r.source_note,
  outcome: r.outcome, review: r.review, reviewNote: r.review_note, reviewedBy: r.reviewed_by, reviewedAt: r.reviewed_at, hasPhoto: r.has_photo,
});
const SUBMISSION_SELECT = `SELECT s.*, EXISTS (SELECT 1 FROM field_photos p WHERE p.submission_id = s.id) AS has_photo FROM field_submissions s`;
const toUser = (r: any): User | undefined => r && ({ id: r.id, username: r.username, role: r.role, passwordHash: r.password_hash, createdAt: r.created_at });
// What the history keeps of a value (enteredAt/By say who typed it, publication who made it public, published what the
// public saw: a revert of a publish puts it back).
const snapshotOfValue = (o: Observation | null) => o && { value: o.value, comparator: o.comparator, denominator: o.denominator, status: o.status, source: o.source,
  formula: o.formula, note: o.note, enteredBy: o.enteredBy, enteredAt: o.enteredAt, publication: o.publication, published: o.published };
/** JSON for a jsonb parameter (node-postgres would send a JS array as a PostgreSQL array). */
const j = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** Every table of a snapshot, read on one connection (inside a REPEATABLE READ transaction: one version). */
async function readTables(c: Client): Promise<AtlasTables> {
  const all = async (sql: string) => (await c.query(sql)).rows as any[];
  const version = Number((await all(`SELECT value FROM meta WHERE key = 'data_version'`))[0]?.value ?? 0);
  return {
    version,
    units: (await all(`SELECT * FROM units ORDER BY sort`)).map(toUnit),
    boundaries: (await all(`SELECT unit_id, quality, geometry, area_km2, centroid_lon, centroid_lat, bbox, source, method FROM boundaries`)).map(toBoundary),
    neighbours: (await all(`SELECT code, name, province, geometry, source FROM neighbours ORDER BY code`)).map((r): Neighbour => ({
      code: r.code, name: r.name, province: r.province, geometry: r.geometry, source: r.source,
    })),
    indicators: (await all(`SELECT * FROM indicators ORDER BY sort`)).map((r): Indicator => ({
      key: r.key, nameVi: r.name_vi, nameEn: r.name_en, kind: r.kind, unit: r.unit, higherIsBetter: r.higher_is_better,
      sensitive: r.sensitive, levels: r.levels, descriptionVi: r.description_vi, descriptionEn: r.description_en,
    })),
    // COLLATE "C": the same byte order as SQLite's, so both stores list values alike.
    observations: (await all(`SELECT * FROM observations ORDER BY unit_id COLLATE "C", indicator COLLATE "C", period COLLATE "C" DESC`)).map(toObservation),
    targets: (await all(`SELECT * FROM targets ORDER BY no`)).map((r): Target => ({
      no: r.no, group: r.grp, labelVi: r.label_vi, labelEn: r.label_en, indicator: r.indicator, comparator: r.comparator,
      value: r.value, unit: r.unit, year: r.year, baseline: r.baseline, parts: r.parts, source: r.source, note: r.note,
    })),
    places: (await all(`SELECT id, kind, name, name_en, former_commune_id, village_ids, status, attributes, geometry, source, note, note_en FROM places ORDER BY sort`))
      .map((r): Place => ({
        id: r.id, kind: r.kind, name: r.name, nameEn: r.name_en ?? r.name, formerCommuneId: r.former_commune_id, villageIds: r.village_ids,
        status: r.status, attributes: r.attributes, geometry: r.geometry, source: r.source, note: r.note, noteEn: r.note_en ?? null,
      })),
    sources: (await all(`SELECT * FROM sources ORDER BY sort`)).map((r): SourceDocument => ({
      id: r.id, title: r.title, titleEn: r.title_en ?? r.title, kind: r.kind, public: r.public, communes: r.communes, publisher: r.publisher,
      publisherEn: r.publisher_en ?? r.publisher, date: r.date, url: r.url, licence: r.licence, licenceEn: r.licence_en ?? r.licence, note: r.note,
    })),
  };
}

/** The edits, each on a connection inside a write transaction (see `inWrite`). */
function writes(c: pg.PoolClient) {
  const record = async (meta: EditMeta, entity: Change['entity'], entityId: string, field: string, oldValue: unknown, newValue: unknown): Promise<Change> => {
    const { rows } = await c.query(`INSERT INTO changes (at, who, entity, entity_id, field, old_value, new_value, why, reverts, origin)
      VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING *`,
    [new Date().toISOString(), meta.who, entity, entityId, field, JSON.stringify(oldValue ?? null), JSON.stringify(newValue ?? null), meta.why, meta.reverts ?? null,
      j(meta.origin)]);
    await c.query(`UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'data_version'`);
    return toChange(rows[0]);
  };
  const submission = async (id: number) => toSubmission((await c.query(`${SUBMISSION_SELECT} WHERE s.id = $1`, [id])).rows[0]);
  const obsRow = async (unitId: string, indicator: string, period: string) =>
    (await c.query(`SELECT * FROM observations WHERE unit_id = $1 AND indicator = $2 AND period = $3`, [unitId, indicator, period])).rows[0] as any;
  const unitRow = async (id: string) => (await c.query(`SELECT * FROM units WHERE id = $1`, [id])).rows[0] as any;
  const mustUnit = async (unitId: string, expected: number): Promise<Unit> => {
    const r = await unitRow(unitId);
    if (!r) throw new AtlasError('NOT_FOUND', `Không có đơn vị "${unitId}" / No unit "${unitId}"`, { field: 'unitId' });
    const u = toUnit(r);
    if (u.version !== expected) throw conflictError(u.name ?? u.provisionalLabel ?? u.id, expected, u.version);
    return u;
  };
  const writeBoundary = (b: BoundaryInput) => c.query(`INSERT INTO boundaries (unit_id, quality, geometry, geom, area_km2, centroid_lon, centroid_lat, bbox, source, method)
    VALUES ($1, $2, $3::jsonb, ST_SetSRID(ST_GeomFromGeoJSON($3::text), 4326), $4, $5, $6, $7, $8, $9)
    ON CONFLICT (unit_id) DO UPDATE SET quality = excluded.quality, geometry = excluded.geometry, geom = excluded.geom, area_km2 = excluded.area_km2,
      centroid_lon = excluded.centroid_lon, centroid_lat = excluded.centroid_lat, bbox = excluded.bbox, source = excluded.source, method = excluded.method`,
  [b.unitId, b.quality, JSON.stringify(b.geometry), b.areaKm2, b.centroid[0], b.centroid[1], j(b.bbox), j(b.source), b.method]);

  return {
    setObservation: async (input: Parameters<AtlasStore['setObservation']>[0], expectedVersion: number, meta: EditMeta): Promise<Observation> => {
      const old = await obsRow(input.unitId, input.indicator, input.period);
      const current = old ? old.version : 0;
      if (current !== expectedVersion) throw conflictError(`${input.indicator} (${input.unitId}, ${input.period})`, expectedVersion, current);
      // Unpublished, whatever document it names; the last published value stays as the public saw it (published-value.ts).
      const { publication, published } = publicationAfterWrite(old ? toObservation(old) : null, input);
      // A value from the field waits for review (PENDING); any other write leaves review.
      await c.query(`INSERT INTO observations (unit_id, indicator, period, value, comparator, denominator, status, source, formula, note, entered_by, entered_at, version,
          review, field_client_id, publication, published)
        VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,1,$13,$14,$15,$16)
        ON CONFLICT (unit_id, indicator, period) DO UPDATE SET value = excluded.value, comparator = excluded.comparator, denominator = excluded.denominator,
          status = excluded.status, source = excluded.source, formula = excluded.formula, note = excluded.note,
          entered_by = excluded.entered_by, entered_at = excluded.entered_at, version = observations.version + 1, publication = excluded.publication,
          published = excluded.published, review = excluded.review, field_client_id = excluded.field_client_id`,
      [input.unitId, input.indicator, input.period, JSON.stringify(input.value), input.comparator ?? null, input.denominator, input.status, j(input.source),
        input.formula, input.note, meta.who, new Date().toISOString(), input.fieldClientId ? 'PENDING' : null, input.fieldClientId ?? null,
        j(publication), j(published)]);
      const fresh = toObservation(await obsRow(input.unitId, input.indicator, input.period));
      await record(meta, 'observation', input.unitId, `${input.indicator}@${input.period}`, snapshotOfValue(old ? toObservation(old) : null), snapshotOfValue(fresh));
      return fresh;
    },
    publishObservation: async ({ unitId, indicator, period }: { unitId: string; indicator: string; period: string }, expectedVersion: number,
      source: Observation['source'], quote: string, meta: EditMeta): Promise<Observation> => {
      const old = await obsRow(unitId, indicator, period);
      if (!old) throw new AtlasError('NOT_FOUND', `Không có giá trị ${indicator} (${unitId}, ${period}) / No value ${indicator} (${unitId}, ${period})`, { field: 'indicator' });
      if (old.version !== expectedVersion) throw conflictError(`${indicator} (${unitId}, ${period})`, expectedVersion, old.version);
      const publication: Publication = { at: new Date().toISOString(), by: meta.who, source, quote };
      // The value published becomes the last published one too: it replaces the earlier one for everyone.
      const published = publishedByAction(toObservation(old), source, publication);
      await c.query(`UPDATE observations SET source = $1, publication = $2, published = $3, version = version + 1 WHERE id = $4`,
        [j(source), j(publication), j(published), old.id]);
      const fresh = toObservation(await obsRow(unitId, indicator, period));
      await record(meta, 'observation', unitId, `${indicator}@${period}`, snapshotOfValue(toObservation(old)), snapshotOfValue(fresh));
      return fresh;
    },
    removeObservation: async ({ unitId, indicator, period }: { unitId: string; indicator: string; period: string }, expectedVersion: number, meta: EditMeta) => {
      const old = await obsRow(unitId, indicator, period);
      const current = old ? old.version : 0;
      if (current !== expectedVersion) throw conflictError(`${indicator} (${unitId}, ${period})`, expectedVersion, current);
      if (!old) return;
      await c.query(`DELETE FROM observations WHERE id = $1`, [old.id]);
      await record(meta, 'observation', unitId, `${indicator}@${period}`, snapshotOfValue(toObservation(old)), null);
    },
    setUnitName: async (unitId: string, name: string | null, nameSource: Unit['nameSource'], expectedVersion: number, meta: EditMeta): Promise<Unit> => {
      const u = await mustUnit(unitId, expectedVersion);
      await c.query(`UPDATE units SET name = $1, name_source = $2, version = version + 1 WHERE id = $3`, [name, j(nameSource), unitId]);
      await record(meta, 'unit', unitId, 'name', { name: u.name, nameSource: u.nameSource }, { name, nameSource });
      return toUnit(await unitRow(unitId));
    },
    setUnitCentre: async (unitId: string, centre: [number, number] | null, centreSource: Unit['centreSource'], expectedVersion: number,
      boundaries: BoundaryInput[], meta: EditMeta): Promise<Unit> => {
      const u = await mustUnit(unitId, expectedVersion);
      await c.query(`UPDATE units SET centre_lon = $1, centre_lat = $2, centre_source = $3, version = version + 1 WHERE id = $4`,
        [centre?.[0] ?? null, centre?.[1] ?? null, j(centreSource), unitId]);
      for (const b of boundaries) await writeBoundary(b);
      await record(meta, 'unit', unitId, 'centre', { centre: u.centre, centreSource: u.centreSource }, { centre, centreSource });
      return toUnit(await unitRow(unitId));
    },
    setBoundary: async (boundary: BoundaryInput, expectedVersion: number, meta: EditMeta): Promise<Unit> => {
      await mustUnit(boundary.unitId, expectedVersion);
      const r = (await c.query(`SELECT unit_id, quality, geometry, area_km2, centroid_lon, centroid_lat, bbox, source, method FROM boundaries WHERE unit_id = $1`,
        [boundary.unitId])).rows[0];
      await writeBoundary(boundary);
      await c.query(`UPDATE units SET version = version + 1 WHERE id = $1`, [boundary.unitId]);
      await record(meta, 'boundary', boundary.unitId, 'boundary', r ? toBoundary(r) : null, boundary);
      return toUnit(await unitRow(boundary.unitId));
    },
    noteInHistory: (unitId: string, field: string, oldValue: unknown, newValue: unknown, meta: EditMeta) => record(meta, 'field', unitId, field, oldValue, newValue),
    addUnit: async (unit: NewUnit, boundary: BoundaryInput, meta: EditMeta, source?: SourceDocument): Promise<Unit> => {
      if (await unitRow(unit.id)) throw new AtlasError('CONFLICT', `Đơn vị "${unit.id}" đã có / Unit "${unit.id}" already exists`, { field: 'id' });
      if (source && (await c.query(`SELECT 1 FROM sources WHERE id = $1`, [source.id])).rows.length === 0) {
        await c.query(`INSERT INTO sources (id, title, title_en, kind, public, communes, publisher, publisher_en, date, url, licence, licence_en, note, sort)
          VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13, (SELECT COALESCE(MAX(sort), -1) + 1 FROM sources))`,
        [source.id, source.title, source.titleEn, source.kind, source.public, JSON.stringify(source.communes), source.publisher, source.publisherEn, source.date,
          source.url, source.licence, source.licenceEn, source.note]);
      }
      try {
        // A savepoint: a refused row must leave the transaction usable (an import reports, it does not abort midway).
        await c.query('SAVEPOINT add_unit');
        await c.query(`INSERT INTO units (id, level, code, name, name_source, parent_id, sort, version)
          VALUES ($1,$2,$3,$4,$5,$6,(SELECT COALESCE(MAX(sort), -1) + 1 FROM units),1)`,
        [unit.id, unit.level, unit.code, unit.name, j(unit.nameSource), unit.parentId]);
        await c.query('RELEASE SAVEPOINT add_unit');
      } catch (e) {
        await c.query('ROLLBACK TO SAVEPOINT add_unit');
        // The unique indexes of migration 5: one current commune per code, one bản per code under a parent.
        if ((e as { code?: string }).code === '23505') throw codeTaken(unit);
        throw e;
      }
      await writeBoundary(boundary);
      await record(meta, 'unit', unit.id, 'created', null, createdEntry(unit, boundary));
      return toUnit(await unitRow(unit.id));
    },
    addFieldSubmission: async (s: NewFieldSubmission): Promise<FieldSubmission> => {
      if ((await c.query(`SELECT 1 FROM field_submissions WHERE lower(officer) = lower($1) AND client_id = $2`, [s.officer, s.clientId])).rows.length) {
        throw new AtlasError('CONFLICT', `Bản ghi ${s.clientId} đã nhận / Record ${s.clientId} was already received`, { field: 'clientId' });
      }
      const { rows } = await c.query(`INSERT INTO field_submissions (client_id, kind, unit_id, indicator, period, value, officer, recorded_at, received_at,
          position, source_note, outcome, review) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING id`,
      [s.clientId, s.kind, s.unitId, s.indicator, s.period, JSON.stringify(s.value ?? null), s.officer, s.recordedAt, new Date().toISOString(),
        j(s.position), s.sourceNote, j(s.outcome), s.outcome.status === 'APPLIED' ? 'PENDING' : null]);
      if (s.photo) await c.query(`INSERT INTO field_photos (submission_id, mime_type, bytes) VALUES ($1,$2,$3)`, [rows[0].id, s.photo.mimeType, s.photo.bytes]);
      return (await submission(rows[0].id))!;
    },
    reviewFieldSubmission: async (id: number, decision: 'ACCEPTED' | 'RETURNED', note: string | null, meta: EditMeta): Promise<FieldSubmission> => {
      const s = await submission(id);
      if (!s) throw new AtlasError('NOT_FOUND', `Không có bản ghi thực địa ${id} / No field submission ${id}`, { field: 'id' });
      if (s.review !== 'PENDING') {
        throw new AtlasError('CONFLICT', `Bản ghi ${id} đã được xét (${s.review}) / Submission ${id} was already reviewed (${s.review})`, { field: 'id', review: s.review });
      }
      await c.query(`UPDATE field_submissions SET review = $1, review_note = $2, reviewed_by = $3, reviewed_at = $4 WHERE id = $5`,
        [decision, note, meta.who, new Date().toISOString(), id]);
      // Only while the stored value is still this record's: a later edit has already taken it out of review.
      // Client ids are an officer's own: the value is this record's when it is the same cell, officer and id.
      await c.query(`UPDATE observations SET review = $1 WHERE field_client_id = $2 AND entered_by = $3 AND unit_id = $4 AND indicator = $5 AND period = $6`,
        [decision === 'ACCEPTED' ? null : 'RETURNED', s.clientId, s.officer, s.unitId, s.indicator, s.period]);
      await record(meta, 'field', s.unitId, 'review', { submissionId: id, review: 'PENDING' },
        { submissionId: id, clientId: s.clientId, kind: s.kind, indicator: s.indicator, period: s.period, review: decision, note });
      return (await submission(id))!;
    },
    createUser: async (username: string, passwordHash: string, role: User['role']): Promise<User> => {
      const now = new Date().toISOString();
      try {
        const { rows } = await c.query(`INSERT INTO users (username, password_hash, role, created_at) VALUES ($1,$2,$3,$4) RETURNING id`, [username, passwordHash, role, now]);
        return { id: rows[0].id, username, role, passwordHash, createdAt: now };
      } catch (e) {
        if ((e as { code?: string }).code === '23505') {
          throw new AtlasError('CONFLICT', `Tên đăng nhập "${username}" đã có / Username "${username}" is taken`, { field: 'username' });
        }
        throw e;
      }
    },
    createSession: async (tokenHash: string, userId: number, expiresAt: string) => {
      await c.query(`DELETE FROM sessions WHERE expires_at < $1`, [new Date().toISOString()]);
      await c.query(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1,$2,$3,$4)`, [tokenHash, userId, new Date().toISOString(), expiresAt]);
    },
    deleteSession: async (tokenHash: string) => { await c.query(`DELETE FROM sessions WHERE token_hash = $1`, [tokenHash]); },
  };
}

/**
 * Run `work` in one write transaction. Writers take turns on a transaction-scoped advisory lock (every edit also
 * bumps the one data_version row, so they would queue there anyway): each reads, checks its version and writes
 * with no other writer in between, in this process or any other.
 */
export async function inWrite<T>(pool: pg.Pool, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['commune-atlas-writes']);
    const result = await work(c);
    await c.query('COMMIT');
    return result;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

/** The PostgreSQL store, with what tests check of its data version cache. */
export interface PgAtlasStore extends AtlasStore {
  /** Settles once the store listens for data version changes (or has given up for now and reads each time). */
  started: Promise<void>;
  /** Round trips made to learn the primary's data version (none while the cache listens). */
  dataVersionRoundTrips(): number;
}

/** The AtlasStore on a pool (writes, and reads when there is no replica) and an optional replica pool (reads). */
export function pgStore(pool: pg.Pool, readPool: pg.Pool | null = null): PgAtlasStore {
  let latest: AtlasSnapshot | null = null;
  // The primary's version from memory, kept current by NOTIFY (other processes' commits too). A replica has no
  // LISTEN and lags on its own: its version is still read there.
  const version = watchDataVersion(pool);
  const versionOf = async (side: pg.Pool) => (side === pool ? version.current() : dataVersionOf(side));
  // The newest version this process wrote: a replica that has not replayed it yet is not read (read-your-writes).
  let written = 0;
  const readSide = async (): Promise<pg.Pool> => {
    if (!readPool) return pool;
    return (await dataVersionOf(readPool)) >= written ? readPool : pool;
  };
  const committed = async (): Promise<AtlasSnapshot> => {
    const side = await readSide();
    const now = await versionOf(side);
    if (latest && latest.version === now) return latest;
    const c = await side.connect();
    try {
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const tables = await readTables(c);
      await c.query('COMMIT');
      if (!latest || tables.version >= latest.version) latest = snapshotOf(tables);
      return latest.version === tables.version ? latest : snapshotOf(tables);
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  };
  const write = async <T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const result = await inWrite(pool, work);
    written = Math.max(written, await dataVersionOf(pool));
    version.saw(written);
    return result;
  };

  const reads = (c: () => Promise<Client>, snapshot: () => Promise<AtlasSnapshot>, dataVersion: () => Promise<number>) => ({
    snapshot,
    dataVersion,
    units: async (level: Unit['level']) => (await snapshot()).units(level),
    unit: async (id: string) => (await snapshot()).unit(id),
    boundary: async (unitId: string) => (await snapshot()).boundary(unitId),
    neighbours: async () => (await snapshot()).neighbours(),
    indicators: async () => (await snapshot()).indicators(),
    indicator: async (key: string) => (await snapshot()).indicator(key),
    observations: async (filter: { indicator?: string; unitId?: string }) => (await snapshot()).observations(filter),
    targets: async () => (await snapshot()).targets(),
    places: async () => (await snapshot()).places(),
    sources: async () => (await snapshot()).sources(),
    source: async (id: string) => (await snapshot()).source(id),
    // geography: ST_DWithin and ST_Distance measure on the WGS84 spheroid, as geo/geodesic-distance.ts does.
    villageDistances: async (lon: number, lat: number, km: number) => (await (await c()).query(
      `WITH p AS (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography AS g),
        centres AS (SELECT u.id, COALESCE(u.centre, ST_SetSRID(ST_MakePoint(b.centroid_lon, b.centroid_lat), 4326))::geography AS g
          FROM units u JOIN boundaries b ON b.unit_id = u.id WHERE u.level = 'village')
      SELECT centres.id, ST_Distance(centres.g, p.g) / 1000 AS km FROM centres, p WHERE ST_DWithin(centres.g, p.g, $3 * 1000)`,
      [lon, lat, km])).rows.map((r) => ({ unitId: r.id as string, km: r.km as number })),
    villagesInArea: async (area: VillageArea) => pgVillagesInArea(await c(), area),
    vectorTile: async (layer: { name: string; stored?: StoredGeometry }, tile: TileCoordinates, features: TileFeature[]) =>
      pgVectorTile(await c(), layer, tile, features),
    nationalCommunes: async (...a: Parameters<AtlasStore['nationalCommunes']>) => pgNationalCommunes(await c(), ...a),
    nationalTile: async (...a: Parameters<AtlasStore['nationalTile']>) => pgNationalTile(await c(), ...a),
    // A page is read with LIMIT/OFFSET: the history is append-only and grows without bound.
    history: async (unitId: string, page?: { limit: number; offset: number }) => ((await (await c()).query(
      `SELECT * FROM changes WHERE entity_id = $1 ORDER BY id${page ? ' LIMIT $2 OFFSET $3' : ''}`,
      page ? [unitId, page.limit, page.offset] : [unitId])).rows).map(toChange),
    // Each history entry bumps data_version by one in its transaction: the entries since v are the last (current − v).
    changesSince: async (v: number) => {
      const side = await c();
      const n = (await dataVersionOf(side)) - v;
      if (n <= 0) return [];
      return (await side.query(`SELECT * FROM changes ORDER BY id DESC LIMIT $1`, [n])).rows.map(toChange).reverse();
    },
    change: async (id: number) => {
      const r = (await (await c()).query(`SELECT * FROM changes WHERE id = $1`, [id])).rows[0];
      return r ? toChange(r) : undefined;
    },
    fieldSubmission: async (officer: string, clientId: string) => toSubmission((await (await c()).query(
      `${SUBMISSION_SELECT} WHERE lower(s.officer) = lower($1) AND s.client_id = $2`, [officer, clientId])).rows[0]),
    fieldSubmissionById: async (id: number) => toSubmission((await (await c()).query(`${SUBMISSION_SELECT} WHERE s.id = $1`, [id])).rows[0]),
    fieldSubmissions: async (review: FieldSubmission['review'] & string, afterId: number, limit: number) => (await (await c()).query(
      `${SUBMISSION_SELECT} WHERE s.review = $1 AND s.id > $2 ORDER BY s.id LIMIT $3`, [review, afterId, limit])).rows.map((r) => toSubmission(r)!),
    fieldPhoto: async (id: number) => {
      const r = (await (await c()).query(`SELECT mime_type, bytes FROM field_photos WHERE submission_id = $1`, [id])).rows[0];
      return r && { mimeType: r.mime_type as string, bytes: r.bytes as Buffer };
    },
    userByName: async (username: string) => toUser((await (await c()).query(`SELECT * FROM users WHERE lower(username) = lower($1)`, [username])).rows[0]),
    usernames: async () => (await (await c()).query(`SELECT username FROM users ORDER BY id`)).rows.map((r) => r.username as string),
    userById: async (id: number) => toUser((await (await c()).query(`SELECT * FROM users WHERE id = $1`, [id])).rows[0]),
    // Sessions and users are read where they are written: a replica's lag must not sign a fresh session out.
    sessionUser: async (tokenHash: string, now: string) => toUser((await pool.query(`SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > $2`, [tokenHash, now])).rows[0]),
  });

  const inside = (c: pg.PoolClient): AtlasStore => {
    const w = writes(c);
    const tx: AtlasStore = {
      ...reads(async () => c, async () => snapshotOf(await readTables(c)), () => dataVersionOf(c)),
      atomically: (work) => work(tx),
      // The check and the writes on this transaction's connection: the database server does the work.
      setObservations: async (many, meta, check) => {
        await check?.(tx);
        for (const m of many) await w.setObservation(m.input, m.expectedVersion, meta);
      },
      ...w,
      close: async () => undefined,
    };
    return tx;
  };

  return {
    ...reads(readSide, committed, async () => versionOf(await readSide())),
    started: version.started,
    dataVersionRoundTrips: version.roundTrips,
    atomically: (work) => write((c) => work(inside(c))),
    setObservations: (...a) => write((c) => inside(c).setObservations(...a)),
    setObservation: (...a) => write((c) => writes(c).setObservation(...a)),
    publishObservation: (...a) => write((c) => writes(c).publishObservation(...a)),
    removeObservation: (...a) => write((c) => writes(c).removeObservation(...a)),
    setUnitName: (...a) => write((c) => writes(c).setUnitName(...a)),
    setUnitCentre: (...a) => write((c) => writes(c).setUnitCentre(...a)),
    setBoundary: (...a) => write((c) => writes(c).setBoundary(...a)),
    addUnit: (...a) => write((c) => writes(c).addUnit(...a)),
    noteInHistory: (...a) => write((c) => writes(c).noteInHistory(...a)),
    addFieldSubmission: (...a) => write((c) => writes(c).addFieldSubmission(...a)),
    reviewFieldSubmission: (...a) => write((c) => writes(c).reviewFieldSubmission(...a)),
    createUser: (...a) => write((c) => writes(c).createUser(...a)),
    createSession: (...a) => write((c) => writes(c).createSession(...a)),
    deleteSession: (...a) => write((c) => writes(c).deleteSession(...a)),
    close: async () => { await version.close(); await pool.end(); if (readPool) await readPool.end(); },
  };
}
