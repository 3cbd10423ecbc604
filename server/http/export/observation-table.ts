// The observations export: every observation the viewer may see, as it sees it (visibleObservation), one row each, with its source.
import { publicationState, visibilityClass, visibleObservation } from '../../access/observation-visibility.ts';
import type { Viewer } from '../../schema/context.ts';
import type { AtlasSnapshot } from '../../store/atlas-store.ts';
import type { Cell, Table } from './table.ts';

/** Observations of one (already checked) indicator, or of all, in the store's order (unit, indicator, newest period). */
export function observationTable(store: AtlasSnapshot, viewer: Viewer, indicator?: string): Table {
  const signedIn = visibilityClass(viewer) === 'signed-in';
  const headers = [
    'Mã đơn vị (unit id)', 'Cấp (unit level)', 'Đơn vị (unit)', 'Mã chỉ tiêu (indicator key)', 'Chỉ tiêu (indicator)', 'Đơn vị tính (unit of measure)',
    'Kỳ (period)', 'Giá trị (value)', 'So sánh (comparator)', 'Mẫu số (denominator)', 'Trạng thái (status)', 'Tài liệu nguồn (source document)', 'Mục (section)',
    'Công thức (formula)', 'Ghi chú (note)',
    // Signed-in users see values the public does not: each row says where it stands (PUBLIC, PUBLISHED, PENDING, RESTRICTED).
    ...(signedIn ? ['Công bố (publication)'] : []),
  ];
  // Made row by row as the file is written: a large database is never held as one table.
  function* rows(): Generator<Cell[]> {
    for (const stored of store.observations({ indicator })) {
      const unit = store.unit(stored.unitId);
      const o = unit && visibleObservation(store, viewer, stored);
      if (!unit || !o) continue;
      const ind = store.indicator(o.indicator);
      yield [
        unit.id, unit.level, unit.name ?? unit.provisionalLabel ?? unit.id, o.indicator, ind?.nameVi ?? o.indicator, ind?.unit ?? null,
        // The bound as the source gives it (">" for "trên"); empty when the value is exact. Re-imports as it is.
        o.period, o.value as Cell, o.comparator, o.denominator, o.status, store.source(o.source.doc)?.title ?? o.source.doc, o.source.section ?? o.source.ref ?? null,
        o.formula, o.note, ...(signedIn ? [publicationState(store, stored)] : []),
      ];
    }
  }
  return { sheet: 'Quan sát (observations)', headers, rows: rows() };
}
