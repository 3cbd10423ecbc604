// The ranking as CSV (UTF-8 with BOM so spreadsheet programs read the Vietnamese names), downloaded
// from a Blob: nothing leaves the browser.
import type { Criterion, Investment } from './criteria.ts';
import type { RankedVillage } from './ranking.ts';

function cell(x: string | number): string {
  const s = String(x);
  // Quote when needed; neutralise leading formula characters (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) && typeof x === 'string' ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A ranking as a table (the CSV's and the XLSX's rows): rank, id, name, former commune, score, each criterion's need, text and weight. */
export function rankingTable(rows: RankedVillage[], criteria: Criterion[], weights: Record<string, number>, investment: Investment): { header: string[]; rows: Array<Array<string | number>> } {
  const header = ['rank', 'id', 'name', 'formerCommune', 'investment', 'score', 'unknownCriteria',
    ...criteria.flatMap((c) => [`${c.key}_need`, `${c.key}_value`, `${c.key}_weight`])];
  const body = rows.map((r) => [
    r.rank, r.village.id, r.village.nameKnown && r.village.name ? r.village.name : r.village.provisionalLabel, r.village.formerCommune.name,
    investment, Number(r.score.toFixed(3)), r.unknowns,
    ...criteria.flatMap((c) => [r.values[c.key]?.need == null ? '' : Number(r.values[c.key].need!.toFixed(3)), r.values[c.key]?.text ?? '', weights[c.key] ?? 0]),
  ]);
  return { header, rows: body };
}

/** CSV text of a ranking (the columns of rankingTable). */
export function rankingCsv(rows: RankedVillage[], criteria: Criterion[], weights: Record<string, number>, investment: Investment): string {
  const table = rankingTable(rows, criteria, weights, investment);
  // Scores keep three decimals in the text ("0.500", not "0.5").
  const lines = table.rows.map((row) => row.map((x, i) => (typeof x === 'number' && (table.header[i] === 'score' || table.header[i].endsWith('_need')) ? x.toFixed(3) : x)).map(cell).join(','));
  return `\ufeff${[table.header.join(','), ...lines].join('\r\n')}\r\n`;
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
