// The store interface: everything above it (schema, HTTP) reads the atlas through these methods only,
// so a PostGIS backend for province-wide deployments can replace SQLite without changes above. Every
// method returns a Promise: a database server answers over the network.
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import type { BoundComparator, DocumentCommunes, ObservationStatus, SourceRef } from '../../geo/seed-types.ts';
import type { NationalCommuneSeed } from '../../geo/national/national-seed-types.ts';

export type UnitLevel = 'commune' | 'formerCommune' | 'village';
export type BoundaryQuality = 'OFFICIAL' | 'SURVEYED' | 'SCHEMATIC';

export interface Unit {
  id: string;
  level: UnitLevel;
  code: string | null;
  /** NFC name, or null when no source names the unit. */
  name: string | null;
  nameEn: string | null;
  provisionalLabel: string | null;
  nameSource: SourceRef | null;
  nameConfidence: string | null;
  parentId: string | null;
  validFrom: string | null;
  validTo: string | null;
  centre: [number, number] | null;
  centreSource: SourceRef | null;
  note: string | null;
  /** The note in English (seeded bản notes come in both languages). */
  noteEn: string | null;
  version: number;
  /** For the commune: its official administrative centre, when a source names it. */
  adminCentre: AdminCentre | null;
}

/**
 * The commune's administrative centre as the official record names it: a bản of the commune, whose former commune and
 * cell stay null until a source says which they are (none is invented).
 */
export interface AdminCentre {
  name: string;
  status: ObservationStatus;
  source: SourceRef;
  /** The bản's own name ("Lằn"). */
  villageName: string | null;
  /** The bản's cell, when a source says which it is. */
  villageId: string | null;
  formerCommuneId: string | null;
  note: string | null;
}

export interface Boundary {
  unitId: string;
  quality: BoundaryQuality;
  geometry: Geometry;
  areaKm2: number;
  centroid: [number, number];
  bbox: [number, number, number, number];
  source: SourceRef;
  method: string | null;
}

export interface Neighbour {
  code: string;
  name: string;
  province: string;
  geometry: Geometry;
  source: SourceRef;
}

export interface Indicator {
  key: string;
  nameVi: string;
  nameEn: string;
  kind: string;
  unit: string;
  higherIsBetter: boolean | null;
  sensitive: boolean;
  levels: string[];
  descriptionVi: string | null;
  descriptionEn: string | null;
}

export interface Observation {
  id: number;
  unitId: string;
  indicator: string;
  period: string;
  value: number | boolean | string | null;
  /** When the source gives a bound, not the value ("trên 100%" is ">" 100); null: the value is exact. */
  comparator: BoundComparator | null;
  denominator: number | null;
  status: ObservationStatus;
  source: SourceRef;
  formula: string | null;
  note: string | null;
  enteredBy: string | null;
  enteredAt: string | null;
  /** Grows with every edit: an edit names the version it changes (optimistic concurrency). */
  version: number;
  /**
   * Who made the value public and on which public document: set for seeded values that a public source states,
   * and by an admin's publish action; null for every value entered or imported until an admin publishes it.
   */
  publication: Publication | null;
  /**
   * The last published value (set with the publication, kept when a new unpublished value is written over it): what
   * anonymous visitors see of a sensitive value while an edit of it waits for an admin's publish action. Null when the
   * value was never published. server/access/observation-visibility.ts decides who sees which.
   */
  published: PublishedValue | null;
  /**
   * A value entered in the field waits for review: PENDING until a reviewer accepts it (then null: the normal rules),
   * RETURNED when sent back. Null for every other value. server/access/observation-visibility.ts reads it.
   */
  review: 'PENDING' | 'RETURNED' | null;
  /** The field record (its device-made client id) whose value this is; null for a value entered at a desk or seeded. */
  fieldClientId: string | null;
}

/** A recorded publish action: a public document (and section, quote) states this value for this unit. */
export interface Publication {
  at: string | null;
  /** The admin's user name, or "seed" for values from the seed files. */
  by: string;
  source: SourceRef;
  quote: string | null;
}

/** What of a value is kept when it is published: the value, its bound, status and source, and who typed it when. */
export type PublishedParts = Pick<Observation, 'value' | 'comparator' | 'denominator' | 'status' | 'source' | 'formula' | 'note' | 'enteredBy' | 'enteredAt'>;

