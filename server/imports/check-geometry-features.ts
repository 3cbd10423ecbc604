// The checks of a GeoJSON file of bản centres and boundaries that need only the file and a snapshot of the
// atlas (units, the commune outline, the stored bản boundaries): parsing, which bản, geometry validity (turf),
// inside the commune, duplicates, and overlaps between surveyed boundaries. Pure, so it runs in the import
// worker thread; the recomputation of the schematic cells and the write stay on the request thread.
import { booleanPointInPolygon } from '@turf/turf';
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import { checkBoundary, checkPoint } from '../edits/check-geometry.ts';
import type { AtlasError } from '../errors.ts';
import type { AtlasSnapshot, BoundaryInput, BoundaryQuality, Unit } from '../store/atlas-store.ts';
import { boundaryRecord } from '../store/boundary-record.ts';
import type { SourceRef } from '../../geo/seed-types.ts';
import { boundaryOverlaps } from '../../geo/boundary-overlaps.ts';
import { problem, problemFromError, type ImportProblem, type ProblemCode, type ProblemPlace } from './import-report.ts';
import { foldKey, unitLabel, unitMatcher } from './match-unit.ts';
import { IMPORT_LIMITS } from './read-table.ts';

/** A stored boundary as the checks need it. */
interface StoredShape { unitId: string; quality: BoundaryQuality; geometry: Geometry }

/** What the checks read of the atlas, as plain (structured-cloneable) data. */
export interface GeometrySnapshot {
  units: Unit[];
  commune: { geometry: MultiPolygon; centroid: [number, number] };
  /** The stored boundary of every bản. */
  boundaries: StoredShape[];
}

/** Snapshot the store for the checks. */
export function geometrySnapshot(store: AtlasSnapshot): GeometrySnapshot {
  const villages = store.units('village');
  const commune = store.boundary(store.units('commune')[0].id)!;
  return {
    units: [...store.units('commune'), ...store.units('formerCommune'), ...villages],
    commune: { geometry: commune.geometry as MultiPolygon, centroid: commune.centroid },
    boundaries: villages.flatMap((u) => {
      const b = store.boundary(u.id);
      return b ? [{ unitId: u.id, quality: b.quality, geometry: b.geometry }] : [];
    }),
  };
}

/** A file's features checked: what is valid and would change, and every problem. */
export interface CheckedGeometry {
  rowsRead: number;
  rowsValid: number;
  problems: ImportProblem[];
  /** Bản of the valid features (a feature that gives back what is stored included). */
  valid: string[];
  centres: Array<{ row: number; unitId: string; centre: [number, number]; source: SourceRef }>;
  boundaries: Array<{ row: number; record: BoundaryInput }>;
}

// Property names that identify the bản, most specific first ("ma_ban" folds to "ma ban").
const ID_KEYS = ['id', 'ma ban', 'maban', 'unit id', 'unitid', 'village id', 'ma', 'unit', 'name', 'ten ban', 'ten', 'ban', 'village'];
const SOURCE_KEYS = ['source', 'nguon', 'nguon so lieu', 'source note'];
const METHOD = 'Imported by a commune officer from a GeoJSON file';

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const finitePosition = (p: unknown): p is number[] => Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n));

/** The first property among `keys` (matched without case or diacritics) that has a value. */
function property(props: Json, keys: string[]): { key: string; value: string } | undefined {
  const folded = new Map(Object.keys(props).map((k) => [foldKey(k), k]));
  for (const want of keys) {
    const k = folded.get(want);
    const v = k === undefined ? undefined : props[k];
    if ((typeof v === 'string' && v.trim()) || typeof v === 'number') return { key: k!, value: String(v).normalize('NFC').trim() };
  }
  return undefined;
}

/** Same type and coordinates: a feature that gives back what is stored changes nothing. */
const sameGeometry = (a: unknown, b: unknown) =>
  isObject(a) && isObject(b) && a.type === b.type && JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);

