// Observations from a CSV or XLSX file: every row checked as a single edit would be (unit, indicator,
// level, value range, formula), every problem reported at once, and a clean file written in one transaction.
import { checkObservationValue, checkPeriod } from '../edits/check-observation.ts';
import type { AtlasStore, EditMeta, Indicator, Observation, ObservationInput, Unit } from '../store/atlas-store.ts';
import type { BoundComparator, ObservationStatus, SourceRef } from '../../geo/seed-types.ts';
import { readComparator } from '../../geo/value-comparator.ts';
import { mapColumns, type ColumnField, type ColumnMap } from './import-columns.ts';
import { importMeta, inFileOrder, problem, problemFromError, type ImportChange, type ImportProblem, type ImportReport, type ProblemPlace } from './import-report.ts';
import { indicatorMatcher } from './match-indicator.ts';
import { foldKey, unitLabel, unitMatcher } from './match-unit.ts';
import { parseVietnameseNumber } from './parse-vietnamese-number.ts';
import { readUploadOffThread } from './read-off-thread.ts';
import type { Cell, Table } from './read-table.ts';
import { refuseStaleWrites } from './stale-check.ts';

export interface PlannedWrite {
  row: number;
  input: ObservationInput;
  /** The version stored when the file was checked: imports overwrite knowingly. */
  expectedVersion: number;
}

export interface ObservationPlan {
  rowsRead: number;
  rowsValid: number;
  problems: ImportProblem[];
  changes: ImportChange[];
  writes: PlannedWrite[];
}

const YES = new Set(['co', 'dat', 'da dat', 'true', 'yes', 'y', '1', 'x', 'dung']);
const NO = new Set(['khong', 'chua dat', 'khong dat', 'chua', 'false', 'no', 'n', '0', 'sai']);
const STATUS: Record<string, ObservationStatus> = {
  reported: 'REPORTED', 'bao cao': 'REPORTED', 'da bao cao': 'REPORTED', 'so lieu bao cao': 'REPORTED',
  derived: 'DERIVED', 'suy ra': 'DERIVED', 'tinh toan': 'DERIVED', 'suy luan': 'DERIVED',
  estimated: 'ESTIMATED', 'uoc tinh': 'ESTIMATED', 'uoc luong': 'ESTIMATED',
};
const MAX_TEXT = 500;

const text = (c: Cell): string | null => (c === null ? null : String(c));
const snapshot = (o: Pick<Observation, 'value' | 'denominator' | 'status' | 'source' | 'formula' | 'note'> & { comparator?: BoundComparator | null }) =>
  ({ value: o.value, comparator: o.comparator ?? null, denominator: o.denominator, status: o.status, source: o.source, formula: o.formula, note: o.note });
const sameSource = (a: SourceRef, b: SourceRef) => a.doc === b.doc && (a.section ?? null) === (b.section ?? null) && (a.ref ?? null) === (b.ref ?? null);
const officerEntry = (note: string): SourceRef => ({ doc: 'officer-entry', ref: note });

/** Rows checked between two pauses, when checking in slices: a few milliseconds of the event loop each. */
const SLICE_ROWS = 200;

/**
 * Check every row of a table; nothing is written. With `inSlices`, the check pauses every SLICE_ROWS rows
 * so that other requests are answered meanwhile (the caller must then make sure the data did not change).
 */