/** A value as it was when last published: those parts, and the publish action. */
export type PublishedValue = PublishedParts & {
  publication: Publication;
  /**
   * The observation's version when the public began to see this value (the publish action, or the write that made it
   * the public one again): anonymous visitors see this version, not one that grows with unpublished edits.
   */
  version: number;
};

/** A published value as a history entry keeps it, or a revert puts it back: the store gives it the version it is written at. */
export type UnversionedPublishedValue = Omit<PublishedValue, 'version'>;

export interface ObservationInput {
  unitId: string;
  indicator: string;
  period: string;
  value: number | boolean;
  /** A bound ("trên", "gần"); absent or null: exact. */
  comparator?: BoundComparator | null;
  denominator: number | null;
  status: ObservationStatus;
  source: SourceRef;
  formula: string | null;
  note: string | null;
  /** Set by a field record: the value is stored with review PENDING and linked to that record. */
  fieldClientId?: string | null;
  /**
   * Set by the revert of a publish action only (server/access/publication-rule.ts, publishedAfterRevert): the last
   * published value to keep instead of the stored one, so that undoing a publish withdraws it. Absent: the stored one stays.
   */
  keepPublished?: UnversionedPublishedValue | null;
}

/** One value to store and the version it overwrites (0: there is none yet). */
export interface ObservationWrite {
  input: ObservationInput;
  expectedVersion: number;
}

/** What a check made inside a write transaction may read: the stored version, the history since a version, the data. */
export type StoredReads = Pick<AtlasStore, 'dataVersion' | 'changesSince' | 'snapshot'>;

/** Where the officer stood when recording in the field (WGS84, the device's accuracy in metres). */
export interface FieldPosition {
  lon: number;
  lat: number;
  accuracyMeters: number | null;
}

/** That an edit came from the field app: kept with its history entry. */
export interface FieldOrigin {
  clientId: string;
  /** When the officer recorded it on the device (ISO 8601). */
  recordedAt: string;
  position: FieldPosition | null;
  sourceNote: string;
  /** After a CONFLICT: the officer kept the field value (KEEP_MINE) or the server's (KEEP_SERVER). */
  resolution: 'KEEP_MINE' | 'KEEP_SERVER' | null;
}

export type FieldRecordKind = 'OBSERVATION' | 'CENTRE' | 'NAME';
export type FieldReview = 'PENDING' | 'ACCEPTED' | 'RETURNED';

/** What the sync answered for a record the first time: a replay of its client id answers the same. */
export interface FieldOutcome {
  status: 'APPLIED' | 'KEPT_SERVER';
  serverVersion: number;
  message: string | null;
}

/** One record received from the field app (applied, or discarded in favour of the server's value), with its review. */
export interface FieldSubmission {
  id: number;
  clientId: string;
  kind: FieldRecordKind;
  unitId: string;
  indicator: string | null;
  period: string | null;
  /** The field value: the observation's value, [lon, lat] for a centre, the name for a name. */
  value: unknown;
  officer: string;
  recordedAt: string;
  receivedAt: string;
  position: FieldPosition | null;
  sourceNote: string;
  outcome: FieldOutcome;
  /** Null for a record discarded in favour of the server's value (nothing to review). */
  review: FieldReview | null;
  reviewNote: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  hasPhoto: boolean;
}

/** A photo of the supporting document: its type as its bytes say (image/jpeg or image/webp). */
export interface FieldPhoto {
  mimeType: string;
  bytes: Buffer;
}

export type NewFieldSubmission = Omit<FieldSubmission, 'id' | 'receivedAt' | 'review' | 'reviewNote' | 'reviewedBy' | 'reviewedAt' | 'hasPhoto'> & {
  photo: FieldPhoto | null;
};

/** Who makes an edit and why: written to the append-only history with it. */
export interface EditMeta {
  who: string;
  why: string | null;
  /** The history entry this edit undoes, for reverts. */
  reverts?: number;
  /** Set when the edit came from the field app. */
  origin?: FieldOrigin;
}

export interface Change {
  id: number;
  at: string;
  who: string;
  /** 'field': an entry about a field record that changes no value (discarded for the server's value, reviewed). */
  entity: 'observation' | 'unit' | 'boundary' | 'field';
  entityId: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  why: string | null;
  reverts: number | null;
  /** Set when the edit came from the field app: the record, when and where it was made. */
  origin: FieldOrigin | null;
}

