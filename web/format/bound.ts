// A value the source gives only as a bound, written with it: "> 100%", "≈ 12 tỷ đồng", "< 13%/năm".
// The symbols read the same in Vietnamese and English; the words ("trên", "more than") go in a title.

/** How the API names a bound (EXACT: the value itself). */
export type Comparator = 'EXACT' | 'GREATER_THAN' | 'AT_LEAST' | 'LESS_THAN' | 'AT_MOST' | 'APPROXIMATELY';

const SYMBOL: Record<Comparator, string> = {
  EXACT: '', GREATER_THAN: '>', AT_LEAST: '≥', LESS_THAN: '<', AT_MOST: '≤', APPROXIMATELY: '≈',
};

/** The formatted value with its bound in front ("> 99,8%"); an exact (or unknown) comparator leaves it as it is. */
export function withBound(formatted: string, comparator: Comparator | null | undefined): string {
  const symbol = comparator ? SYMBOL[comparator] : '';
  return symbol ? `${symbol} ${formatted}` : formatted;
}
