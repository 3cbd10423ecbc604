// Bản centres (Points) and surveyed boundaries (Polygons) from a GeoJSON FeatureCollection: each feature
// checked in the import worker as a single edit would be (check-geometry-features.ts), every problem reported
// at once, and a clean file written here in one transaction with ONE recomputation of the schematic cells for
// all new centres together.
import { recomputePartition } from '../edits/recompute-partition.ts';
import type { AtlasSnapshot, AtlasStore, BoundaryInput, Change, EditMeta } from '../store/atlas-store.ts';
import type { SourceRef } from '../../geo/seed-types.ts';
import { geometrySnapshot, type CheckedGeometry } from './check-geometry-features.ts';
import { importMeta, problem, type ImportChange, type ImportProblem, type ImportReport } from './import-report.ts';
import { checkGeometryOffThread } from './read-off-thread.ts';
import { refuseStaleWrites } from './stale-check.ts';
import { communeView } from '../queries/commune-view.ts';

export interface GeometryPlan {
  rowsRead: number;
  rowsValid: number;
  problems: ImportProblem[];
  changes: ImportChange[];
  centres: Array<{ row: number; unitId: string; centre: [number, number]; source: SourceRef }>;
  boundaries: Array<{ row: number; record: BoundaryInput }>;
  /** Bản the file adds, each with its boundary. */
  created: CheckedGeometry['created'];
  /** The schematic cells after all new centres (computed once, while checking). */
  cells: BoundaryInput[];
  /** Unit versions when the file was checked: an import overwrites knowingly. */
  versions: Map<string, number>;
}

/**
 * The plan of a checked file on this thread: each change against what is stored now, the versions it overwrites,
 * and the schematic cells after all new centres (one recomputation).
 */
export function planGeometryWrites(store: AtlasSnapshot, checked: CheckedGeometry): GeometryPlan {
  const plan: GeometryPlan = {
    rowsRead: checked.rowsRead, rowsValid: checked.rowsValid, problems: checked.problems, changes: [],
    centres: checked.centres, boundaries: checked.boundaries, created: checked.created, cells: [], versions: new Map(),
  };
  for (const id of checked.valid) plan.versions.set(id, store.unit(id)!.version);
  const summary = (b: { quality: string; areaKm2: number }) => ({ quality: b.quality, areaKm2: Math.round(b.areaKm2 * 1000) / 1000 });
  plan.changes = [
    ...checked.centres.map((c) => ({ row: c.row, unitId: c.unitId, field: 'centre', oldValue: store.unit(c.unitId)!.centre, newValue: c.centre })),
    ...checked.boundaries.map((b) => {
      const old = store.boundary(b.record.unitId);
      return { row: b.row, unitId: b.record.unitId, field: 'boundary', oldValue: old ? summary(old) : null, newValue: summary(b.record) };
    }),
    ...checked.created.map((c) => ({ row: c.row, unitId: c.unit.id, field: 'created', oldValue: null,
      newValue: { code: c.unit.code, name: c.unit.name, parentId: c.unit.parentId, ...summary(c.record) } })),
  ].sort((a, b) => a.row - b.row);
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

/** Write a checked plan in one transaction: boundaries, then centres with the cells computed for all of them. */
export async function applyGeometryPlan(tx: AtlasStore, plan: GeometryPlan, meta: EditMeta): Promise<void> {
  // Versions come from the plan and from what each write returns: no cached read happens mid-transaction.
  const versions = new Map(plan.versions);
  for (const c of plan.created) await tx.addUnit(c.unit, c.record, meta);
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
  /** Official code of the detailed commune the file is for (its bản only; new ones may be added); omitted: Mường Bang, no bản added. */
  commune?: string | null;
}

/** Check and (unless a dry run, and only when no problem was found) apply a GeoJSON file of bản centres and boundaries. */
export async function importVillageGeometry(store: AtlasStore, req: GeometryImportRequest, who: string): Promise<ImportReport> {
  const sourceNote = req.sourceNote.normalize('NFC').trim();
  // Parsing and every geometry check (validity, inside the commune, overlaps) run in the import worker, on a
  // snapshot; should the data change meanwhile, the file is checked again on a new one.
  // The file is checked against its commune's view; naming the commune lets it add bản there.
  const view = async () => communeView(await store.snapshot(), req.commune, 'commune');
  const allowNew = req.commune !== undefined && req.commune !== null;
  let data = await view();
  let checked = await checkGeometryOffThread(req.geojson, sourceNote, geometrySnapshot(data, allowNew));
  for (let again = 0; again < 3; again++) {
    const now = await view();
    if (now.version === data.version) break;
    data = now;
    checked = await checkGeometryOffThread(req.geojson, sourceNote, geometrySnapshot(data, allowNew));
  }
  // The plan is made on the snapshot the file was checked against; the write refuses what changed since.
  const dataVersion = data.version;
  const plan = planGeometryWrites(data, checked);
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
