// Vietnamese number formats: 12.831 (thousands with "."), 82,6% (decimal comma).

const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

/** 12831 → "12.831". */
export function formatInteger(n: number): string {
  return integer.format(n);
}

/** 271.04 → "271,04" (at most two decimals). */
export function formatDecimal(n: number): string {
  return decimal.format(n);
}

/** A fraction as a percentage: 0.826 → "82,6%". */
export function formatPercent(fraction: number): string {
  return percent.format(fraction);
}

/** A count out of a total: (7, 10) → "7/10". */
export function formatRatio(part: number, whole: number): string {
  return `${integer.format(part)}/${integer.format(whole)}`;
}