export async function planObservationImport(store: AtlasStore, table: Table, sourceNote: string, inSlices = false): Promise<ObservationPlan> {
  const problems: ImportProblem[] = [...table.problems];
  const columns: ColumnMap = mapColumns(table.headers, table.headerRow);
  const plan: ObservationPlan = { rowsRead: table.rows.length, rowsValid: 0, problems, changes: [], writes: [] };
  if (table.headers.length === 0) return plan;
  problems.push(...columns.problems);
  if (!columns.complete) return plan;

  const matchUnit = unitMatcher(store);
  const matchIndicator = indicatorMatcher(store);
  const documents = store.sources();
  const seen = new Map<string, number>();
  const unitOfRow = new Map<number, string>();

  for (const [i, r] of table.rows.entries()) {
    if (inSlices && i > 0 && i % SLICE_ROWS === 0) await new Promise((resume) => setImmediate(resume));
    const before = problems.length;
    let invalid = r.blocked.size > 0;
    const col = (f: Exclude<ColumnField, 'ignored'>) => columns.index[f];
    const cell = (f: Exclude<ColumnField, 'ignored'>): Cell => (col(f) === undefined ? null : r.cells[col(f)!] ?? null);
    const blocked = (f: Exclude<ColumnField, 'ignored'>) => col(f) !== undefined && r.blocked.has(col(f)!);
    const header = (f: Exclude<ColumnField, 'ignored'>, fallback: string) => (col(f) === undefined ? fallback : table.headers[col(f)!]);
    let unit: Unit | undefined;
    const at = (column: string | null): ProblemPlace => ({ row: r.row, column, villageId: unit?.id ?? null, unitLabel: unit ? unitLabel(unit) : null });
    const report = (p: ImportProblem) => { problems.push(p); invalid = true; };

    // Unit: the id column, else the name column.
    const unitField = cell('unitId') !== null || col('unitName') === undefined ? 'unitId' : 'unitName';
    const unitText = text(cell(unitField));
    if (blocked(unitField)) invalid = true;
    else if (unitText === null) report(problem('MISSING_VALUE', at(header(unitField, 'Mã bản')), 'thiếu mã hoặc tên bản', 'the unit (bản id or name) is empty'));
    else {
      const m = matchUnit(unitText);
      if (m.ok) unit = m.unit;
      else if (m.reason === 'ambiguous') {
        const list = m.candidates.map((u) => `${unitLabel(u)} (${u.id})`).join(', ');
        report(problem('AMBIGUOUS_VILLAGE', at(header(unitField, '')), `"${unitText}" có thể là ${list}: hãy ghi mã`, `"${unitText}" could be ${list}: give the id`));
      } else {
        report(problem('UNKNOWN_VILLAGE', at(header(unitField, '')), `không có bản hay đơn vị "${unitText}"`, `no bản or unit "${unitText}"`));
      }
    }

    // Indicator: the key column, else the name column.
    const indField = cell('indicatorKey') !== null || col('indicatorName') === undefined ? 'indicatorKey' : 'indicatorName';
    const indText = text(cell(indField));
    let indicator: Indicator | undefined;
    if (blocked(indField)) invalid = true;
    else if (indText === null) report(problem('MISSING_VALUE', at(header(indField, 'Chỉ tiêu')), 'thiếu chỉ tiêu', 'the indicator is empty'));
    else {
      indicator = matchIndicator(indText);
      if (!indicator) report(problem('UNKNOWN_INDICATOR', at(header(indField, '')), `không có chỉ tiêu "${indText}"`, `no indicator "${indText}"`));
    }
    const levelOk = !unit || !indicator || indicator.levels.includes(unit.level);
    if (!levelOk) {
      report(problem('WRONG_LEVEL', at(header(unitField, '')), `chỉ tiêu "${indicator!.nameVi}" không ghi cho cấp ${LEVEL_VI[unit!.level]}`,
        `indicator "${indicator!.key}" is not kept for a ${unit!.level}`));
    }

    // Period.
    const periodCell = cell('period');
    let period = typeof periodCell === 'number' ? String(periodCell) : text(periodCell);
    if (blocked('period')) invalid = true;
    else if (period === null) report(problem('MISSING_VALUE', at(header('period', 'Kỳ')), 'thiếu kỳ (năm)', 'the period (year) is empty'));
    else {
      try { period = checkPeriod(period); } catch (e) {
        report(problemFromError('BAD_VALUE', at(header('period', 'Kỳ')), e as Error));
        period = null;
      }
    }

    // Status and formula.
    let status: ObservationStatus = 'REPORTED';
    const statusText = text(cell('status'));
    if (statusText !== null && !blocked('status')) {
      const s = STATUS[foldKey(statusText)];
      if (s) status = s;
      else report(problem('BAD_VALUE', at(header('status', '')), `trạng thái "${statusText}" không rõ (báo cáo, suy ra, ước tính)`, `status "${statusText}" is not REPORTED, DERIVED or ESTIMATED`));
    }
    const formula = text(cell('formula'));
    const note = text(cell('note'));
    if (status !== 'REPORTED' && formula === null && !blocked('formula')) {
      report(problem('MISSING_VALUE', at(header('formula', 'Cách tính')), 'giá trị suy ra hoặc ước tính cần ghi cách tính', 'a DERIVED or ESTIMATED value needs its formula or method'));
    }
    for (const f of ['formula', 'note', 'source', 'section'] as const) {
      const t = text(cell(f));
      if (t !== null && t.length > MAX_TEXT) report(problem('BAD_VALUE', at(header(f, '')), `quá dài (${t.length} ký tự, tối đa ${MAX_TEXT})`, `too long (${t.length} characters, at most ${MAX_TEXT})`));
    }

    // Value and denominator, read for the indicator's kind at the unit's level.
    let value: number | boolean | undefined;
    const valueCell = cell('value');
    const valueColumn = header('value', 'Giá trị');
    if (blocked('value')) invalid = true;
    else if (valueCell === null) report(problem('MISSING_VALUE', at(valueColumn), 'thiếu giá trị', 'the value is empty'));
    else if (unit && indicator) {
      const parsed = readValue(valueCell, indicator, unit);
      if ('value' in parsed) value = parsed.value;
      else report(problem(parsed.code, at(valueColumn), parsed.vi, parsed.en));
    }
    let denominator: number | null = null;
    let denominatorRead = !blocked('denominator');
    const denCell = cell('denominator');
    if (denCell !== null && denominatorRead) {
      const parsed = typeof denCell === 'number' ? { ok: true as const, value: denCell } : typeof denCell === 'string' ? parseVietnameseNumber(denCell) : null;
      if (parsed?.ok && Number.isInteger(parsed.value) && parsed.value >= 0) denominator = parsed.value;
      else {
        denominatorRead = false;
        report(problem('BAD_NUMBER', at(header('denominator', '')), `mẫu số "${denCell}" phải là số nguyên không âm`, `denominator "${denCell}" must be a whole number, 0 or more`));
      }
    }
    // A bound ("trên", ">", "gần"): optional, on numbers only.
    let comparator: BoundComparator | null = null;
    const comparatorText = text(cell('comparator'));
    if (comparatorText !== null && !blocked('comparator')) {
      const c = readComparator(comparatorText);
      if (c === undefined) {
        report(problem('BAD_VALUE', at(header('comparator', '')), `dấu so sánh "${comparatorText}" không rõ (>, >=, <, <=, ≈, trên, dưới, gần, hoặc để trống)`,
          `comparator "${comparatorText}" is not one of >, >=, <, <=, ≈ (or empty for an exact value)`));
      } else if (c !== null && value !== undefined && typeof value !== 'number') {
        report(problem('BAD_VALUE', at(header('comparator', '')), `giá trị có/không không có dấu so sánh ("${comparatorText}")`, `a yes/no value cannot be a bound ("${comparatorText}")`));
      } else comparator = c;
    }
    // Range checks as for a single edit, also on rows with other problems, so that all are reported at once.
    if (unit && indicator && levelOk && value !== undefined && denominatorRead) {
      try {
        ({ value, denominator } = checkObservationValue(store, unit, indicator, value, denominator));
      } catch (e) {
        const field = (e as { details?: { field?: string } }).details?.field;
        report(problemFromError(field === 'denominator' && denominator === null ? 'MISSING_VALUE' : 'OUT_OF_RANGE',
          at(field === 'denominator' ? header('denominator', 'Mẫu số') : valueColumn), e as Error));
      }
    }

    // The same value twice in one file: which one is meant?
    if (unit && indicator && period !== null) {
      const key = `${unit.id}|${indicator.key}|${period}`;
      const first = seen.get(key);
      if (first !== undefined) {
        report(problem('DUPLICATE_ROW', at(null), `trùng với dòng ${first} (${indicator.key}, kỳ ${period})`, `same unit, indicator and period as row ${first} (${indicator.key}, ${period})`));
      } else seen.set(key, r.row);
    }

    if (unit) unitOfRow.set(r.row, unit.id);
    if (invalid || problems.length > before || !unit || !indicator || period === null || value === undefined) continue;
    plan.rowsValid++;
    const old = store.observations({ unitId: unit.id, indicator: indicator.key }).find((o) => o.period === period);
    const source = sourceOf(text(cell('source')), text(cell('section')), sourceNote, old, documents);
    const input: ObservationInput = { unitId: unit.id, indicator: indicator.key, period, value, comparator, denominator, status, source, formula, note };
    if (old && old.value === value && old.comparator === comparator && old.denominator === denominator && old.status === status && old.formula === formula &&
      old.note === note && sameSource(old.source, source)) continue;
    plan.writes.push({ row: r.row, input, expectedVersion: old?.version ?? 0 });
    plan.changes.push({ row: r.row, unitId: unit.id, field: `${indicator.key}@${period}`, oldValue: old ? snapshot(old) : null, newValue: snapshot(input) });
  }
  // Problems found while reading (formulas, stray cells) learn their row's bản; all are put in file order.
  for (const p of problems) if (p.row !== null && p.villageId === null) p.villageId = unitOfRow.get(p.row) ?? null;
  problems.sort(inFileOrder);
  return plan;
}

