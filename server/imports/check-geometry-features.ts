// The checks of a GeoJSON file of bản centres and boundaries that need only the file and a snapshot of the
// atlas (units, the commune outline, the stored bản boundaries): parsing, which bản, geometry validity (turf),
// inside the commune, duplicates, and overlaps between surveyed boundaries. Pure, so it runs in the import
// worker thread; the recomputation of the schematic cells and the write stay on the request thread.
import { booleanPointInPolygon } from '@turf/turf';
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import { checkBoundary, checkPoint } from '../edits/check-geometry.ts';
import type { AtlasError } from '../errors.ts';
import type { AtlasSnapshot, BoundaryInput, BoundaryQuality, NewUnit, Unit } from '../store/atlas-store.ts';
import { boundaryRecord } from '../store/boundary-record.ts';
import type { SourceRef } from '../../geo/seed-types.ts';
import { boundaryOverlaps } from '../../geo/boundary-overlaps.ts';
import { problem, problemFromError, type ImportProblem, type ProblemCode, type ProblemPlace } from './import-report.ts';
import { elsewhereMatcher, foldKey, otherCommuneMessage, unitLabel, unitMatcher } from './match-unit.ts';
import { unitsElsewhere, type ElsewhereUnit } from './import-catalogue.ts';
import { IMPORT_LIMITS } from './read-table.ts';

/** A stored boundary as the checks need it. */
interface StoredShape { unitId: string; quality: BoundaryQuality; geometry: Geometry }

/** What the checks read of the atlas (the view of the commune the file is for), as plain (structured-cloneable) data. */
export interface GeometrySnapshot {
  units: Unit[];
  commune: { id: string; code: string; name: string; geometry: MultiPolygon; centroid: [number, number] };
  /** The stored boundary of every bản. */
  boundaries: StoredShape[];
  /** Whether a feature with a code and a name that matches no bản adds one (a commune named by the import). */
  allowNew: boolean;
  /** Whether bản cells are schematic, made from centres (Mường Bang's): elsewhere a bản comes with its boundary. */
  schematic: boolean;
  /** Units of the other detailed communes, to refuse them by id or code. */
  elsewhere: ElsewhereUnit[];
}

