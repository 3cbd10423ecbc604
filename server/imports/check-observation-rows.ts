// The checks of an observation file's rows that need only the file and the atlas's catalogue (units,
// indicators): headers, units and indicators known, levels, periods, statuses, formats, ranges, bounds,
// duplicates. Pure, so it runs in the import worker thread; only comparing with the stored values and
// writing stay on the thread that answers requests.
import { checkObservationValue, checkPeriod } from '../edits/check-observation.ts';
import type { Indicator, Unit } from '../store/atlas-store.ts';
import type { BoundComparator, ObservationStatus } from '../../geo/seed-types.ts';
import { readComparator } from '../../geo/value-comparator.ts';
import type { ImportCatalogue } from './import-catalogue.ts';
import { mapColumns, type ColumnField, type ColumnMap } from './import-columns.ts';
import { inFileOrder, problem, problemFromError, type ImportProblem, type ProblemPlace } from './import-report.ts';
import { indicatorMatcher } from './match-indicator.ts';
import { elsewhereMatcher, foldKey, otherCommuneMessage, unitLabel, unitMatcher } from './match-unit.ts';
import { parseVietnameseNumber } from './parse-vietnamese-number.ts';
import type { Cell, Table } from './read-table.ts';

/** A row that passed every check: what it says, with its source as written (matched to a document later). */
export interface CheckedRow {
  row: number;
  unitId: string;
  indicator: string;
  period: string;
  value: number | boolean;
  comparator: BoundComparator | null;
  denominator: number | null;
  status: ObservationStatus;
  formula: string | null;
  note: string | null;
  sourceText: string | null;
  sectionText: string | null;
}

export interface CheckedObservations {
  rowsRead: number;
  /** Every problem, in file order, each naming row, column and bản. */
  problems: ImportProblem[];
  rows: CheckedRow[];
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

/** Check every row of a table against the catalogue; every problem is reported at once. */
export function checkObservationRows(catalogue: ImportCatalogue, table: Table): CheckedObservations {
  const problems: ImportProblem[] = [...table.problems];
  const columns: ColumnMap = mapColumns(table.headers, table.headerRow);
  const checked: CheckedObservations = { rowsRead: table.rows.length, problems, rows: [] };
  if (table.headers.length === 0) return checked;
  problems.push(...columns.problems);
  if (!columns.complete) return checked;

  const matchUnit = unitMatcher(catalogue);
  const matchElsewhere = elsewhereMatcher(catalogue.elsewhere ?? []);
  const here = catalogue.units('commune')[0]?.name ?? '';
  const matchIndicator = indicatorMatcher(catalogue);
  const seen = new Map<string, number>();
  const unitOfRow = new Map<number, string>();

  for (const r of table.rows) {
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
      } else if (matchElsewhere(unitText)) {
        const found = matchElsewhere(unitText)!;
        const [vi, en] = otherCommuneMessage(unitText, found, here);
        report(problem('OTHER_COMMUNE', { ...at(header(unitField, '')), villageId: found.unit.id }, vi, en));
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
        ({ value, denominator } = checkObservationValue(catalogue, unit, indicator, value, denominator));
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
    checked.rows.push({
      row: r.row, unitId: unit.id, indicator: indicator.key, period, value, comparator, denominator, status, formula, note,
      sourceText: text(cell('source')), sectionText: text(cell('section')),
    });
  }
  // Problems found while reading (formulas, stray cells) learn their row's bản; all are put in file order.
  for (const p of problems) if (p.row !== null && p.villageId === null) p.villageId = unitOfRow.get(p.row) ?? null;
  problems.sort(inFileOrder);
  return checked;
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