export interface User {
  id: number;
  username: string;
  role: 'viewer' | 'editor' | 'admin';
  passwordHash: string;
  createdAt: string;
}

export type BoundaryInput = Omit<Boundary, 'unitId'> & { unitId: string };

export interface Target {
  no: number;
  group: string;
  labelVi: string;
  labelEn: string;
  indicator: string | null;
  comparator: string | null;
  value: number | null;
  unit: string | null;
  year: number;
  baseline: { value: number; denominator?: number; period: string; status: ObservationStatus; formula?: string } | null;
  parts: Array<{ labelVi: string; labelEn: string; comparator: string; value: number; unit: string }>;
  source: SourceRef;
  note: string | null;
}

export interface Place {
  id: string;
  kind: string;
  name: string;
  nameEn: string;
  formerCommuneId: string | null;
  villageIds: string[];
  status: string;
  attributes: Record<string, { value: number | string | boolean; comparator?: BoundComparator; unit?: string; status: ObservationStatus; source: SourceRef; formula?: string }>;
  geometry: Geometry | null;
  source: SourceRef;
  note: string | null;
  noteEn: string | null;
}

export interface SourceDocument {
  id: string;
  title: string;
  titleEn: string;
  kind: string;
  public: boolean;
  /** The communes the document is about (official codes), or "all": a document publishes values of their units only. */
  communes: DocumentCommunes;
  publisher: string | null;
  publisherEn: string | null;
  date: string | null;
  url: string | null;
  licence: string | null;
  licenceEn: string | null;
  note: string | null;
}

/**
 * The atlas's data at one data version, read synchronously: what views compute their answers from (one
 * consistent version per answer, and no round trip per bản in their loops). A new version is a new snapshot,
 * so anything derived from it can be cached on the snapshot object itself.
 */
export interface AtlasSnapshot {
  /** The data version this snapshot holds. */
  readonly version: number;
  /** Grows with every change of data: a cache key for derived answers (the same as `version`). */
  dataVersion(): number;
  units(level: UnitLevel): Unit[];
  unit(id: string): Unit | undefined;
  boundary(unitId: string): Boundary | undefined;
  neighbours(): Neighbour[];
  indicators(): Indicator[];
  indicator(key: string): Indicator | undefined;
  /** Observations of one indicator (all units, latest period first), or of one unit. */
  observations(filter: { indicator?: string; unitId?: string }): Observation[];
  targets(): Target[];
  places(): Place[];
  sources(): SourceDocument[];
  source(id: string): SourceDocument | undefined;
  /**
   * The detailed commune this view is of: Mường Bang (the first commune stored) unless `forCommune` chose another.
   * A view holds that commune's units, boundaries and observations only; its targets, places and neighbours are
   * Mường Bang's report's and belong to Mường Bang's view alone. Undefined before the atlas is seeded.
   */
  scope(): Unit | undefined;
  /** Every detailed commune (units of level commune), Mường Bang first. */
  detailedCommunes(): Unit[];
  /** The same data version seen from another detailed commune; undefined for an id that is not one. */
  forCommune(communeId: string): AtlasSnapshot | undefined;
  /** The detailed commune a unit (of any commune) belongs to, or undefined. */
  communeOf(unitId: string): Unit | undefined;
}

/** A unit to add (a detailed commune, or a bản of one): stored at version 1 after every unit there is. */
export interface NewUnit {
  id: string;
  level: UnitLevel;
  code: string | null;
  name: string;
  nameSource: SourceRef | null;
  parentId: string | null;
}

