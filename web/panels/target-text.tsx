// How a target reads wherever it is shown (the targets panel, the overview, the planner): its figure in the page's
// number format, the target itself and its status badge. Apart from the targets panel, so the overview and the
// planner do not bring that panel's chunk into the first load.
import type { Target } from '../api/types.ts';
import { formatValue } from '../format/number.ts';
import { t, unitLabel } from '../i18n/i18n.ts';

/** A value in a target's unit: 82.6 "%" → "82,6%", 20 "triệu đồng/người/năm" → "20 triệu đồng/người/năm". */
export function targetFigure(value: number, unit: string | null): string {
  return formatValue(value, unit ?? '', unitLabel(unit ?? ''));
}

/** The target itself: "> 90%". */
export function targetText(tg: Pick<Target, 'comparator' | 'value' | 'unit'>): string {
  if (tg.value == null) return t().targets.none;
  const cmp = tg.comparator ? `${t().comparators[tg.comparator] ?? tg.comparator} ` : '';
  return `${cmp}${targetFigure(tg.value, tg.unit)}`;
}

/** Status badge. */
export function StatusBadge({ status }: { status: Target['status'] }) {
  return <span className={`badge badge-${status}`} data-status={status}>{t().targets.statuses[status]}</span>;
}