/** Which geometry check failed: the single-edit checks say so in their error's reason. */
function geometryCode(e: Error): ProblemCode {
  return ((e as AtlasError).details?.reason as ProblemCode | undefined) ?? 'INVALID_GEOMETRY';
}

/** The features of the input: a FeatureCollection (or one Feature), as an object or as GeoJSON text. */
function featuresOf(input: unknown): { features: unknown[] } | { problem: ImportProblem } {
  let data = input;
  const size = typeof input === 'string' ? Buffer.byteLength(input) : Buffer.byteLength(JSON.stringify(input) ?? '');
  if (size > IMPORT_LIMITS.bytes) {
    return { problem: problem('TOO_LARGE', {}, `tệp ${(size / 1048576).toFixed(1)} MB, tối đa ${IMPORT_LIMITS.bytes / 1048576} MB`,
      `the file is ${(size / 1048576).toFixed(1)} MB, at most ${IMPORT_LIMITS.bytes / 1048576} MB`) };
  }
  if (typeof input === 'string') {
    try { data = JSON.parse(input.replace(/^\ufeff/, '')); } catch (e) {
      return { problem: problem('BAD_FILE', {}, `không phải JSON hợp lệ (${(e as Error).message})`, `not valid JSON (${(e as Error).message})`) };
    }
  }
  if (isObject(data) && data.type === 'Feature') return { features: [data] };
  if (!isObject(data) || data.type !== 'FeatureCollection' || !Array.isArray(data.features)) {
    return { problem: problem('BAD_FILE', {}, 'cần một GeoJSON FeatureCollection', 'a GeoJSON FeatureCollection is needed') };
  }
  if (data.features.length > IMPORT_LIMITS.rows) {
    return { problem: problem('TOO_MANY_ROWS', {}, `có ${data.features.length} đối tượng, tối đa ${IMPORT_LIMITS.rows}`,
      `${data.features.length} features, at most ${IMPORT_LIMITS.rows}`) };
  }
  return { features: data.features };
}

