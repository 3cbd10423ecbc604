import type Database from 'better-sqlite3';
import type {
  AtlasStore, Boundary, Indicator, Neighbour, Observation, Place, SourceDocument, Target, Unit, UnitLevel,
} from './atlas-store.ts';

const parse = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

/**
 * The AtlasStore on a better-sqlite3 database. Parsed rows are kept per data version, so a
 * repeated read of unchanged data costs no SQL and no JSON parsing (geometry is the heavy part).
 */
export function sqliteStore(db: Database.Database): AtlasStore {
  let cachedVersion = -1;
  let cache = new Map<string, unknown>();
  const versionStmt = db.prepare(`SELECT value FROM meta WHERE key = 'data_version'`).pluck();
  const dataVersion = () => Number(versionStmt.get() ?? 0);
  const memo = <T>(key: string, load: () => T): T => {
    const v = dataVersion();
    if (v !== cachedVersion) { cache = new Map(); cachedVersion = v; }
    if (!cache.has(key)) cache.set(key, load());
    return cache.get(key) as T;
  };

  const toUnit = (r: any): Unit => ({
    id: r.id, level: r.level, code: r.code, name: r.name, nameEn: r.name_en, provisionalLabel: r.provisional_label,
    nameSource: parse(r.name_source), nameConfidence: r.name_confidence, parentId: r.parent_id,
    validFrom: r.valid_from, validTo: r.valid_to,
    centre: r.centre_lon === null ? null : [r.centre_lon, r.centre_lat], centreSource: parse(r.centre_source),
    note: r.note, version: r.version,
  });
  const toObservation = (r: any): Observation => ({
    id: r.id, unitId: r.unit_id, indicator: r.indicator, period: r.period, value: parse(r.value), denominator: r.denominator,
    status: r.status, source: JSON.parse(r.source), formula: r.formula, note: r.note, enteredBy: r.entered_by, enteredAt: r.entered_at,
  });
  const allUnits = () => memo('units', () => (db.prepare(`SELECT * FROM units ORDER BY sort`).all() as any[]).map(toUnit));
  const boundaries = () => memo('boundaries', () => new Map((db.prepare(`SELECT * FROM boundaries`).all() as any[]).map((r): [string, Boundary] => [r.unit_id, {
    unitId: r.unit_id, quality: r.quality, geometry: JSON.parse(r.geometry), areaKm2: r.area_km2,
    centroid: [r.centroid_lon, r.centroid_lat], bbox: JSON.parse(r.bbox), source: JSON.parse(r.source), method: r.method,
  }])));
  const indicators = () => memo('indicators', () => (db.prepare(`SELECT * FROM indicators ORDER BY sort`).all() as any[]).map((r): Indicator => ({
    key: r.key, nameVi: r.name_vi, nameEn: r.name_en, kind: r.kind, unit: r.unit,
    higherIsBetter: r.higher_is_better === null ? null : r.higher_is_better === 1, sensitive: r.sensitive === 1,
    levels: JSON.parse(r.levels), descriptionVi: r.description_vi, descriptionEn: r.description_en,
  })));
  const observations = () => memo('observations', () =>
    (db.prepare(`SELECT * FROM observations ORDER BY unit_id, indicator, period DESC`).all() as any[]).map(toObservation));
  const sources = () => memo('sources', () => (db.prepare(`SELECT * FROM sources ORDER BY rowid`).all() as any[]).map((r): SourceDocument => ({
    id: r.id, title: r.title, kind: r.kind, public: r.public === 1, publisher: r.publisher, date: r.date, url: r.url, licence: r.licence, note: r.note,
  })));

  return {
    dataVersion,
    units: (level: UnitLevel) => allUnits().filter((u) => u.level === level),
    unit: (id) => allUnits().find((u) => u.id === id),
    boundary: (unitId) => boundaries().get(unitId),
    neighbours: () => memo('neighbours', () => (db.prepare(`SELECT * FROM neighbours ORDER BY code`).all() as any[]).map((r): Neighbour => ({
      code: r.code, name: r.name, province: r.province, geometry: JSON.parse(r.geometry), source: JSON.parse(r.source),
    }))),
    indicators,
    indicator: (key) => indicators().find((i) => i.key === key),
    observations: ({ indicator, unitId }) =>
      observations().filter((o) => (indicator === undefined || o.indicator === indicator) && (unitId === undefined || o.unitId === unitId)),
    targets: () => memo('targets', () => (db.prepare(`SELECT * FROM targets ORDER BY no`).all() as any[]).map((r): Target => ({
      no: r.no, group: r.grp, labelVi: r.label_vi, labelEn: r.label_en, indicator: r.indicator, comparator: r.comparator,
      value: r.value, unit: r.unit, year: r.year, baseline: parse(r.baseline), parts: JSON.parse(r.parts),
      source: JSON.parse(r.source), note: r.note,
    }))),
    places: () => memo('places', () => (db.prepare(`SELECT * FROM places ORDER BY rowid`).all() as any[]).map((r): Place => ({
      id: r.id, kind: r.kind, name: r.name, formerCommuneId: r.former_commune_id, villageIds: JSON.parse(r.village_ids),
      status: r.status, attributes: JSON.parse(r.attributes), geometry: parse(r.geometry), source: JSON.parse(r.source), note: r.note,
    }))),
    sources,
    source: (id) => sources().find((s) => s.id === id),
    close: () => db.close(),
  };
}
