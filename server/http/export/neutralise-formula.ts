// Spreadsheet formula injection: a text cell beginning with = + - @ (or a tab or carriage return, which
// Excel strips before the same check) runs as a formula when opened; a leading apostrophe keeps it text.
const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell value made safe for a spreadsheet: text that looks like a formula gets a leading apostrophe. */
export function neutraliseFormula<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}
