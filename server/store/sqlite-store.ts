import type Database from 'better-sqlite3';
import type {
  AtlasSnapshot, AtlasStore, Boundary, BoundaryInput, Change, EditMeta, FieldSubmission, Indicator, Neighbour, Observation, ObservationWrite, Place, Publication,
  SourceDocument, StoredReads, Target, Unit, UnitLevel, User,
} from './atlas-store.ts';
import { AtlasError, conflictError } from '../errors.ts';
import { communeViews, snapshotOf, type AtlasTables } from './atlas-snapshot.ts';
import { geodesicDistanceKm } from '../../geo/geodesic-distance.ts';
import { villagesInAreaJs } from '../queries/villages-in-area.ts';
import { encodeTile } from '../tiles/encode-tile.ts';
import { nationalTile } from '../tiles/national-tile-set.ts';
import { indexCommunePage } from '../national/index-commune-page.ts';
import { timeSlices } from '../time-slices.ts';
import { sqliteLogWrites } from './sqlite-log-writes.ts';
import { sqliteWriteThread, type SqliteWriteThread } from './sqlite-write-thread.ts';
import { codeTaken, createdEntry } from './new-unit.ts';
import { publicationAfterWrite, publishedByAction } from './published-value.ts';
import { withUnchangedParts } from './unchanged-parts.ts';

const parse = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

