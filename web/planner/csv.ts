// The ranking as CSV (UTF-8 with BOM so spreadsheet programs read the Vietnamese names), downloaded
// from a Blob: nothing leaves the browser.
import type { Criterion, Investment } from './criteria.ts';
import type { RankedVillage } from './ranking.ts';
import { t, unitLabel } from '../i18n/i18n.ts';

function cell(x: string | number): string {
  const s = String(x);
  // Quote when needed; neutralise leading formula characters (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) && typeof x === 'string' ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A ranking as a table (the CSV's and the XLSX's rows), headed in the page's language: rank, id, name, former
 * commune, score, each criterion's need, value and weight. Values are numbers where the criterion has one (its
 * unit in the header), text otherwise; `fixed3` are the columns of 0…1 scores.
 */
export function rankingTable(rows: RankedVillage[], criteria: Criterion[], weights: Record<string, number>, investment: Investment): { header: string[]; rows: Array<Array<string | number>>; fixed3: Set<number> } {
  const s = t();
  const h = s.planner.exportColumns;
  const unitOf = (key: string) => rows.map((r) => r.values[key]?.unit).find((u) => u !== undefined);
  const label = (key: string) => s.criteria[key]?.label ?? key;
  const header = [h.rank, h.id, h.name, h.formerCommune, h.investment, h.score, h.unknownCriteria,
    ...criteria.flatMap((c) => [h.need(label(c.key)), h.value(label(c.key), unitOf(c.key) === undefined ? null : unitLabel(unitOf(c.key)!)), h.weight(label(c.key))])];
  const body = rows.map((r) => [
    r.rank, r.village.id, r.village.nameKnown && r.village.name ? r.village.name : r.village.provisionalLabel, r.village.formerCommune.name,
    s.planner.investments[investment] ?? investment, Number(r.score.toFixed(3)), r.unknowns,
    ...criteria.flatMap((c) => {
      const v = r.values[c.key];
      const value = v?.amount ?? (v && v.need !== null ? v.text : '');
      return [v?.need == null ? '' : Number(v.need.toFixed(3)), value, weights[c.key] ?? 0];
    }),
  ]);
  const fixed3 = new Set([5, ...criteria.map((_, i) => 7 + 3 * i)]);
  return { header, rows: body, fixed3 };
}

/** CSV text of a ranking (the columns of rankingTable; numbers with a dot, as spreadsheet imports read them). */
export function rankingCsv(rows: RankedVillage[], criteria: Criterion[], weights: Record<string, number>, investment: Investment): string {
  const table = rankingTable(rows, criteria, weights, investment);
  // Scores keep three decimals in the text ("0.500", not "0.5").
  const lines = table.rows.map((row) => row.map((x, i) => (typeof x === 'number' && table.fixed3.has(i) ? x.toFixed(3) : x)).map(cell).join(','));
  return `\ufeff${[table.header.map(cell).join(','), ...lines].join('\r\n')}\r\n`;
}

/** Offer text as a file download. */
export function download(filename: string, text: string | Blob, type = 'text/csv;charset=utf-8'): void {
  const blob = typeof text === 'string' ? new Blob([text], { type }) : text;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
