// What an officer types for a value, read the Vietnamese way ("82,6" is 82.6; "1.234" is 1234).
import type { Indicator } from '../api/types.ts';

/** The value of a field entry: true/false for yes/no, a number otherwise; null when left blank; undefined when unreadable. */
export function readFieldValue(indicator: Pick<Indicator, 'kind'>, raw: string): boolean | number | null | undefined {
  const text = raw.trim();
  if (text === '') return null;
  if (indicator.kind === 'boolean') return text === 'true' ? true : text === 'false' ? false : undefined;
  // A dot followed by three digits is a thousands separator in Vietnamese ("12.831"); a comma is the decimal mark.
  const normalised = /^\d{1,3}(\.\d{3})+(,\d+)?$/.test(text) ? text.replace(/\./g, '').replace(',', '.') : text.replace(',', '.');
  const n = Number(normalised);
  return Number.isFinite(n) && /^-?\d+(\.\d+)?$/.test(normalised) ? n : undefined;
}