/** One feature of a vector tile: its id, its stored geometry (null: none) and the properties the viewer may see. */
export interface TileFeature {
  id: string;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

/** Where a layer's geometry is stored in PostgreSQL (table, id and PostGIS geometry columns; SRID 4326). */
export interface StoredGeometry {
  table: string;
  idColumn: string;
  geomColumn: string;
}

/** A tile of the web-mercator pyramid (z, x, y as in /tiles/{layer}/{z}/{x}/{y}.mvt). */
export interface TileCoordinates { z: number; x: number; y: number }

/** A spatial condition on bản: cells meeting a lon/lat box, centres inside a polygon (both when both are given). */
export interface VillageArea {
  bbox?: [number, number, number, number];
  within?: Polygon | MultiPolygon;
}

/** Which of Vietnam's communes (the national reference units) to list: every condition given must hold. */
export interface NationalCommuneFilter {
  /** The outline meets this [minLon, minLat, maxLon, maxLat] box (checked by the caller). */
  bbox?: [number, number, number, number];
  /** The folded "type name code" contains this text folded (geo/fold-diacritics.ts); blank: no condition. */
  search?: string;
  /** Two-digit province code (checked by the caller). */
  province?: string;
}

/** A commune of the national reference units, without its outline (read from the national index by code). */
export type NationalCommuneRecord = Omit<NationalCommuneSeed, 'geometry'>;

/** One page of the communes matching a filter, by code, and how many match over every page. */
export interface NationalCommunePage {
  totalCount: number;
  communes: NationalCommuneRecord[];
  hasNextPage: boolean;
}

/** The national tile layers (server/tiles/national-tile-features.ts). */
export type NationalTileLayer = 'communes' | 'provinces';

export interface AtlasStore {
  /** The data as it is now, read at one version (shared by every caller until the data changes). */
  snapshot(): Promise<AtlasSnapshot>;
  /** Grows with every change of data: a cache key for derived answers. */
  dataVersion(): Promise<number>;
  units(level: UnitLevel): Promise<Unit[]>;
  unit(id: string): Promise<Unit | undefined>;
  boundary(unitId: string): Promise<Boundary | undefined>;
  neighbours(): Promise<Neighbour[]>;
  indicators(): Promise<Indicator[]>;
  indicator(key: string): Promise<Indicator | undefined>;
  /** Observations of one indicator (all units, latest period first), or of one unit. */
  observations(filter: { indicator?: string; unitId?: string }): Promise<Observation[]>;
  targets(): Promise<Target[]>;
  places(): Promise<Place[]>;
  sources(): Promise<SourceDocument[]>;
  source(id: string): Promise<SourceDocument | undefined>;

  /**
   * Bản whose centre (the known one, else the point inside the schematic cell) lies within `km` of a point, with
   * the distance on the WGS84 ellipsoid, in no particular order. Computed in the database where there is one.
   */
  villageDistances(lon: number, lat: number, km: number): Promise<Array<{ unitId: string; km: number }>>;

  /**
   * Ids of the bản (of every detailed commune: the caller keeps its commune's) meeting a spatial condition (a checked
   * one: see server/queries/filter-villages.ts), as of the current data:
   * the cells that meet the box, the bản whose centre (known, else the point in the cell) lies in the polygon. In the
   * database (PostGIS, GiST index) where there is one.
   */
  villagesInArea(area: VillageArea): Promise<string[]>;

  /**
   * One Mapbox vector tile (uncompressed protobuf) of one layer: these features, cut to the tile, with their
   * properties. PostgreSQL cuts and encodes it in the database (ST_AsMVTGeom, ST_AsMVT, from `stored` when given);
   * SQLite with a JS encoder. A tile no feature meets is empty (zero bytes, a valid tile with no layer).
   */
  vectorTile(layer: { name: string; stored?: StoredGeometry }, tile: TileCoordinates, features: TileFeature[]): Promise<Uint8Array>;

  /**
   * Vietnam's communes matching the filter, by code: the page after the code `page.after` (at most `page.first`), or
   * all of them without a page. SQLite answers from the in-memory national index (an R-tree); PostgreSQL from its
   * national_communes table (PostGIS, GiST index).
   */
  nationalCommunes(filter: NationalCommuneFilter, page?: { first: number; after: string | null }): Promise<NationalCommunePage>;

  /**
   * One national tile (communes or provinces; z within the layer's zooms), encoded, zero bytes when no unit meets it.
   * SQLite: cut once in a worker thread and kept (server/tiles/national-tile-set.ts); PostgreSQL: ST_AsMVT on its tables.
   */
  nationalTile(layer: NationalTileLayer, tile: TileCoordinates): Promise<Uint8Array>;

  /**
   * Run several edits as one: all are stored, or (on any error) none. The work reads and writes through `tx`
   * (the store inside the transaction); no other write interleaves with it.
   */
  atomically<T>(work: (tx: AtlasStore) => Promise<T>): Promise<T>;

