// Bản centres (Points) and surveyed boundaries (Polygons) from a GeoJSON FeatureCollection: each feature
// checked as a single edit would be (finite, not lat/lon swapped, inside the commune, not self-intersecting),
// every problem reported at once, and a clean file written in one transaction with ONE recomputation of the
// schematic cells for all new centres together.
import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { checkBoundary, checkPoint } from '../edits/check-geometry.ts';
import type { AtlasError } from '../errors.ts';
import { recomputePartition } from '../edits/recompute-partition.ts';
import type { AtlasSnapshot, AtlasStore, BoundaryInput, Change, EditMeta, Unit } from '../store/atlas-store.ts';
import { boundaryRecord } from '../store/boundary-record.ts';
import type { SourceRef } from '../../geo/seed-types.ts';
import { boundaryOverlaps } from '../../geo/boundary-overlaps.ts';
import { importMeta, problem, problemFromError, type ImportChange, type ImportProblem, type ImportReport, type ProblemCode, type ProblemPlace } from './import-report.ts';
import { foldKey, unitLabel, unitMatcher } from './match-unit.ts';
import { IMPORT_LIMITS } from './read-table.ts';
import { refuseStaleWrites } from './stale-check.ts';

export interface GeometryPlan {
  rowsRead: number;
  rowsValid: number;
  problems: ImportProblem[];
  changes: ImportChange[];
  centres: Array<{ row: number; unitId: string; centre: [number, number]; source: SourceRef }>;
  boundaries: Array<{ row: number; record: BoundaryInput }>;
  /** The schematic cells after all new centres (computed once, while checking). */
  cells: BoundaryInput[];
  /** Unit versions when the file was checked: an import overwrites knowingly. */
  versions: Map<string, number>;
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

/** Check every feature; nothing is written. */
export function planGeometryImport(store: AtlasSnapshot, input: unknown, sourceNote: string): GeometryPlan {
  const plan: GeometryPlan = { rowsRead: 0, rowsValid: 0, problems: [], changes: [], centres: [], boundaries: [], cells: [], versions: new Map() };
  const read = featuresOf(input);
  if ('problem' in read) { plan.problems.push(read.problem); return plan; }
  plan.rowsRead = read.features.length;
  const communeUnit = store.units('commune')[0];
  const communeBoundary = store.boundary(communeUnit.id)!;
  const commune = communeBoundary.geometry as MultiPolygon;
  const near = communeBoundary.centroid;
  const matchUnit = unitMatcher(store);
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
    if (unit && plan.problems.length === before && (type === 'Polygon' || type === 'MultiPolygon') && sameGeometry(store.boundary(unit.id)?.geometry, g)) {
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
    plan.versions.set(unit.id, unit.version);
    if (centre) {
      if (unit.centre && unit.centre[0] === centre[0] && unit.centre[1] === centre[1]) return;
      plan.centres.push({ row, unitId: unit.id, centre, source });
      plan.changes.push({ row, unitId: unit.id, field: 'centre', oldValue: unit.centre, newValue: centre });
    } else if (poly) {
      const old = store.boundary(unit.id);
      if (old && sameGeometry(old.geometry, poly)) return;
      const record = boundaryRecord(unit.id, 'SURVEYED', poly, source, METHOD);
      plan.boundaries.push({ row, record });
      const summary = (b: { quality: string; areaKm2: number }) => ({ quality: b.quality, areaKm2: Math.round(b.areaKm2 * 1000) / 1000 });
      plan.changes.push({ row, unitId: unit.id, field: 'boundary', oldValue: old ? summary(old) : null, newValue: summary(record) });
    }
  });

  plan.problems.push(...overlapProblems(store, plan));

  if (plan.problems.length === 0 && plan.centres.length > 0) {
    try {
      plan.cells = recomputePartition(store, plan.centres.map((c) => ({ villageId: c.unitId, centre: c.centre })),
        { surveyed: plan.boundaries.map((b) => b.record.unitId) });
    } catch (e) {
      plan.problems.push(problem('INVALID_GEOMETRY', {}, `không tính lại được các ô bản từ các tâm này (${(e as Error).message})`,
        `the bản cells cannot be recomputed from these centres (${(e as Error).message})`));
    }
  }
  return plan;
}

