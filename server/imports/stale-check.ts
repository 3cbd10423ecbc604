// An import is checked (dry run), looked at by the officer, then applied. A colleague's edit made in
// between must not be overwritten unseen: the apply names the data version its dry run checked, and is
// refused with CONFLICT when anything it would overwrite was changed since.
import { AtlasError } from '../errors.ts';
import type { Change, StoredReads } from '../store/atlas-store.ts';
import { unitView } from '../queries/commune-view.ts';
import { unitLabel } from './match-unit.ts';

/** One write of an import: its row (or feature) and what it overwrites. */
export interface ImportTarget {
  row: number;
  unitId: string;
  /** As in the history: "indicator@period" for a value, "centre" or "boundary" for geometry. */
  field: string;
  /** Whether a history entry changed what this write overwrites. */
  touchedBy: (c: Change) => boolean;
}

export interface StaleRow {
  row: number;
  unitId: string;
  field: string;
  changeId: number;
  changedBy: string;
  changedAt: string;
}

/**
 * Refuse an apply whose dry run is out of date for any row it writes: CONFLICT naming each row, bản and
 * field changed since `expectedDataVersion`, and by whom. Edits of other rows do not stop it.
 */
export async function refuseStaleWrites(store: StoredReads, expectedDataVersion: number, targets: ImportTarget[], kind: 'row' | 'feature'): Promise<void> {
  const current = await store.dataVersion();
  if (expectedDataVersion === current) return;
  if (expectedDataVersion > current) {
    throw new AtlasError('CONFLICT',
      `Dữ liệu không còn là phiên bản ${expectedDataVersion} đã kiểm tra (nay là ${current}, có thể vừa khôi phục bản sao lưu); hãy chạy thử lại / ` +
      `The data is not version ${expectedDataVersion} that the dry run checked (it is ${current} now, perhaps restored from a backup); run the dry run again`,
      { expectedDataVersion, currentDataVersion: current, conflicts: [] });
  }
  const since = await store.changesSince(expectedDataVersion);
  const stale: StaleRow[] = [];
  for (const t of targets) {
    const c = [...since].reverse().find((x) => t.touchedBy(x)); // the latest
    if (c) stale.push({ row: t.row, unitId: t.unitId, field: t.field, changeId: c.id, changedBy: c.who, changedAt: c.at });
  }
  if (stale.length === 0) return;
  const shown = stale.slice(0, 10);
  const more = stale.length - shown.length;
  const data = await store.snapshot();
  // Each bản named in the view of the commune holding it (a file may be for any detailed commune).
  const name = (id: string) => { const u = unitView(data, id).unit(id); return u ? unitLabel(u) : id; };
  const list = (rowWord: string, by: string) => shown.map((s) => `${rowWord} ${s.row} (${name(s.unitId)}, ${s.field}, ${by} ${s.changedBy})`).join('; ');
  throw new AtlasError('CONFLICT',
    `${list(kind === 'feature' ? 'Đối tượng' : 'Dòng', 'sửa bởi')}${more > 0 ? ` và ${more} dòng khác` : ''} đã được sửa sau lần chạy thử; ` +
    `không ghi gì, hãy chạy thử lại rồi nhập / ` +
    `${list(kind === 'feature' ? 'Feature' : 'Row', 'changed by')}${more > 0 ? ` and ${more} more` : ''} changed since the dry run; ` +
    `nothing was written: run the dry run again, then apply`,
    { expectedDataVersion, currentDataVersion: current, conflicts: stale });
}