  // Edits. Each runs in one transaction: it checks the version it was given (stale → CONFLICT,
  // nothing written), writes, appends a history entry and bumps the data version.
  /** Create or change one value; expectedVersion 0 means "there is none yet". */
  setObservation(input: ObservationInput, expectedVersion: number, meta: EditMeta): Promise<Observation>;
  /**
   * Store many values as one (an import): all or none, each checked against the version it names (stale → CONFLICT)
   * and recorded in the history as setObservation does. `check` runs first in the same transaction, the write lock
   * held (nothing can be written between it and the writes), and refuses the whole by throwing. On SQLite the
   * transaction runs in a worker thread on a connection of its own (sqlite-write-thread.ts): the request thread
   * never executes its inserts nor its COMMIT, and readers see the data as committed before it until it commits.
   */
  setObservations(writes: ObservationWrite[], meta: EditMeta, check?: (tx: StoredReads) => Promise<void>): Promise<void>;
  /** Make one value public on a public document (admins): recorded in the history; the value itself does not change. */
  publishObservation(key: { unitId: string; indicator: string; period: string }, expectedVersion: number,
    source: SourceRef, quote: string, meta: EditMeta): Promise<Observation>;
  /** Remove one value (used to revert its creation). */
  removeObservation(key: { unitId: string; indicator: string; period: string }, expectedVersion: number, meta: EditMeta): Promise<void>;
  setUnitName(unitId: string, name: string | null, nameSource: SourceRef | null, expectedVersion: number, meta: EditMeta): Promise<Unit>;
  /** Set or clear a bản centre, with the recomputed schematic boundaries that follow from it. */
  setUnitCentre(unitId: string, centre: [number, number] | null, centreSource: SourceRef | null, expectedVersion: number,
    boundaries: BoundaryInput[], meta: EditMeta): Promise<Unit>;
  setBoundary(boundary: BoundaryInput, expectedVersion: number, meta: EditMeta): Promise<Unit>;
  /**
   * Add a unit with its boundary (a detailed commune from the national reference data, a bản imported under one),
   * recorded in the history; `source` is stored first when no document has its id yet. An id, or a current
   * commune code, or a bản code under the same parent, that is already taken is refused (CONFLICT).
   */
  addUnit(unit: NewUnit, boundary: BoundaryInput, meta: EditMeta, source?: SourceDocument): Promise<Unit>;
  /** History of a unit (its values, name, centre, boundary), oldest first; optionally one page of it. */
  history(unitId: string, page?: { limit: number; offset: number }): Promise<Change[]>;
  /** History entries recorded after the data was at `dataVersion` (every unit), oldest first: what changed since. */
  changesSince(dataVersion: number): Promise<Change[]>;
  change(id: number): Promise<Change | undefined>;
  /**
   * A history entry that changes no value (entity 'field'): a field value discarded in favour of the server's.
   * It bumps the data version like every entry.
   */
  noteInHistory(unitId: string, field: string, oldValue: unknown, newValue: unknown, meta: EditMeta): Promise<Change>;

  // Field records (the sync API): one row per (officer, client id), so a record sent twice is applied once, and an id
  // another officer's device made (or someone typed) never takes an officer's own record.
  fieldSubmission(officer: string, clientId: string): Promise<FieldSubmission | undefined>;
  fieldSubmissionById(id: number): Promise<FieldSubmission | undefined>;
  /** Submissions with this review status, oldest first, after the one with id `afterId`. */
  fieldSubmissions(review: FieldReview, afterId: number, limit: number): Promise<FieldSubmission[]>;
  /** Keep a received record (and its photo); a second one from the same officer with the same client id is refused (CONFLICT). */
  addFieldSubmission(submission: NewFieldSubmission): Promise<FieldSubmission>;
  /**
   * Accept or return a PENDING submission (else CONFLICT): the value it wrote, if still the stored one, leaves review
   * (ACCEPTED) or is marked RETURNED; a history entry records the decision.
   */
  reviewFieldSubmission(id: number, decision: 'ACCEPTED' | 'RETURNED', note: string | null, meta: EditMeta): Promise<FieldSubmission>;
  fieldPhoto(submissionId: number): Promise<FieldPhoto | undefined>;

  createUser(username: string, passwordHash: string, role: User['role']): Promise<User>;
  userByName(username: string): Promise<User | undefined>;
  /** Every user name (to refuse look-alikes of them). */
  usernames(): Promise<string[]>;
  userById(id: number): Promise<User | undefined>;
  createSession(tokenHash: string, userId: number, expiresAt: string): Promise<void>;
  sessionUser(tokenHash: string, now: string): Promise<User | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  close(): Promise<void>;
}