/** The store's methods as better-sqlite3 runs them: synchronously. */
export type SyncStore = {
  [K in Exclude<keyof AtlasStore, ReadMethod | 'atomically' | 'setObservations' | 'snapshot' | 'close' | 'villageDistances' | 'villagesInArea' | 'vectorTile' | 'nationalCommunes' | 'nationalTile'>]: AtlasStore[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never
} & {
  tables(): AtlasTables;
  /**
   * The same tables, the large ones read a page at a time with `pause()` between pages. An observation equal to one of
   * `previous` (the last snapshot's) is that object, or shares its equal parts (unchanged-parts.ts).
   */
  tablesInSlices(pause: () => Promise<void>, previous?: Observation[]): Promise<AtlasTables>;
  /** The observations alone, as `tablesInSlices` reads them. */
  observationsInSlices(pause: () => Promise<void>, previous?: Observation[]): Promise<Observation[]>;
};
/** Reads of the data a snapshot holds: answered from the snapshot. */
type ReadMethod = Exclude<keyof AtlasSnapshot, 'version' | 'dataVersion'>;

/**
 * The AtlasStore on a better-sqlite3 database. Writes take turns (one at a time, in order), so a
 * transaction of `atomically` can await between its steps: its BEGIN IMMEDIATE … COMMIT holds the
 * turn, and no other write lands inside it. Reads are answered meanwhile from the snapshot of the last
 * committed data, kept in memory with its data version: a long import writing in slices does not stop
 * them, and nobody reads rows that may still be rolled back. Each turn that changed the data ends by reading
 * the new snapshot, in slices too; until it is ready, readers keep the previous one. An import's transaction runs
 * in a worker thread on its own connection (sqlite-write-thread.ts); other COMMITs and checkpoints are kept short or
 * off this thread by sqlite-log-writes.ts.
 */
export function sqliteStore(db: Database.Database): AtlasStore {
  const writer = syncStore(db);
  const logWrites = sqliteLogWrites(db);
  // A file the store may write has a write thread; an in-memory or read-only database writes here.
  const writeThread = db.memory || db.readonly ? null : sqliteWriteThread(db);
  let turn: Promise<unknown> = Promise.resolve();
  let latest: AtlasSnapshot | null = null;
  /** The tables `latest` was made from: the next snapshot takes what is unchanged from them. */
  let latestTables: AtlasTables | null = null;
  const keep = (t: AtlasTables | null) => { latestTables = t; latest = t && snapshotOf(t); };
  /**
   * Set by an import's turn (the write thread's transaction, which writes observations and their history entries only):
   * the data version at its BEGIN and before its COMMIT. Read and cleared by that turn's renew.
   */
  let observationsWritten: { from: number; to: number } | null = null;
  /** True while a write's turn runs: its transaction may be open, or the snapshot after it not read yet. */
  let writing = false;
  /**
   * The snapshot of the committed data. A write's turn renews it (below); outside turns it is also read again, at
   * once, when the stored version moved without this store (another process wrote to the file).
   */
  const committed = (): AtlasSnapshot => {
    if (latest && (writing || latest.version === writer.dataVersion())) return latest;
    keep(db.transaction(() => writer.tables())());
    return latest!;
  };
  /** After a write: the new committed data, read while the turn is still held (nothing can write meanwhile). */
  const renew = async () => {
    const written = observationsWritten;
    observationsWritten = null;
    if (!db.open || db.inTransaction || committed().version === writer.dataVersion()) return;
    const previous = latestTables;
    try {
      // After an import and nothing else (the version moved from the previous snapshot's by the import's entries alone,
      // so no other write, here or in another process, came between), only the observations are read again.
      if (written && previous && previous.version === written.from && writer.dataVersion() === written.to) {
        keep({ ...previous, version: written.to, observations: await writer.observationsInSlices(timeSlices(), previous.observations) });
      } else {
        keep(await writer.tablesInSlices(timeSlices(), previous?.observations));
      }
    } catch {
      keep(null); // the write is committed all the same: the next reader reads the data at once
    }
  };
  /** Run a write after every earlier one has finished; its turn ends once readers see what it wrote. */
  const inTurn = <T>(work: () => Promise<T> | T): Promise<T> => {
    const result = turn.then(async () => {
      committed(); // readers need it while the write's transaction is open
      writing = true;
      try {
        return await work();
      } finally {
        await renew();
        writing = false;
        logWrites.checkpointIfLarge();
      }
    });
    turn = result.catch(() => undefined);
    return result;
  };
  // The history and accounts are read from the database itself: while a transaction is open, those reads
  // wait for it to end when it wrote what they read (they would otherwise see rows that may be rolled back).
  let accountsWritten = false;
  const historySettled = async () => { while (db.inTransaction) await turn; };
  const accountsSettled = async () => { while (db.inTransaction && accountsWritten) await turn; };
  const wrap = (ready: { history: () => Promise<void>; accounts: () => Promise<void> }, read: () => AtlasSnapshot, version: () => number,
    write: <T>(work: () => T) => Promise<T>, atomically: AtlasStore['atomically'], setObservations: AtlasStore['setObservations'],
    onAccounts: () => void): AtlasStore => ({
    snapshot: async () => read(),
    dataVersion: async () => version(),
    units: async (level) => read().units(level),
    unit: async (id) => read().unit(id),
    boundary: async (unitId) => read().boundary(unitId),
    neighbours: async () => read().neighbours(),
    indicators: async () => read().indicators(),
    indicator: async (key) => read().indicator(key),
    observations: async (filter) => read().observations(filter),
    targets: async () => read().targets(),
    places: async () => read().places(),
    sources: async () => read().sources(),
    source: async (id) => read().source(id),
    // Bản of every detailed commune, as PostGIS answers: the caller keeps those of the commune it reads.
    villageDistances: async (lon, lat, km) => communeViews(read()).flatMap((data) => data.units('village').flatMap((v) => {
      const d = geodesicDistanceKm([lon, lat], v.centre ?? data.boundary(v.id)!.centroid);
      return d <= km ? [{ unitId: v.id, km: d }] : [];
    })),
    villagesInArea: async (area) => communeViews(read()).flatMap((data) => villagesInAreaJs(data, area)),
    vectorTile: async (layer, tile, features) => encodeTile(layer.name, tile, features),
    // The national reference units stay in memory on SQLite: one index and one set of cut tiles per process.
    nationalCommunes: async (filter, page) => indexCommunePage(filter, page),
    nationalTile: (layer, tile) => nationalTile(layer, tile),
    atomically,
    setObservation: (...a) => write(() => writer.setObservation(...a)),
    setObservations,
    publishObservation: (...a) => write(() => writer.publishObservation(...a)),
    removeObservation: (...a) => write(() => writer.removeObservation(...a)),
    setUnitName: (...a) => write(() => writer.setUnitName(...a)),
    setUnitCentre: (...a) => write(() => writer.setUnitCentre(...a)),
    setBoundary: (...a) => write(() => writer.setBoundary(...a)),
    addUnit: (...a) => write(() => writer.addUnit(...a)),
    history: async (unitId, page) => { await ready.history(); return writer.history(unitId, page); },
    changesSince: async (v) => { await ready.history(); return writer.changesSince(v); },
    change: async (id) => { await ready.history(); return writer.change(id); },
    noteInHistory: (...a) => write(() => writer.noteInHistory(...a)),
    fieldSubmission: async (officer, clientId) => { await ready.history(); return writer.fieldSubmission(officer, clientId); },
    fieldSubmissionById: async (id) => { await ready.history(); return writer.fieldSubmissionById(id); },
    fieldSubmissions: async (...a) => { await ready.history(); return writer.fieldSubmissions(...a); },
    addFieldSubmission: (...a) => write(() => writer.addFieldSubmission(...a)),
    reviewFieldSubmission: (...a) => write(() => writer.reviewFieldSubmission(...a)),
    fieldPhoto: async (id) => { await ready.history(); return writer.fieldPhoto(id); },
    createUser: (...a) => { onAccounts(); return write(() => writer.createUser(...a)); },
    userByName: async (name) => { await ready.accounts(); return writer.userByName(name); },
    usernames: async () => { await ready.accounts(); return writer.usernames(); },
    userById: async (id) => { await ready.accounts(); return writer.userById(id); },
    createSession: (...a) => { onAccounts(); return write(() => writer.createSession(...a)); },
    sessionUser: async (tokenHash, now) => { await ready.accounts(); return writer.sessionUser(tokenHash, now); },
    deleteSession: (...a) => { onAccounts(); return write(() => writer.deleteSession(...a)); },
    close: async () => { await turn; await writeThread?.close(); await logWrites.close(); db.close(); },
  });
  // Inside a transaction: reads see its own writes (the writer connection), writes need no turn (the transaction holds it).
  const nested: AtlasStore['atomically'] = (work) => work(inside);
  // Many values inside an open transaction of this connection: in slices, so that requests are answered between them.
  const setHere: AtlasStore['setObservations'] = async (writes, meta, check) => {
    await check?.(inside);
    const pause = timeSlices();
    for (const w of writes) {
      await pause();
      writer.setObservation(w.input, w.expectedVersion, meta);
    }
  };
  const now = async () => undefined;
  const inside: AtlasStore = wrap({ history: now, accounts: now }, () => snapshotOf(writer.tables()), writer.dataVersion, async (work) => work(), nested,
    setHere, () => { accountsWritten = true; });
  const atomically: AtlasStore['atomically'] = (work) => inTurn(async () => {
    db.prepare('BEGIN IMMEDIATE').run();
    accountsWritten = false;
    try {
      const result = await work(inside);
      await logWrites.flush();
      db.prepare('COMMIT').run();
      return result;
    } catch (e) {
      if (db.inTransaction) db.prepare('ROLLBACK').run();
      throw e;
    }
  });
  const setObservations: AtlasStore['setObservations'] = (writes, meta, check) => (writeThread
    ? inTurn(async () => { observationsWritten = await setInWorker(writeThread, writes, meta, check, committed); })
    : atomically((tx) => tx.setObservations(writes, meta, check)));
  return wrap({ history: historySettled, accounts: accountsSettled }, committed, () => committed().version, (work) => inTurn(work), atomically,
    setObservations, () => undefined);
}

/**
 * Many values in one transaction of the write thread. The check reads the stored version and history through that
 * transaction (the write lock held, as the writes will see them); the data it names bản from is the committed
 * snapshot, which is what is stored: this store's earlier writes have all been read back before its turn began.
 */
async function setInWorker(thread: SqliteWriteThread, writes: ObservationWrite[], meta: EditMeta, check: ((tx: StoredReads) => Promise<void>) | undefined,
  committed: () => AtlasSnapshot): Promise<{ from: number; to: number }> {
  const tx = await thread.begin();
  try {
    const from = await tx.dataVersion(); // the write lock is held from BEGIN: nothing else writes until the COMMIT
    await check?.({ dataVersion: tx.dataVersion, changesSince: tx.changesSince, snapshot: async () => committed() });
    await tx.setObservations(writes, meta);
    const to = await tx.dataVersion();
    await tx.commit();
    return { from, to };
  } catch (e) {
    await tx.rollback().catch(() => undefined); // a stopped thread's connection rolled it back already
    throw e;
  }
}

/** The store's queries on one better-sqlite3 connection (the wrapper above keeps parsed rows per data version; the write worker runs them on its own). */
export function syncStore(db: Database.Database): SyncStore {
  const versionStmt = db.prepare(`SELECT value FROM meta WHERE key = 'data_version'`).pluck();
  const dataVersion = () => Number(versionStmt.get() ?? 0);
  const toUnit = (r: any): Unit => ({
    id: r.id, level: r.level, code: r.code, name: r.name, nameEn: r.name_en, provisionalLabel: r.provisional_label,
    nameSource: parse(r.name_source), nameConfidence: r.name_confidence, parentId: r.parent_id,
    validFrom: r.valid_from, validTo: r.valid_to,
    centre: r.centre_lon === null ? null : [r.centre_lon, r.centre_lat], centreSource: parse(r.centre_source),
    note: r.note, noteEn: r.note_en ?? null, version: r.version, adminCentre: parse(r.admin_centre ?? null),
  });
  const toObservation = (r: any): Observation => ({
    id: r.id, unitId: r.unit_id, indicator: r.indicator, period: r.period, value: parse(r.value), comparator: r.comparator ?? null, denominator: r.denominator,
    status: r.status, source: JSON.parse(r.source), formula: r.formula, note: r.note, enteredBy: r.entered_by, enteredAt: r.entered_at,
    version: r.version, publication: parse(r.publication), published: parse(r.published ?? null), review: r.review ?? null, fieldClientId: r.field_client_id ?? null,
  });
  // What the history keeps of a value (enteredAt/By say who typed it, publication who made it public, published what the
  // public saw: a revert of a publish puts it back).
  const snapshot = (o: Observation | null) => o && { value: o.value, comparator: o.comparator, denominator: o.denominator, status: o.status, source: o.source,
    formula: o.formula, note: o.note, enteredBy: o.enteredBy, enteredAt: o.enteredAt, publication: o.publication, published: o.published };
  const toChange = (r: any): Change => ({
    id: r.id, at: r.at, who: r.who, entity: r.entity, entityId: r.entity_id, field: r.field,
    oldValue: parse(r.old_value), newValue: parse(r.new_value), why: r.why, reverts: r.reverts, origin: parse(r.origin ?? null),
  });
  const toSubmission = (r: any): FieldSubmission | undefined => r && ({
    id: r.id, clientId: r.client_id, kind: r.kind, unitId: r.unit_id, indicator: r.indicator, period: r.period, value: parse(r.value),
    officer: r.officer, recordedAt: r.recorded_at, receivedAt: r.received_at, position: parse(r.position), sourceNote: r.source_note,
    outcome: JSON.parse(r.outcome), review: r.review, reviewNote: r.review_note, reviewedBy: r.reviewed_by, reviewedAt: r.reviewed_at,
    hasPhoto: r.has_photo === 1,
  });
  const submissionSelect = `SELECT s.*, EXISTS (SELECT 1 FROM field_photos p WHERE p.submission_id = s.id) AS has_photo FROM field_submissions s`;
  const toUser = (r: any): User | undefined => r && ({ id: r.id, username: r.username, role: r.role, passwordHash: r.password_hash, createdAt: r.created_at });

  const bump = db.prepare(`UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'`);
  const logChange = db.prepare(`INSERT INTO changes (at, who, entity, entity_id, field, old_value, new_value, why, reverts, origin)
    VALUES (?,?,?,?,?,?,?,?,?,?)`);
  const record = (meta: EditMeta, entity: Change['entity'], entityId: string, field: string, oldValue: unknown, newValue: unknown): number => {
    const { lastInsertRowid } = logChange.run(new Date().toISOString(), meta.who, entity, entityId, field, JSON.stringify(oldValue ?? null),
      JSON.stringify(newValue ?? null), meta.why, meta.reverts ?? null, meta.origin ? JSON.stringify(meta.origin) : null);
    bump.run();
    return Number(lastInsertRowid);
  };
  const conflict = conflictError;
  const obsRow = db.prepare(`SELECT * FROM observations WHERE unit_id = ? AND indicator = ? AND period = ?`);
  const unitRow = db.prepare(`SELECT * FROM units WHERE id = ?`);
  const boundaryRow = db.prepare(`SELECT * FROM boundaries WHERE unit_id = ?`);
  const mustUnit = (unitId: string, expected: number): Unit => {
    const r = unitRow.get(unitId);
    if (!r) throw new AtlasError('NOT_FOUND', `Không có đơn vị "${unitId}" / No unit "${unitId}"`, { field: 'unitId' });
    const u = toUnit(r);
    if (u.version !== expected) throw conflict(u.name ?? u.provisionalLabel ?? u.id, expected, u.version);
    return u;
  };
  const putBoundary = db.prepare(`INSERT INTO boundaries (unit_id, quality, geometry, area_km2, centroid_lon, centroid_lat, bbox, source, method)
    VALUES (@unitId, @quality, @geometry, @areaKm2, @lon, @lat, @bbox, @source, @method)
    ON CONFLICT(unit_id) DO UPDATE SET quality = excluded.quality, geometry = excluded.geometry, area_km2 = excluded.area_km2,
      centroid_lon = excluded.centroid_lon, centroid_lat = excluded.centroid_lat, bbox = excluded.bbox, source = excluded.source, method = excluded.method`);
  const writeBoundary = (b: BoundaryInput) => putBoundary.run({
    unitId: b.unitId, quality: b.quality, geometry: JSON.stringify(b.geometry), areaKm2: b.areaKm2, lon: b.centroid[0], lat: b.centroid[1],
    bbox: JSON.stringify(b.bbox), source: JSON.stringify(b.source), method: b.method,
  });
  const storedBoundary = (unitId: string): Boundary | undefined => {
    const r = boundaryRow.get(unitId) as any;
    return r && { unitId: r.unit_id, quality: r.quality, geometry: JSON.parse(r.geometry), areaKm2: r.area_km2,
      centroid: [r.centroid_lon, r.centroid_lat], bbox: JSON.parse(r.bbox), source: JSON.parse(r.source), method: r.method };
  };
  const allUnits = () => (db.prepare(`SELECT * FROM units ORDER BY sort`).all() as any[]).map(toUnit);
  const boundaries = () => (db.prepare(`SELECT * FROM boundaries`).all() as any[]).map((r): Boundary => ({
    unitId: r.unit_id, quality: r.quality, geometry: JSON.parse(r.geometry), areaKm2: r.area_km2,
    centroid: [r.centroid_lon, r.centroid_lat], bbox: JSON.parse(r.bbox), source: JSON.parse(r.source), method: r.method,
  }));
  const indicators = () => (db.prepare(`SELECT * FROM indicators ORDER BY sort`).all() as any[]).map((r): Indicator => ({
    key: r.key, nameVi: r.name_vi, nameEn: r.name_en, kind: r.kind, unit: r.unit,
    higherIsBetter: r.higher_is_better === null ? null : r.higher_is_better === 1, sensitive: r.sensitive === 1,
    levels: JSON.parse(r.levels), descriptionVi: r.description_vi, descriptionEn: r.description_en,
  }));
  const observations = () => (db.prepare(`SELECT * FROM observations ORDER BY unit_id, indicator, period DESC`).all() as any[]).map(toObservation);
  // `observations()`'s order read from the (unit_id, indicator, period) index itself: its groups in order, then each
  // group's rows latest period first, a page at a time (keyset on period). No page needs a sort, in SQLite or here.
  const observationGroups = db.prepare(`SELECT DISTINCT unit_id, indicator FROM observations ORDER BY unit_id, indicator`).raw();
  const groupFirstPage = db.prepare(`SELECT * FROM observations WHERE unit_id = ? AND indicator = ? ORDER BY period DESC LIMIT 250`);
  const groupNextPage = db.prepare(`SELECT * FROM observations WHERE unit_id = ? AND indicator = ? AND period < ? ORDER BY period DESC LIMIT 250`);
  /** The observations a page at a time, in the order of `observations()` (unit, indicator, latest period first). */
  const observationsInSlices = async (pause: () => Promise<void>, previous: Observation[] = []) => {
    const before = new Map(previous.map((o) => [o.id, o]));
    const all: Observation[] = [];
    for (const [unitId, indicator] of observationGroups.all() as [string, string][]) {
      for (let page = groupFirstPage.all(unitId, indicator) as any[]; page.length > 0; page = groupNextPage.all(unitId, indicator, page.at(-1).period) as any[]) {
        await pause();
        for (const r of page) all.push(withUnchangedParts(toObservation(r), before.get(r.id)));
      }
    }
    return all;
  };
  const sources = () => (db.prepare(`SELECT * FROM sources ORDER BY rowid`).all() as any[]).map((r): SourceDocument => ({
    id: r.id, title: r.title, titleEn: r.title_en ?? r.title, kind: r.kind, public: r.public === 1, communes: JSON.parse(r.communes), publisher: r.publisher,
    publisherEn: r.publisher_en ?? r.publisher, date: r.date, url: r.url, licence: r.licence, licenceEn: r.licence_en ?? r.licence, note: r.note,
  }));
  const neighbours = () => (db.prepare(`SELECT * FROM neighbours ORDER BY code`).all() as any[]).map((r): Neighbour => ({
    code: r.code, name: r.name, province: r.province, geometry: JSON.parse(r.geometry), source: JSON.parse(r.source),
  }));
  const targets = () => (db.prepare(`SELECT * FROM targets ORDER BY no`).all() as any[]).map((r): Target => ({
    no: r.no, group: r.grp, labelVi: r.label_vi, labelEn: r.label_en, indicator: r.indicator, comparator: r.comparator,
    value: r.value, unit: r.unit, year: r.year, baseline: parse(r.baseline), parts: JSON.parse(r.parts),
    source: JSON.parse(r.source), note: r.note,
  }));
  const places = () => (db.prepare(`SELECT * FROM places ORDER BY rowid`).all() as any[]).map((r): Place => ({
    id: r.id, kind: r.kind, name: r.name, nameEn: r.name_en ?? r.name, formerCommuneId: r.former_commune_id, villageIds: JSON.parse(r.village_ids),
    status: r.status, attributes: JSON.parse(r.attributes), geometry: parse(r.geometry), source: JSON.parse(r.source), note: r.note,
    noteEn: r.note_en ?? null,
  }));

  return {
    tables: () => ({
      version: dataVersion(), units: allUnits(), boundaries: boundaries(), neighbours: neighbours(), indicators: indicators(),
      observations: observations(), targets: targets(), places: places(), sources: sources(),
    }),
    tablesInSlices: async (pause, previous) => {
      const version = dataVersion();
      const observations = await observationsInSlices(pause, previous);
      // Geometry is the other large table: every table is read in a turn of its own.
      const next = async <T>(read: () => T): Promise<T> => { await pause(); return read(); };
      return {
        version, observations, boundaries: await next(boundaries), units: await next(allUnits), neighbours: await next(neighbours),
        indicators: await next(indicators), targets: await next(targets), places: await next(places), sources: await next(sources),
      };
    },
    observationsInSlices,
    dataVersion,

    setObservation: (input, expectedVersion, meta) => db.transaction(() => {
      const old = obsRow.get(input.unitId, input.indicator, input.period) as any;
      const current = old ? old.version : 0;
      if (current !== expectedVersion) throw conflict(`${input.indicator} (${input.unitId}, ${input.period})`, expectedVersion, current);
      const now = new Date().toISOString();
      // Unpublished, whatever document it names; the last published value stays as the public saw it (published-value.ts).
      const { publication, published } = publicationAfterWrite(old ? toObservation(old) : null, input);
      // A value from the field waits for review (PENDING); any other write leaves review.
      db.prepare(`INSERT INTO observations (unit_id, indicator, period, value, comparator, denominator, status, source, formula, note, entered_by, entered_at, version,
          review, field_client_id, publication, published)
        VALUES (@unitId, @indicator, @period, @value, @comparator, @denominator, @status, @source, @formula, @note, @who, @now, 1, @review, @fieldClientId,
          @publication, @published)
        ON CONFLICT(unit_id, indicator, period) DO UPDATE SET value = excluded.value, comparator = excluded.comparator, denominator = excluded.denominator,
          status = excluded.status, source = excluded.source, formula = excluded.formula, note = excluded.note,
          entered_by = excluded.entered_by, entered_at = excluded.entered_at, version = observations.version + 1,
          publication = excluded.publication, published = excluded.published, review = excluded.review, field_client_id = excluded.field_client_id`)
        .run({
          unitId: input.unitId, indicator: input.indicator, period: input.period, denominator: input.denominator, status: input.status, formula: input.formula,
          note: input.note, value: JSON.stringify(input.value), comparator: input.comparator ?? null, source: JSON.stringify(input.source), who: meta.who, now,
          review: input.fieldClientId ? 'PENDING' : null, fieldClientId: input.fieldClientId ?? null,
          publication: publication && JSON.stringify(publication), published: published && JSON.stringify(published),
        });
      const fresh = toObservation(obsRow.get(input.unitId, input.indicator, input.period));
      record(meta, 'observation', input.unitId, `${input.indicator}@${input.period}`, snapshot(old ? toObservation(old) : null), snapshot(fresh));
      return fresh;
    })(),

    publishObservation: ({ unitId, indicator, period }, expectedVersion, source, quote, meta) => db.transaction(() => {
      const old = obsRow.get(unitId, indicator, period) as any;
      if (!old) throw new AtlasError('NOT_FOUND', `Không có giá trị ${indicator} (${unitId}, ${period}) / No value ${indicator} (${unitId}, ${period})`, { field: 'indicator' });
      if (old.version !== expectedVersion) throw conflict(`${indicator} (${unitId}, ${period})`, expectedVersion, old.version);
      const publication: Publication = { at: new Date().toISOString(), by: meta.who, source, quote };
      // The value published becomes the last published one too: it replaces the earlier one for everyone.
      const published = publishedByAction(toObservation(old), source, publication);
      db.prepare(`UPDATE observations SET source = ?, publication = ?, published = ?, version = version + 1 WHERE id = ?`)
        .run(JSON.stringify(source), JSON.stringify(publication), JSON.stringify(published), old.id);
      record(meta, 'observation', unitId, `${indicator}@${period}`, snapshot(toObservation(old)), snapshot(toObservation(obsRow.get(unitId, indicator, period))));
      return toObservation(obsRow.get(unitId, indicator, period));
    })(),

    removeObservation: ({ unitId, indicator, period }, expectedVersion, meta) => db.transaction(() => {
      const old = obsRow.get(unitId, indicator, period) as any;
      const current = old ? old.version : 0;
      if (current !== expectedVersion) throw conflict(`${indicator} (${unitId}, ${period})`, expectedVersion, current);
      if (!old) return;
      db.prepare(`DELETE FROM observations WHERE id = ?`).run(old.id);
      record(meta, 'observation', unitId, `${indicator}@${period}`, snapshot(toObservation(old)), null);
    })(),

    setUnitName: (unitId, name, nameSource, expectedVersion, meta) => db.transaction(() => {
      const u = mustUnit(unitId, expectedVersion);
      db.prepare(`UPDATE units SET name = ?, name_source = ?, version = version + 1 WHERE id = ?`).run(name, nameSource && JSON.stringify(nameSource), unitId);
      record(meta, 'unit', unitId, 'name', { name: u.name, nameSource: u.nameSource }, { name, nameSource });
      return toUnit(unitRow.get(unitId));
    })(),

    setUnitCentre: (unitId, centre, centreSource, expectedVersion, boundaries, meta) => db.transaction(() => {
      const u = mustUnit(unitId, expectedVersion);
      db.prepare(`UPDATE units SET centre_lon = ?, centre_lat = ?, centre_source = ?, version = version + 1 WHERE id = ?`)
        .run(centre?.[0] ?? null, centre?.[1] ?? null, centreSource && JSON.stringify(centreSource), unitId);
      for (const b of boundaries) writeBoundary(b);
      record(meta, 'unit', unitId, 'centre', { centre: u.centre, centreSource: u.centreSource }, { centre, centreSource });
      return toUnit(unitRow.get(unitId));
    })(),

    setBoundary: (boundary, expectedVersion, meta) => db.transaction(() => {
      mustUnit(boundary.unitId, expectedVersion);
      const old = storedBoundary(boundary.unitId);
      writeBoundary(boundary);
      db.prepare(`UPDATE units SET version = version + 1 WHERE id = ?`).run(boundary.unitId);
      record(meta, 'boundary', boundary.unitId, 'boundary', old ?? null, boundary);
      return toUnit(unitRow.get(boundary.unitId));
    })(),

    addUnit: (unit, boundary, meta, source) => db.transaction(() => {
      if (unitRow.get(unit.id)) throw new AtlasError('CONFLICT', `Đơn vị "${unit.id}" đã có / Unit "${unit.id}" already exists`, { field: 'id' });
      if (source && !db.prepare(`SELECT 1 FROM sources WHERE id = ?`).get(source.id)) {
        db.prepare(`INSERT INTO sources (id, title, title_en, kind, public, communes, publisher, publisher_en, date, url, licence, licence_en, note)
          VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`).run(source.id, source.title, source.titleEn, source.kind, source.public ? 1 : 0, JSON.stringify(source.communes),
          source.publisher, source.publisherEn, source.date, source.url, source.licence, source.licenceEn, source.note);
      }
      const sort = db.prepare(`SELECT COALESCE(MAX(sort), -1) + 1 FROM units`).pluck().get() as number;
      try {
        db.prepare(`INSERT INTO units (id, level, code, name, name_source, parent_id, sort, version) VALUES (?,?,?,?,?,?,?,1)`)
          .run(unit.id, unit.level, unit.code, unit.name, unit.nameSource && JSON.stringify(unit.nameSource), unit.parentId, sort);
      } catch (e) {
        // The unique indexes of migration 8: one current commune per code, one bản per code under a parent.
        if (String((e as Error).message).includes('UNIQUE')) throw codeTaken(unit);
        throw e;
      }
      writeBoundary(boundary);
      record(meta, 'unit', unit.id, 'created', null, createdEntry(unit, boundary));
      return toUnit(unitRow.get(unit.id));
    })(),

    // A page is read with LIMIT/OFFSET: the history is append-only and grows without bound.
    history: (unitId, page) => ((page
      ? db.prepare(`SELECT * FROM changes WHERE entity_id = ? ORDER BY id LIMIT ? OFFSET ?`).all(unitId, page.limit, page.offset)
      : db.prepare(`SELECT * FROM changes WHERE entity_id = ? ORDER BY id`).all(unitId)) as any[]).map(toChange),
    // record() is the only writer of data_version and bumps it by one with each entry, in the same transaction:
    // the entries made since version v are the last (current − v) ones.
    changesSince: (v) => {
      const n = dataVersion() - v;
      if (n <= 0) return [];
      return (db.prepare(`SELECT * FROM changes ORDER BY id DESC LIMIT ?`).all(n) as any[]).map(toChange).reverse();
    },
    change: (id) => {
      const r = db.prepare(`SELECT * FROM changes WHERE id = ?`).get(id);
      return r ? toChange(r) : undefined;
    },
    noteInHistory: (unitId, field, oldValue, newValue, meta) => db.transaction(() =>
      toChange(db.prepare(`SELECT * FROM changes WHERE id = ?`).get(record(meta, 'field', unitId, field, oldValue, newValue))))(),

    fieldSubmission: (officer, clientId) => toSubmission(db.prepare(`${submissionSelect} WHERE s.officer = ? COLLATE NOCASE AND s.client_id = ?`).get(officer, clientId)),
    fieldSubmissionById: (id) => toSubmission(db.prepare(`${submissionSelect} WHERE s.id = ?`).get(id)),
    fieldSubmissions: (review, afterId, limit) => (db.prepare(`${submissionSelect} WHERE s.review = ? AND s.id > ? ORDER BY s.id LIMIT ?`)
      .all(review, afterId, limit) as any[]).map((r) => toSubmission(r)!),
    addFieldSubmission: (s) => db.transaction(() => {
      if (db.prepare(`SELECT 1 FROM field_submissions WHERE officer = ? COLLATE NOCASE AND client_id = ?`).get(s.officer, s.clientId)) {
        throw new AtlasError('CONFLICT', `Bản ghi ${s.clientId} đã nhận / Record ${s.clientId} was already received`, { field: 'clientId' });
      }
      const { lastInsertRowid } = db.prepare(`INSERT INTO field_submissions (client_id, kind, unit_id, indicator, period, value, officer, recorded_at, received_at,
          position, source_note, outcome, review) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`)
        .run(s.clientId, s.kind, s.unitId, s.indicator, s.period, JSON.stringify(s.value ?? null), s.officer, s.recordedAt, new Date().toISOString(),
          s.position && JSON.stringify(s.position), s.sourceNote, JSON.stringify(s.outcome), s.outcome.status === 'APPLIED' ? 'PENDING' : null);
      if (s.photo) db.prepare(`INSERT INTO field_photos (submission_id, mime_type, bytes) VALUES (?,?,?)`).run(lastInsertRowid, s.photo.mimeType, s.photo.bytes);
      return toSubmission(db.prepare(`${submissionSelect} WHERE s.id = ?`).get(lastInsertRowid))!;
    })(),
    reviewFieldSubmission: (id, decision, note, meta) => db.transaction(() => {
      const s = toSubmission(db.prepare(`${submissionSelect} WHERE s.id = ?`).get(id));
      if (!s) throw new AtlasError('NOT_FOUND', `Không có bản ghi thực địa ${id} / No field submission ${id}`, { field: 'id' });
      if (s.review !== 'PENDING') {
        throw new AtlasError('CONFLICT', `Bản ghi ${id} đã được xét (${s.review}) / Submission ${id} was already reviewed (${s.review})`, { field: 'id', review: s.review });
      }
      const at = new Date().toISOString();
      db.prepare(`UPDATE field_submissions SET review = ?, review_note = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ?`).run(decision, note, meta.who, at, id);
      // Only while the stored value is still this record's: a later edit has already taken it out of review.
      // Client ids are an officer's own: the value is this record's when it is the same cell, officer and id.
      db.prepare(`UPDATE observations SET review = ? WHERE field_client_id = ? AND entered_by = ? AND unit_id = ? AND indicator = ? AND period = ?`)
        .run(decision === 'ACCEPTED' ? null : 'RETURNED', s.clientId, s.officer, s.unitId, s.indicator, s.period);
      record(meta, 'field', s.unitId, 'review', { submissionId: id, review: 'PENDING' },
        { submissionId: id, clientId: s.clientId, kind: s.kind, indicator: s.indicator, period: s.period, review: decision, note });
      return toSubmission(db.prepare(`${submissionSelect} WHERE s.id = ?`).get(id))!;
    })(),
    fieldPhoto: (id) => {
      const r = db.prepare(`SELECT mime_type, bytes FROM field_photos WHERE submission_id = ?`).get(id) as any;
      return r && { mimeType: r.mime_type, bytes: r.bytes as Buffer };
    },

    createUser: (username, passwordHash, role) => {
      const now = new Date().toISOString();
      try {
        const { lastInsertRowid } = db.prepare(`INSERT INTO users (username, password_hash, role, created_at) VALUES (?,?,?,?)`).run(username, passwordHash, role, now);
        return { id: Number(lastInsertRowid), username, role, passwordHash, createdAt: now };
      } catch (e) {
        if (String((e as Error).message).includes('UNIQUE')) {
          throw new AtlasError('CONFLICT', `Tên đăng nhập "${username}" đã có / Username "${username}" is taken`, { field: 'username' });
        }
        throw e;
      }
    },
    usernames: () => db.prepare(`SELECT username FROM users ORDER BY id`).pluck().all() as string[],
    userByName: (username) => toUser(db.prepare(`SELECT * FROM users WHERE username = ?`).get(username)),
    userById: (id) => toUser(db.prepare(`SELECT * FROM users WHERE id = ?`).get(id)),
    createSession: (tokenHash, userId, expiresAt) => {
      db.prepare(`DELETE FROM sessions WHERE expires_at < ?`).run(new Date().toISOString());
      db.prepare(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?,?,?,?)`).run(tokenHash, userId, new Date().toISOString(), expiresAt);
    },
    sessionUser: (tokenHash, now) => toUser(db.prepare(`SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = ? AND s.expires_at > ?`).get(tokenHash, now)),
    deleteSession: (tokenHash) => { db.prepare(`DELETE FROM sessions WHERE token_hash = ?`).run(tokenHash); },
  };
}