const LEVEL_VI: Record<Unit['level'], string> = { commune: 'xã', formerCommune: 'xã cũ', village: 'bản' };

type ReadValue = { value: number | boolean } | { code: 'BAD_NUMBER' | 'BAD_VALUE'; vi: string; en: string };

/** A cell as the value of this indicator on this unit: yes/no on a bản for a yes/no indicator, a number otherwise. */
function readValue(c: Exclude<Cell, null>, indicator: Indicator, unit: Unit): ReadValue {
  if (indicator.kind === 'boolean' && unit.level === 'village') {
    if (typeof c === 'boolean') return { value: c };
    const key = foldKey(String(c));
    if (YES.has(key)) return { value: true };
    if (NO.has(key)) return { value: false };
    return { code: 'BAD_VALUE', vi: `"${c}" không phải có/không (có, không, đạt, chưa đạt)`, en: `"${c}" is not yes/no (có, không, đạt, chưa đạt, true, false)` };
  }
  let n: number;
  if (typeof c === 'number') n = c;
  else if (typeof c === 'boolean') return { code: 'BAD_NUMBER', vi: `cần một số, không phải "${c}"`, en: `a number is needed, not "${c}"` };
  else {
    const parsed = parseVietnameseNumber(c);
    if (!parsed.ok) return { code: 'BAD_NUMBER', vi: parsed.vi, en: parsed.en };
    n = parsed.value;
  }
  if (indicator.kind === 'count' && !Number.isInteger(n)) {
    return { code: 'BAD_NUMBER', vi: `"${c}": số đếm phải là số nguyên (nếu dấu chấm là phân cách hàng nghìn, hãy bỏ nó)`,
      en: `"${c}": a count must be a whole number (if the point separates thousands, drop it)` };
  }
  return { value: n };
}