/**
 * Surveyed boundaries may not overlap: the file's new ones with each other and with those already stored (a bản's
 * stored one is replaced by the file's). Each overlap is reported on the file's later feature, with the area shared.
 */
function overlapProblems(store: AtlasSnapshot, plan: GeometryPlan): ImportProblem[] {
  if (plan.boundaries.length === 0) return [];
  const fromFile = new Map(plan.boundaries.map((b) => [b.record.unitId, b]));
  const stored = store.units('village').filter((u) => !fromFile.has(u.id) && store.boundary(u.id)?.quality === 'SURVEYED');
  const parts = [
    ...plan.boundaries.map((b) => ({ id: b.record.unitId, geometry: b.record.geometry as Polygon | MultiPolygon })),
    ...stored.map((u) => ({ id: u.id, geometry: store.boundary(u.id)!.geometry as Polygon | MultiPolygon })),
  ];
  return boundaryOverlaps(parts).map(({ a, b, areaM2 }) => {
    // a comes first in `parts`: a file feature; b is a later one, or a stored boundary.
    const [here, other] = fromFile.has(b) ? [fromFile.get(b)!, a] : [fromFile.get(a)!, b];
    const unit = store.unit(here.record.unitId)!;
    const otherUnit = store.unit(other)!;
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

/** Write a checked plan in one transaction: boundaries, then centres with the cells computed for all of them. */
export async function applyGeometryPlan(tx: AtlasStore, plan: GeometryPlan, meta: EditMeta): Promise<void> {
  // Versions come from the plan and from what each write returns: no cached read happens mid-transaction.
  const versions = new Map(plan.versions);
  for (const b of plan.boundaries) {
    versions.set(b.record.unitId, (await tx.setBoundary(b.record, versions.get(b.record.unitId)!, meta)).version);
  }
  for (const [i, c] of plan.centres.entries()) {
    const u = await tx.setUnitCentre(c.unitId, c.centre, c.source, versions.get(c.unitId)!, i === 0 ? plan.cells : [], meta);
    versions.set(c.unitId, u.version);
  }
}

export interface GeometryImportRequest {
  geojson: unknown;
  dryRun: boolean;
  sourceNote: string;
  why: string | null;
  /** The dataVersion of the dry run the officer looked at: a bản whose centre or boundary changed since refuses the apply (CONFLICT). */
  expectedDataVersion?: number | null;
}

/** Check and (unless a dry run, and only when no problem was found) apply a GeoJSON file of bản centres and boundaries. */
export async function importVillageGeometry(store: AtlasStore, req: GeometryImportRequest, who: string): Promise<ImportReport> {
  const sourceNote = req.sourceNote.normalize('NFC').trim();
  const data = await store.snapshot();
  const dataVersion = data.version;
  const plan = planGeometryImport(data, req.geojson, sourceNote);
  const apply = !req.dryRun && plan.problems.length === 0;
  if (apply) {
    await store.atomically(async (tx) => {
      if (req.expectedDataVersion !== undefined && req.expectedDataVersion !== null) {
        // A bản's centre and boundary go together (a new centre redraws its schematic cell): a change of either is one the file would overwrite.
        const geometryOf = (unitId: string) => (c: Change) => c.entityId === unitId && (c.field === 'centre' || c.field === 'boundary');
        await refuseStaleWrites(tx, req.expectedDataVersion, [
          ...plan.centres.map((c) => ({ row: c.row, unitId: c.unitId, field: 'centre', touchedBy: geometryOf(c.unitId) })),
          ...plan.boundaries.map((b) => ({ row: b.row, unitId: b.record.unitId, field: 'boundary', touchedBy: geometryOf(b.record.unitId) })),
        ].sort((a, b) => a.row - b.row), 'feature');
      }
      await applyGeometryPlan(tx, plan, importMeta(who, sourceNote, req.why?.normalize('NFC') ?? null));
    });
  }
  return { dryRun: req.dryRun, applied: apply, dataVersion, rowsRead: plan.rowsRead, rowsValid: plan.rowsValid, changes: plan.changes, problems: plan.problems };
}
