// Numbers in the current language: Vietnamese 12.831 and 82,6% (decimal comma), English 12,831 and 82.6%.

let locale = 'vi-VN';
const cache = new Map<string, Intl.NumberFormat>();

function nf(opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, opts)));
  return f;
}

/** Set the locale every formatter uses ("vi-VN", "en-GB"). */
export function setNumberLocale(l: string): void {
  locale = l;
}

/** 12831 → "12.831". */
export function formatInteger(n: number): string {
  return nf({ maximumFractionDigits: 0 }).format(n);
}

/** 271.04 → "271,04" (at most `digits` decimals, two by default). */
export function formatDecimal(n: number, digits = 2): string {
  return nf({ maximumFractionDigits: digits }).format(n);
}

/** A fraction as a percentage: 0.826 → "82,6%". */
export function formatPercent(fraction: number): string {
  return nf({ style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}

/** A value already in percent: 82.6 → "82,6%". */
export function formatPercentValue(percent: number): string {
  return formatPercent(percent / 100);
}

/** A count out of a total: (7, 10) → "7/10". */
export function formatRatio(part: number, whole: number): string {
  return `${formatInteger(part)}/${formatInteger(whole)}`;
}

/** A value with its unit: (82.6, "%") → "82,6%", (20, "triệu đồng") → "20 triệu đồng". */
export function formatValue(value: number, unit: string, unitText: string = unit): string {
  if (unit === '%') return formatPercentValue(value);
  if (unit === '%/năm') return `${formatPercentValue(value)}${unitText === unit ? '/năm' : unitText.slice(1)}`;
  const digits = Math.abs(value) >= 1000 ? 0 : Math.abs(value) >= 100 ? 1 : 2;
  return `${formatDecimal(value, digits)}${unitText ? ` ${unitText}` : ''}`;
}

/** An ISO date as the current locale writes it: "2025-07-01T…" → "01/07/2025". */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d);
}