/** Snapshot the store's view of one commune for the checks. */
export function geometrySnapshot(store: AtlasSnapshot, allowNew = false): GeometrySnapshot {
  const villages = store.units('village');
  const unit = store.units('commune')[0];
  const commune = store.boundary(unit.id)!;
  return {
    units: [...store.units('commune'), ...store.units('formerCommune'), ...villages],
    commune: { id: unit.id, code: unit.code ?? unit.id, name: unit.name ?? unit.id, geometry: commune.geometry as MultiPolygon, centroid: commune.centroid },
    boundaries: villages.flatMap((u) => {
      const b = store.boundary(u.id);
      return b ? [{ unitId: u.id, quality: b.quality, geometry: b.geometry }] : [];
    }),
    allowNew,
    schematic: unit.id === store.detailedCommunes()[0]?.id,
    elsewhere: unitsElsewhere(store),
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
  /** Bản the file adds (a commune named by the import), each with its boundary. */
  created: Array<{ row: number; unit: NewUnit; record: BoundaryInput }>;
}

// Property names that identify the bản, most specific first ("ma_ban" folds to "ma ban").
const ID_KEYS = ['id', 'ma ban', 'maban', 'unit id', 'unitid', 'village id', 'ma', 'unit', 'name', 'ten ban', 'ten', 'ban', 'village'];
// A new bản's code and name.
const CODE_KEYS = ['code', 'ma ban', 'maban', 'ma'];
const NAME_KEYS = ['name', 'ten ban', 'ten', 'ban', 'village'];
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

/** A bản name as compared: folded, without a leading "bản". */
const bareName = (name: string) => foldKey(name).replace(/^ban\s+/, '');

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
  const plan: CheckedGeometry = { rowsRead: 0, rowsValid: 0, problems: [], valid: [], centres: [], boundaries: [], created: [] };
  const read = featuresOf(input);
  if ('problem' in read) { plan.problems.push(read.problem); return plan; }
  plan.rowsRead = read.features.length;
  const commune = snapshot.commune.geometry;
  const near = snapshot.commune.centroid;
  const matchUnit = unitMatcher({ units: (level) => snapshot.units.filter((u) => u.level === level) });
  const stored = new Map(snapshot.boundaries.map((b) => [b.unitId, b]));
  const seen = new Map<string, number>();
  const matchElsewhere = elsewhereMatcher(snapshot.elsewhere);
  const codesTaken = new Map(snapshot.units.filter((u) => u.code).map((u) => [foldKey(u.code!), `${unitLabel(u)} (${u.id})`]));
  const newCodes = new Map<string, number>();
  // A named commune's file: its bản by code (id, label or code), and their names, to tell a new code's name already used.
  const villages = snapshot.units.filter((u) => u.level === 'village');
  const matchCode = elsewhereMatcher(villages.map((unit) => ({ unit, commune: snapshot.commune.name })));
  const namesTaken = new Map(villages.filter((u) => u.name).map((u) => [bareName(u.name!), `${unitLabel(u)} (mã / code "${u.code ?? u.id}")`]));

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

    // Which bản. In a file for a named commune a given code is the key: matched by code only, never by name.
    const code = property(props, CODE_KEYS);
    const id = property(props, ID_KEYS) ?? ((typeof feature.id === 'string' || typeof feature.id === 'number') ? { key: '(id)', value: String(feature.id) } : undefined);
    let created: NewUnit | undefined;
    if (snapshot.allowNew && code) {
      const column = `properties.${code.key}`;
      const name = property(props, NAME_KEYS);
      const known = matchCode(code.value)?.unit;
      const other = known ? undefined : matchElsewhere(code.value);
      if (known) {
        unit = known;
        if (name && name.key !== code.key && bareName(name.value) !== bareName(known.name ?? '')) {
          report(problem('NAME_MISMATCH', at(`properties.${name.key}`),
            `mã "${code.value}" là ${unitLabel(known)} (${known.id}), tệp ghi tên "${name.value}": sửa tên trong tệp hoặc đổi tên bản trước`,
            `code "${code.value}" is ${unitLabel(known)} (${known.id}), the file names it "${name.value}": correct the file or rename the bản first`));
        }
      } else if (other) {
        const [vi, en] = otherCommuneMessage(code.value, other, snapshot.commune.name);
        report(problem('OTHER_COMMUNE', { ...at(column), villageId: other.unit.id }, vi, en));
      } else if (!name) {
        report(problem('UNKNOWN_VILLAGE', at(column), `không có bản mã "${code.value}" (bản mới cần properties.code và properties.name)`,
          `no bản with code "${code.value}" (a new bản needs properties.code and properties.name)`));
      } else {
        const sameName = namesTaken.get(bareName(name.value));
        if (sameName) {
          report(problem('DUPLICATE_NAME', at(`properties.${name.key}`),
            `bản mới mã "${code.value}" có tên "${name.value}" trùng với ${sameName}: hai bản cùng tên cần được xác nhận (ghi tên phân biệt)`,
            `the new bản with code "${code.value}" is named "${name.value}", as ${sameName}: two bản with one name need confirming (give a distinct name)`));
        } else {
          created = newVillage(snapshot, code.value, name.value, row, at(column), codesTaken, newCodes, report);
          if (created) namesTaken.set(bareName(created.name!), `mã "${code.value}" (đối tượng ${row} / feature ${row})`);
        }
      }
    } else if (!id) report(problem('MISSING_VALUE', at('properties.id'), 'thiếu mã hoặc tên bản (properties.id, ma_ban hoặc name)', 'no bản id or name (properties.id, ma_ban or name)'));
    else {
      const column = id.key === '(id)' ? 'id' : `properties.${id.key}`;
      const m = matchUnit(id.value);
      if (m.ok && m.unit.level === 'village') unit = m.unit;
      else if (m.ok) report(problem('WRONG_LEVEL', at(column), `"${id.value}" là ${m.unit.level === 'commune' ? 'xã' : 'xã cũ'}, không phải bản`, `"${id.value}" is a ${m.unit.level}, not a bản`));
      else if (m.reason === 'ambiguous') {
        const list = m.candidates.map((u) => `${unitLabel(u)} (${u.id})`).join(', ');
        report(problem('AMBIGUOUS_VILLAGE', at(column), `"${id.value}" có thể là ${list}: hãy ghi mã`, `"${id.value}" could be ${list}: give the id`));
      } else {
        const named = matchElsewhere(id.value) ? id.value : code && matchElsewhere(code.value) ? code.value : undefined;
        const other = named === undefined ? undefined : matchElsewhere(named);
        if (other) {
          const [vi, en] = otherCommuneMessage(named!, other, snapshot.commune.name);
          report(problem('OTHER_COMMUNE', { ...at(column), villageId: other.unit.id }, vi, en));
        } else {
          report(problem('UNKNOWN_VILLAGE', at(column), `không có bản "${id.value}"${snapshot.allowNew ? ' (bản mới cần properties.code và properties.name)' : ''}`,
            `no bản "${id.value}"${snapshot.allowNew ? ' (a new bản needs properties.code and properties.name)' : ''}`));
        }
      }
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
    if (type === 'Point' && (created || !snapshot.schematic)) {
      report(problem('INVALID_GEOMETRY', at('geometry'), `bản của ${snapshot.commune.name} cần ranh giới (Polygon hoặc MultiPolygon): ô sơ đồ từ tâm bản chỉ có cho xã Mường Bang`,
        `a bản of ${snapshot.commune.name} needs its boundary (a Polygon or MultiPolygon): schematic cells from centres are made for xã Mường Bang only`));
    } else if (type === 'Point') {
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
    if (plan.problems.length === before && created && poly) {
      plan.rowsValid++;
      plan.created.push({ row, unit: { ...created, nameSource: source }, record: boundaryRecord(created.id, 'SURVEYED', poly, source, METHOD) });
      return;
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
  const inFile = [...plan.boundaries, ...plan.created];
  if (inFile.length === 0) return [];
  const fromFile = new Map(inFile.map((b) => [b.record.unitId, b]));
  const surveyed = [...stored.values()].filter((b) => !fromFile.has(b.unitId) && b.quality === 'SURVEYED');
  const parts = [
    ...inFile.map((b) => ({ id: b.record.unitId, geometry: b.record.geometry as Polygon | MultiPolygon })),
    ...surveyed.map((b) => ({ id: b.unitId, geometry: b.geometry as Polygon | MultiPolygon })),
  ];
  const added = new Map(plan.created.map((c) => [c.unit.id, c.unit]));
  const labelOf = (id: string) => {
    const u = snapshot.units.find((x) => x.id === id);
    return u ? unitLabel(u) : `Bản ${added.get(id)?.name ?? id}`;
  };
  return boundaryOverlaps(parts).map(({ a, b, areaM2 }) => {
    // a comes first in `parts`: a file feature; b is a later one, or a stored boundary.
    const [here, other] = fromFile.has(b) ? [fromFile.get(b)!, a] : [fromFile.get(a)!, b];
    const otherWhere = fromFile.has(other) ? `đối tượng ${fromFile.get(other)!.row}` : 'ranh giới đã lưu';
    const otherWhereEn = fromFile.has(other) ? `feature ${fromFile.get(other)!.row}` : 'the stored boundary';
    return problem('OVERLAP', { row: here.row, column: 'geometry', kind: 'feature', villageId: here.record.unitId, unitLabel: labelOf(here.record.unitId) },
      `ranh giới chồng lên ranh giới của ${labelOf(other)} (${other}, ${otherWhere}) trên ${areaVi(areaM2)}`,
      `the boundary overlaps that of ${labelOf(other)} (${other}, ${otherWhereEn}) by ${areaEn(areaM2)}`);
  });
}

/**
 * A bản the file adds under the commune it is for: its code (unique there, in the file and among the stored bản) and
 * its name (NFC, without a leading "bản"); undefined, with the problem reported, when either cannot be used.
 */
function newVillage(snapshot: GeometrySnapshot, code: string, name: string, row: number, place: ProblemPlace,
  taken: Map<string, string>, inFile: Map<string, number>, report: (p: ImportProblem) => void): NewUnit | undefined {
  const slug = foldKey(code).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const bare = name.replace(/^(bản|ban)\s+/iu, '').trim();
  if (!slug || code.length > 40) {
    report(problem('BAD_VALUE', place, `mã bản "${code}" cần chữ hoặc số, tối đa 40 ký tự`, `the bản code "${code}" needs letters or digits, at most 40 characters`));
    return undefined;
  }
  if (!bare || bare.length > 80) {
    report(problem('BAD_VALUE', place, 'tên bản trống hoặc dài quá 80 ký tự', 'the bản name is empty or longer than 80 characters'));
    return undefined;
  }
  const key = foldKey(code);
  if (taken.has(key)) {
    report(problem('DUPLICATE_ROW', place, `mã bản "${code}" đã có: ${taken.get(key)}`, `the bản code "${code}" is taken: ${taken.get(key)}`));
    return undefined;
  }
  if (inFile.has(key)) {
    report(problem('DUPLICATE_ROW', place, `mã bản "${code}" đã có ở đối tượng ${inFile.get(key)}`, `the bản code "${code}" is already given by feature ${inFile.get(key)}`));
    return undefined;
  }
  inFile.set(key, row);
  return { id: `${snapshot.commune.code}-${slug}`, level: 'village', code, name: bare, nameSource: null, parentId: snapshot.commune.id };
}

/** An area as people read it: m², and hectares past one. */
const areaVi = (m2: number) => `${Math.round(m2).toLocaleString('vi-VN')} m²${m2 >= 10_000 ? ` (${(m2 / 10_000).toLocaleString('vi-VN', { maximumFractionDigits: 2 })} ha)` : ''}`;
const areaEn = (m2: number) => `${Math.round(m2).toLocaleString('en-GB')} m²${m2 >= 10_000 ? ` (${(m2 / 10_000).toLocaleString('en-GB', { maximumFractionDigits: 2 })} ha)` : ''}`;

