// A former commune's count of bản achieving a yes/no indicator, said the same way on the map label,
// in the legend and in the tooltip: exact ("3/10") when every bản is counted, otherwise a lower
// bound ("≥ 0/10") from the bản known, with how many are still unknown.
import type { CoverageGroup } from '../api/types.ts';
import { formatRatio } from '../format/number.ts';

/** "3/10", or "≥ 3/10" when not every bản is known. */
export function groupRatioText(g: Pick<CoverageGroup, 'achieved' | 'total' | 'complete'>): string {
  return g.complete ? formatRatio(g.achieved, g.total) : `≥ ${formatRatio(g.achieved, g.total)}`;
}