/**
 * The source of a row: a known document named in the source column (by id or title) with its section,
 * kept as stored when it did not change; otherwise the row's own note or the import's, as an officer entry.
 */
function sourceOf(doc: string | null, section: string | null, importNote: string, old: Observation | undefined, documents: ReturnType<AtlasStore['sources']>): SourceRef {
  const known = doc === null ? undefined : documents.find((d) => d.id === doc || foldKey(d.title) === foldKey(doc));
  if (known) {
    if (old && old.source.doc === known.id && (old.source.section ?? old.source.ref ?? null) === section) return old.source;
    if (known.id === 'officer-entry') return officerEntry(section ?? importNote);
    return section === null ? { doc: known.id } : { doc: known.id, section };
  }
  const note = doc ?? importNote;
  return officerEntry(section === null ? note : `${note} · ${section}`);
}

/** Write a checked plan: every value or none (one transaction); each write goes to the history. */
export function applyObservationPlan(store: AtlasStore, plan: ObservationPlan, meta: EditMeta): void {
  store.atomically(() => {
    for (const w of plan.writes) store.setObservation(w.input, w.expectedVersion, meta);
  });
}

export interface ObservationImportRequest {
  fileBase64: string;
  format: 'CSV' | 'XLSX';
  dryRun: boolean;
  sourceNote: string;
  why: string | null;
  /** The dataVersion of the dry run the officer looked at: a row changed since refuses the apply (CONFLICT). */
  expectedDataVersion?: number | null;
}

/** Read, check and (unless a dry run, and only when no problem was found) apply an observation file. */
export async function importObservationFile(store: AtlasStore, req: ObservationImportRequest, who: string): Promise<ImportReport> {
  const sourceNote = req.sourceNote.normalize('NFC').trim();
  // Decoding and parsing, whose cost grows with the file, run in the reading worker, off this thread.
  const table: Table = await readUploadOffThread(req.fileBase64, req.format);
  // Checked in slices, so the portal keeps answering. If another request changed the data meanwhile, the
  // file is checked again; from the last check on, everything is synchronous up to the write. Should
  // colleagues keep changing data, each planned write still names the version it saw (CONFLICT, nothing written).
  let dataVersion = store.dataVersion();
  let plan = await planObservationImport(store, table, sourceNote, true);
  for (let again = 0; again < 3 && store.dataVersion() !== dataVersion; again++) {
    dataVersion = store.dataVersion();
    plan = await planObservationImport(store, table, sourceNote, true);
  }
  const apply = !req.dryRun && plan.problems.length === 0;
  if (apply && req.expectedDataVersion !== undefined && req.expectedDataVersion !== null) {
    refuseStaleWrites(store, req.expectedDataVersion, plan.writes.map((w) => {
      const field = `${w.input.indicator}@${w.input.period}`;
      return { row: w.row, unitId: w.input.unitId, field, touchedBy: (c) => c.entity === 'observation' && c.entityId === w.input.unitId && c.field === field };
    }), 'row');
  }
  if (apply) applyObservationPlan(store, plan, importMeta(who, sourceNote, req.why?.normalize('NFC') ?? null));
  return { dryRun: req.dryRun, applied: apply, dataVersion, rowsRead: plan.rowsRead, rowsValid: plan.rowsValid, changes: plan.changes, problems: plan.problems };
}
