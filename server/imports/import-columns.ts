// What each column of an observation file means, from its header in Vietnamese or English, matched
// without case or diacritics: "Giá trị", "gia tri", "Value", and the export's "Giá trị (value)".
import { columnLetter } from './decode-text.ts';
import { problem, type ImportProblem } from './import-report.ts';
import { foldKey } from './match-unit.ts';

export type ColumnField =
  | 'unitId' | 'unitName' | 'indicatorKey' | 'indicatorName' | 'period' | 'value' | 'comparator' | 'denominator'
  | 'status' | 'source' | 'section' | 'formula' | 'note' | 'ignored';

const ALIASES: Record<ColumnField, string[]> = {
  unitId: ['ma ban', 'ma don vi', 'unit id', 'unit', 'unitid', 'unit_id', 'id', 'ma', 'village id', 'ma dv', 'ma thon ban'],
  unitName: ['ban', 'ten ban', 'don vi', 'ten don vi', 'village', 'unit name', 'name', 'ten', 'thon ban', 'thon', 'ban thon'],
  indicatorKey: ['ma chi tieu', 'indicator key', 'key', 'indicator id', 'ma chi so'],
  indicatorName: ['chi tieu', 'indicator', 'ten chi tieu', 'indicator name', 'chi so'],
  period: ['ky', 'nam', 'period', 'year', 'ky bao cao', 'thoi ky', 'thoi gian', 'nam bao cao'],
  value: ['gia tri', 'value', 'so lieu', 'ket qua'],
  comparator: ['so sanh', 'comparator', 'dau so sanh', 'bound', 'gioi han'],
  denominator: ['mau so', 'denominator', 'so ban duoc tinh', 'tong so ban'],
  status: ['trang thai', 'status', 'tinh trang', 'loai so lieu'],
  source: ['nguon', 'source', 'tai lieu nguon', 'source document', 'nguon so lieu', 'tai lieu', 'nguon tai lieu'],
  section: ['muc', 'section', 'ref', 'trich dan', 'muc tai lieu'],
  formula: ['cach tinh', 'formula', 'cong thuc', 'phuong phap', 'method', 'cach tinh phuong phap'],
  note: ['ghi chu', 'note', 'notes', 'remark'],
  // Kept for people (numbering, level, unit of measure), not read. So is a signed-in export's publication column:
  // only an admin's publish action makes a value public, never what a file says.
  ignored: ['stt', 'tt', 'so thu tu', 'no', '#', 'cap', 'unit level', 'level', 'cap don vi', 'don vi tinh', 'unit of measure', 'dvt', 'don vi do',
    'cong bo', 'publication'],
};

const BY_ALIAS = new Map<string, ColumnField>(
  (Object.entries(ALIASES) as Array<[ColumnField, string[]]>).flatMap(([field, names]) => names.map((n): [string, ColumnField] => [n, field])),
);

export const REQUIRED: Array<{ fields: ColumnField[]; vi: string; en: string }> = [
  { fields: ['unitId', 'unitName'], vi: 'Mã bản / Bản', en: 'unit' },
  { fields: ['indicatorKey', 'indicatorName'], vi: 'Chỉ tiêu', en: 'indicator' },
  { fields: ['period'], vi: 'Kỳ / Năm', en: 'period' },
  { fields: ['value'], vi: 'Giá trị', en: 'value' },
];

/** The meaning of one header: the whole header, else its Vietnamese part, else its English part in () or after /. */
export function headerField(header: string): ColumnField | undefined {
  const whole = foldKey(header.replace(/[_*:]/g, ' '));
  const m = /^(.*?)\s*\((.*)\)\s*$/.exec(header) ?? /^(.*?)\s+\/\s+(.*)$/.exec(header);
  const candidates = [whole, ...(m ? [foldKey(m[1].replace(/[_*:]/g, ' ')), foldKey(m[2].replace(/[_*:]/g, ' '))] : [])];
  for (const c of candidates) {
    const field = BY_ALIAS.get(c) ?? BY_ALIAS.get(c.replace(/\s+/g, ''));
    if (field) return field;
  }
  return undefined;
}

export interface ColumnMap {
  /** Column index of each field present. */
  index: Partial<Record<Exclude<ColumnField, 'ignored'>, number>>;
  headers: string[];
  problems: ImportProblem[];
  /** All required columns are there. */
  complete: boolean;
}

/** The columns of a file: each field's column, and a problem for every unknown, doubled or missing column. */
export function mapColumns(headers: string[], headerRow = 1): ColumnMap {
  const index: ColumnMap['index'] = {};
  const problems: ImportProblem[] = [];
  headers.forEach((h, i) => {
    if (!h) return;
    const field = headerField(h);
    if (!field) {
      problems.push(problem('UNKNOWN_COLUMN', { row: headerRow, column: h },
        'cột không rõ nghĩa; các cột được đọc: Mã bản/Bản, Chỉ tiêu, Kỳ/Năm, Giá trị, So sánh, Mẫu số, Trạng thái, Nguồn, Mục, Cách tính, Ghi chú (xoá hoặc đổi tên cột này)',
        'unknown column; the columns read are: unit, indicator, period, value, comparator, denominator, status, source, section, formula, note (remove or rename it)'));
    } else if (field !== 'ignored') {
      if (index[field] !== undefined) {
        const first = headers[index[field]!] || columnLetter(index[field]!);
        problems.push(problem('UNKNOWN_COLUMN', { row: headerRow, column: h },
          `cùng nghĩa với cột "${first}"; hãy giữ một cột`, `means the same as column "${first}"; keep one of them`));
      } else index[field] = i;
    }
  });
  let complete = true;
  for (const need of REQUIRED) {
    if (need.fields.every((f) => index[f as keyof ColumnMap['index']] === undefined)) {
      complete = false;
      problems.push(problem('MISSING_COLUMN', { row: headerRow, column: need.vi }, `thiếu cột "${need.vi}"`, `the "${need.en}" column is missing`));
    }
  }
  return { index, headers, problems, complete };
}
