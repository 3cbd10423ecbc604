// Observations from a CSV or XLSX file: the worker thread reads the file and checks every row as a single
// edit would be (check-observation-rows.ts); this thread compares the checked rows with the stored values
// in slices of a few milliseconds, and the store writes a clean file in one transaction (on SQLite in a
// write thread of its own).
import type { AtlasSnapshot, AtlasStore, Observation, ObservationInput, ObservationWrite, StoredReads } from '../store/atlas-store.ts';
import type { BoundComparator, SourceRef } from '../../geo/seed-types.ts';
import type { CheckedObservations } from './check-observation-rows.ts';
import { catalogueData } from './import-catalogue.ts';
import { importMeta, type ImportChange, type ImportProblem, type ImportReport } from './import-report.ts';
import { foldKey } from './match-unit.ts';
import { checkObservationsOffThread } from './read-off-thread.ts';
import { refuseStaleWrites } from './stale-check.ts';
import { timeSlices } from '../time-slices.ts';
import { communeView } from '../queries/commune-view.ts';

/** A write of the plan: its row, and (expectedVersion) the version stored when the file was checked: imports overwrite knowingly. */
export interface PlannedWrite extends ObservationWrite {
  row: number;
}

export interface ObservationPlan {
  rowsRead: number;
  rowsValid: number;
  problems: ImportProblem[];
  changes: ImportChange[];
  writes: PlannedWrite[];
}

const snapshot = (o: Pick<Observation, 'value' | 'denominator' | 'status' | 'source' | 'formula' | 'note'> & { comparator?: BoundComparator | null }) =>
  ({ value: o.value, comparator: o.comparator ?? null, denominator: o.denominator, status: o.status, source: o.source, formula: o.formula, note: o.note });
const sameSource = (a: SourceRef, b: SourceRef) => a.doc === b.doc && (a.section ?? null) === (b.section ?? null) && (a.ref ?? null) === (b.ref ?? null);
const officerEntry = (note: string): SourceRef => ({ doc: 'officer-entry', ref: note });

/**
 * The writes a checked file makes: each valid row against the value stored in `store` (a row that changes nothing
 * is left out). `store` is one immutable snapshot, so the plan may run in slices of a few milliseconds (thousands
 * of rows) while other requests are answered; each write names the version it saw, and the transaction that
 * applies the plan refuses it (CONFLICT) if that value has moved since.
 */
export async function planObservationWrites(store: AtlasSnapshot, checked: CheckedObservations, sourceNote: string): Promise<ObservationPlan> {
  const plan: ObservationPlan = { rowsRead: checked.rowsRead, rowsValid: checked.rows.length, problems: checked.problems, changes: [], writes: [] };
  const documents = store.sources();
  // A bản's values for one indicator by period: one pass over each group, not a search per row.
  const stored = new Map<string, Map<string, Observation>>();
  const storedOf = (unitId: string, indicator: string) => {
    const key = `${unitId}|${indicator}`;
    let byPeriod = stored.get(key);
    if (!byPeriod) stored.set(key, byPeriod = new Map(store.observations({ unitId, indicator }).map((o) => [o.period, o])));
    return byPeriod;
  };
  const pause = timeSlices();
  for (const r of checked.rows) {
    await pause();
    const old = storedOf(r.unitId, r.indicator).get(r.period);
    const source = sourceOf(r.sourceText, r.sectionText, sourceNote, old, documents);
    const input: ObservationInput = {
      unitId: r.unitId, indicator: r.indicator, period: r.period, value: r.value, comparator: r.comparator, denominator: r.denominator,
      status: r.status, source, formula: r.formula, note: r.note,
    };
    if (old && old.value === r.value && old.comparator === r.comparator && old.denominator === r.denominator && old.status === r.status &&
      old.formula === r.formula && old.note === r.note && sameSource(old.source, source)) continue;
    plan.writes.push({ row: r.row, input, expectedVersion: old?.version ?? 0 });
    plan.changes.push({ row: r.row, unitId: r.unitId, field: `${r.indicator}@${r.period}`, oldValue: old ? snapshot(old) : null, newValue: snapshot(input) });
  }
  return plan;
}

/**
 * The source of a row: a known document named in the source column (by id or title) with its section,
 * kept as stored when it did not change; otherwise the row's own note or the import's, as an officer entry.
 */
function sourceOf(doc: string | null, section: string | null, importNote: string, old: Observation | undefined, documents: ReturnType<AtlasSnapshot['sources']>): SourceRef {
  const known = doc === null ? undefined : documents.find((d) => d.id === doc || foldKey(d.title) === foldKey(doc));
  if (known) {
    if (old && old.source.doc === known.id && (old.source.section ?? old.source.ref ?? null) === section) return old.source;
    if (known.id === 'officer-entry') return officerEntry(section ?? importNote);
    return section === null ? { doc: known.id } : { doc: known.id, section };
  }
  const note = doc ?? importNote;
  return officerEntry(section === null ? note : `${note} · ${section}`);
}

export interface ObservationImportRequest {
  fileBase64: string;
  format: 'CSV' | 'XLSX';
  dryRun: boolean;
  sourceNote: string;
  why: string | null;
  /** The dataVersion of the dry run the officer looked at: a row changed since refuses the apply (CONFLICT). */
  expectedDataVersion?: number | null;
  /** Official code of the detailed commune the file is for; omitted: Mường Bang. Only its units can be written. */
  commune?: string | null;
}

/** Read, check and (unless a dry run, and only when no problem was found) apply an observation file. */
export async function importObservationFile(store: AtlasStore, req: ObservationImportRequest, who: string): Promise<ImportReport> {
  const sourceNote = req.sourceNote.normalize('NFC').trim();
  // Decoding, parsing and every row check run in the import worker, off this thread, against a snapshot of the
  // units and indicators. Should a colleague rename a bản meanwhile, the file is checked again on the new snapshot.
  // The file is checked against its commune's view: a unit of any other commune is unknown to it (OTHER_COMMUNE).
  const view = async () => communeView(await store.snapshot(), req.commune, 'commune');
  let data = await view();
  let checked = await checkObservationsOffThread(req.fileBase64, req.format, catalogueData(data));
  for (let again = 0; again < 3; again++) {
    const now = await view();
    if (now.version === data.version) break;
    data = now;
    checked = await checkObservationsOffThread(req.fileBase64, req.format, catalogueData(data));
  }
  // The plan is made on that snapshot; the stale-row check and the writes then run in one transaction, and
  // each planned write still names the version it saw (CONFLICT, nothing written).
  const dataVersion = data.version;
  const plan = await planObservationWrites(data, checked, sourceNote);
  const apply = !req.dryRun && plan.problems.length === 0;
  if (apply) {
    const expected = req.expectedDataVersion;
    const refuseStale = expected === undefined || expected === null ? undefined : (tx: StoredReads) => refuseStaleWrites(tx, expected, plan.writes.map((w) => {
      const field = `${w.input.indicator}@${w.input.period}`;
      return { row: w.row, unitId: w.input.unitId, field, touchedBy: (c) => c.entity === 'observation' && c.entityId === w.input.unitId && c.field === field };
    }), 'row');
    await store.setObservations(plan.writes, importMeta(who, sourceNote, req.why?.normalize('NFC') ?? null), refuseStale);
  }
  return { dryRun: req.dryRun, applied: apply, dataVersion, rowsRead: plan.rowsRead, rowsValid: plan.rowsValid, changes: plan.changes, problems: plan.problems };
}
