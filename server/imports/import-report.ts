// What an import reports: the rows it read, the changes it would make (or made) and every problem found,
// each naming the row, column and unit at fault in Vietnamese and English.
import type { EditMeta } from '../store/atlas-store.ts';

/** Stable problem codes (GraphQL enum ImportProblemCode). */
export const PROBLEM_CODES = {
  BAD_FILE: 'The file cannot be read (not base64, not CSV/XLSX/GeoJSON, broken quoting, empty).',
  BAD_ENCODING: 'A CSV file that is not UTF-8 (e.g. saved as Windows-1258/1252): refused rather than imported as mojibake.',
  TOO_LARGE: 'The file is larger than the import limit (or a workbook inflates beyond it, or reading it needs more memory or time than an import may take).',
  TOO_MANY_ROWS: 'The file has more rows (or features) than the import limit.',
  TOO_MANY_CELLS: 'A worksheet has more cells than the import limit (each row counted to its last cell).',
  MISSING_COLUMN: 'A required column (unit, indicator, period, value) is missing.',
  UNKNOWN_COLUMN: 'A column the import does not know, a second column with the same meaning, or cells beyond the header.',
  FORMULA_CELL: 'A spreadsheet formula (or text starting with = + - @): never evaluated.',
  MISSING_VALUE: 'A required cell is empty.',
  UNKNOWN_VILLAGE: 'No bản (or former commune, or commune) has this id, label or name.',
  AMBIGUOUS_VILLAGE: 'The name fits several units: give the id instead.',
  WRONG_LEVEL: 'The indicator is not kept for this level of unit, or a geometry is given for a unit that is not a bản.',
  UNKNOWN_INDICATOR: 'No indicator has this key or name.',
  DUPLICATE_ROW: 'The same unit, indicator and period (or the same bản geometry) appears twice in the file.',
  BAD_NUMBER: 'Not a number (decimal comma or point, thousands grouped by three), or not a whole number where one is needed.',
  BAD_VALUE: 'A yes/no, status or period cell that cannot be understood.',
  OUT_OF_RANGE: 'A value outside its indicator\'s range (a percent over 100, a negative count, more bản than exist…).',
  INVALID_GEOMETRY: 'Not a Point, Polygon or MultiPolygon; not closed; NaN, Infinity or missing coordinates.',
  SELF_INTERSECTION: 'A boundary that crosses itself.',
  OUTSIDE_COMMUNE: 'A centre or boundary outside the commune.',
  SWAPPED_LAT_LON: 'Coordinates that look written latitude first.',
  OTHER_COMMUNE: 'The unit belongs to another detailed commune than the one the import is for: a file writes to the units of its own commune only.',
  NAME_MISMATCH: 'In a file for a named commune (bản matched by code), a known code given with another name than the stored bản\'s: the message gives the code and both names.',
  DUPLICATE_NAME: 'In a file for a named commune, a new code whose name is already another bản\'s name there: the message names both codes (two bản may share a name, but not silently).',
  OVERLAP: 'A surveyed boundary that overlaps another bản\'s surveyed boundary (in the file or stored); the message gives the area shared.',
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export interface ImportProblem {
  /** Spreadsheet row (the header is row 1) or GeoJSON feature number (from 1); null for the whole file. */
  row: number | null;
  /** The column's header as written in the file (or a GeoJSON member such as "geometry"). */
  column: string | null;
  /** The unit the row is about, when it could be matched. */
  villageId: string | null;
  code: ProblemCode;
  message: string;
}

export interface ImportChange {
  row: number;
  unitId: string;
  /** "indicator@period" for a value (as in the history), "centre" or "boundary" for geometry. */
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface ImportReport {
  dryRun: boolean;
  applied: boolean;
  /** The data version the file was checked against (pass it back as expectedDataVersion to apply). */
  dataVersion: number;
  rowsRead: number;
  rowsValid: number;
  changes: ImportChange[];
  problems: ImportProblem[];
}

/** Where a problem is: row (or feature), column and unit, as they are written into its message. */
export interface ProblemPlace {
  row?: number | null;
  column?: string | null;
  villageId?: string | null;
  /** How people know the unit, e.g. "Bản Lao", added to the message. */
  unitLabel?: string | null;
  /** "feature" for GeoJSON: "Đối tượng 3 / Feature 3" instead of "Dòng 3 / Row 3". */
  kind?: 'row' | 'feature';
}

/** One problem, its message prefixed with the place in both languages. */
export function problem(code: ProblemCode, place: ProblemPlace, vi: string, en: string): ImportProblem {
  const { row = null, column = null, villageId = null, unitLabel = null, kind = 'row' } = place;
  const at = (rowWord: string, columnWord: string) => {
    const parts = [row !== null ? `${rowWord} ${row}` : null, column ? `${columnWord} "${column}"` : null, unitLabel].filter(Boolean);
    return parts.length ? `${parts.join(', ')}: ` : '';
  };
  const message = `${at(kind === 'feature' ? 'Đối tượng' : 'Dòng', kind === 'feature' ? 'mục' : 'cột')}${vi} / ` +
    `${at(kind === 'feature' ? 'Feature' : 'Row', kind === 'feature' ? 'member' : 'column')}${en}`;
  return { row, column, villageId, code, message };
}

/** Sort order of problems: the whole file first, then by row (stable within a row). */
export const inFileOrder = (a: ImportProblem, b: ImportProblem) => (a.row ?? 0) - (b.row ?? 0);

/** A problem made from a bilingual "vi / en" error message of the single-edit checks. */
export function problemFromError(code: ProblemCode, place: ProblemPlace, error: Error): ImportProblem {
  const i = error.message.indexOf(' / ');
  return i < 0 ? problem(code, place, error.message, error.message) : problem(code, place, error.message.slice(0, i), error.message.slice(i + 3));
}

/** The import's history entry: why it was made and from which file or document. */
export function importMeta(who: string, sourceNote: string, why: string | null): EditMeta {
  const from = `nhập tệp / import: ${sourceNote}`;
  return { who, why: why ? `${why} (${from})` : `Nhập tệp / import: ${sourceNote}` };
}