/** Check every feature against the snapshot; nothing is written. */
export function checkGeometryFeatures(snapshot: GeometrySnapshot, input: unknown, sourceNote: string): CheckedGeometry {
  const plan: CheckedGeometry = { rowsRead: 0, rowsValid: 0, problems: [], valid: [], centres: [], boundaries: [] };
  const read = featuresOf(input);
  if ('problem' in read) { plan.problems.push(read.problem); return plan; }
  plan.rowsRead = read.features.length;
  const commune = snapshot.commune.geometry;
  const near = snapshot.commune.centroid;
  const matchUnit = unitMatcher({ units: (level) => snapshot.units.filter((u) => u.level === level) });
  const stored = new Map(snapshot.boundaries.map((b) => [b.unitId, b]));
  const seen = new Map<string, number>();

  read.features.forEach((feature, i) => {
    const row = i + 1;
    let unit: Unit | undefined;
    const before = plan.problems.length;
    const at = (column: string | null): ProblemPlace => ({ row, column, kind: 'feature', villageId: unit?.id ?? null, unitLabel: unit ? unitLabel(unit) : null });
    const report = (p: ImportProblem) => plan.problems.push(p);
    if (!isObject(feature) || feature.type !== 'Feature') {
      report(problem('INVALID_GEOMETRY', at(null), 'không phải một GeoJSON Feature', 'not a GeoJSON Feature'));
      return;
    }
    const props = isObject(feature.properties) ? feature.properties : {};

    // Which bản.
    const id = property(props, ID_KEYS) ?? ((typeof feature.id === 'string' || typeof feature.id === 'number') ? { key: '(id)', value: String(feature.id) } : undefined);
    if (!id) report(problem('MISSING_VALUE', at('properties.id'), 'thiếu mã hoặc tên bản (properties.id, ma_ban hoặc name)', 'no bản id or name (properties.id, ma_ban or name)'));
    else {
      const column = id.key === '(id)' ? 'id' : `properties.${id.key}`;
      const m = matchUnit(id.value);
      if (m.ok && m.unit.level === 'village') unit = m.unit;
      else if (m.ok) report(problem('WRONG_LEVEL', at(column), `"${id.value}" là ${m.unit.level === 'commune' ? 'xã' : 'xã cũ'}, không phải bản`, `"${id.value}" is a ${m.unit.level}, not a bản`));
      else if (m.reason === 'ambiguous') {
        const list = m.candidates.map((u) => `${unitLabel(u)} (${u.id})`).join(', ');
        report(problem('AMBIGUOUS_VILLAGE', at(column), `"${id.value}" có thể là ${list}: hãy ghi mã`, `"${id.value}" could be ${list}: give the id`));
      } else report(problem('UNKNOWN_VILLAGE', at(column), `không có bản "${id.value}"`, `no bản "${id.value}"`));
    }
    const ownSource = property(props, SOURCE_KEYS);
    const note = ownSource?.value ?? sourceNote;
    if (note.length > 500) report(problem('BAD_VALUE', at(`properties.${ownSource?.key}`), 'nguồn quá dài (tối đa 500 ký tự)', 'the source is too long (at most 500 characters)'));
    const source: SourceRef = { doc: 'officer-entry', ref: note };

    // The geometry, checked as placeVillageCentre and replaceBoundary check it.
    const g = feature.geometry;
    const type = isObject(g) ? g.type : undefined;
    // The portal's own export read back (a schematic cell included): nothing to check or change.
    if (unit && plan.problems.length === before && (type === 'Polygon' || type === 'MultiPolygon') && sameGeometry(stored.get(unit.id)?.geometry, g)) {
      plan.rowsValid++;
      return;
    }
    let centre: [number, number] | undefined;
    let poly: Polygon | MultiPolygon | undefined;
    if (type === 'Point') {
      const c = (g as Json).coordinates;
      if (!finitePosition(c)) {
        report(problem('INVALID_GEOMETRY', at('geometry'), `toạ độ ${JSON.stringify(c) ?? 'trống'} không phải hai số hữu hạn [kinh độ, vĩ độ] (NaN, Infinity hoặc thiếu)`,
          `coordinates ${JSON.stringify(c) ?? 'missing'} are not two finite numbers [lon, lat] (NaN, Infinity or missing)`));
      } else {
        try {
          checkPoint('geometry', [c[0], c[1]], (p) => booleanPointInPolygon(p, commune), near);
          centre = [c[0], c[1]];
        } catch (e) { report(problemFromError(geometryCode(e as Error), at('geometry'), e as Error)); }
      }
    } else if (type === 'Polygon' || type === 'MultiPolygon') {
      const coords = (g as Json).coordinates;
      const depth = type === 'Polygon' ? 1 : 2;
      const positions = Array.isArray(coords) ? (coords as unknown[]).flat(depth) : null;
      if (!positions || positions.length === 0 || !positions.every(finitePosition)) {
        report(problem('INVALID_GEOMETRY', at('geometry'), 'ranh giới có toạ độ không phải số hữu hạn (NaN, Infinity hoặc thiếu)',
          'the boundary has coordinates that are not finite numbers (NaN, Infinity or missing)'));
      } else {
        try { poly = checkBoundary('geometry', g, commune, near); } catch (e) { report(problemFromError(geometryCode(e as Error), at('geometry'), e as Error)); }
      }
    } else {
      report(problem('INVALID_GEOMETRY', at('geometry'), `cần Point (tâm bản) hoặc Polygon/MultiPolygon (ranh giới), không phải ${String(type ?? 'trống')}`,
        `a Point (bản centre) or a Polygon/MultiPolygon (boundary) is needed, not ${String(type ?? 'nothing')}`));
    }

    if (unit && (centre || poly)) {
      const key = `${unit.id}|${centre ? 'centre' : 'boundary'}`;
      const first = seen.get(key);
      if (first !== undefined) {
        report(problem('DUPLICATE_ROW', at(null), `${centre ? 'tâm' : 'ranh giới'} của bản này đã có ở đối tượng ${first}`, `this bản's ${centre ? 'centre' : 'boundary'} is already given by feature ${first}`));
      } else seen.set(key, row);
    }
    if (plan.problems.length > before || !unit) return;
    plan.rowsValid++;
    plan.valid.push(unit.id);
    if (centre) {
      if (unit.centre && unit.centre[0] === centre[0] && unit.centre[1] === centre[1]) return;
      plan.centres.push({ row, unitId: unit.id, centre, source });
    } else if (poly) {
      const old = stored.get(unit.id);
      if (old && sameGeometry(old.geometry, poly)) return;
      plan.boundaries.push({ row, record: boundaryRecord(unit.id, 'SURVEYED', poly, source, METHOD) });
    }
  });

  plan.problems.push(...overlapProblems(snapshot, stored, plan));
  return plan;
}

