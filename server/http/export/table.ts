// A table to export (one CSV file or one XLSX sheet): bilingual headers and typed cells, plus the source list.
import type { AtlasSnapshot } from '../../store/atlas-store.ts';

export type Cell = string | number | boolean | null;

export interface Table {
  /** Sheet name in the workbook (at most 31 characters). */
  sheet: string;
  /** Vietnamese header with English in parentheses, e.g. "Bản (village)". */
  headers: string[];
  /** Rows in order; may be produced lazily (a generator), so a large table is built as it is written. */
  rows: Iterable<Cell[]>;
}

/** The "Nguồn (sources)" table: every source document with its publisher and licence. */
export function sourcesTable(store: AtlasSnapshot): Table {
  return {
    sheet: 'Nguồn (sources)',
    headers: ['Mã (id)', 'Tài liệu (title)', 'Nơi ban hành (publisher)', 'Năm (date)', 'Giấy phép (licence)', 'Địa chỉ (url)', 'Công khai (public)', 'Ghi chú (note)'],
    rows: store.sources().map((s) => [s.id, s.title, s.publisher, s.date, s.licence, s.url, s.public, s.note]),
  };
}