/**
 * Surveyed boundaries may not overlap: the file's new ones with each other and with those already stored (a bản's
 * stored one is replaced by the file's). Each overlap is reported on the file's later feature, with the area shared.
 */
function overlapProblems(snapshot: GeometrySnapshot, stored: Map<string, StoredShape>, plan: CheckedGeometry): ImportProblem[] {
  if (plan.boundaries.length === 0) return [];
  const fromFile = new Map(plan.boundaries.map((b) => [b.record.unitId, b]));
  const surveyed = [...stored.values()].filter((b) => !fromFile.has(b.unitId) && b.quality === 'SURVEYED');
  const parts = [
    ...plan.boundaries.map((b) => ({ id: b.record.unitId, geometry: b.record.geometry as Polygon | MultiPolygon })),
    ...surveyed.map((b) => ({ id: b.unitId, geometry: b.geometry as Polygon | MultiPolygon })),
  ];
  const unitOf = (id: string) => snapshot.units.find((u) => u.id === id)!;
  return boundaryOverlaps(parts).map(({ a, b, areaM2 }) => {
    // a comes first in `parts`: a file feature; b is a later one, or a stored boundary.
    const [here, other] = fromFile.has(b) ? [fromFile.get(b)!, a] : [fromFile.get(a)!, b];
    const unit = unitOf(here.record.unitId);
    const otherUnit = unitOf(other);
    const otherWhere = fromFile.has(other) ? `đối tượng ${fromFile.get(other)!.row}` : 'ranh giới đã lưu';
    const otherWhereEn = fromFile.has(other) ? `feature ${fromFile.get(other)!.row}` : 'the stored boundary';
    return problem('OVERLAP', { row: here.row, column: 'geometry', kind: 'feature', villageId: unit.id, unitLabel: unitLabel(unit) },
      `ranh giới chồng lên ranh giới của ${unitLabel(otherUnit)} (${other}, ${otherWhere}) trên ${areaVi(areaM2)}`,
      `the boundary overlaps that of ${unitLabel(otherUnit)} (${other}, ${otherWhereEn}) by ${areaEn(areaM2)}`);
  });
}

/** An area as people read it: m², and hectares past one. */
const areaVi = (m2: number) => `${Math.round(m2).toLocaleString('vi-VN')} m²${m2 >= 10_000 ? ` (${(m2 / 10_000).toLocaleString('vi-VN', { maximumFractionDigits: 2 })} ha)` : ''}`;
const areaEn = (m2: number) => `${Math.round(m2).toLocaleString('en-GB')} m²${m2 >= 10_000 ? ` (${(m2 / 10_000).toLocaleString('en-GB', { maximumFractionDigits: 2 })} ha)` : ''}`;

