// Numbers as Vietnamese offices write them: "82,6" (decimal comma), "12.831" or "12 831" (thousands),
// "1.234,5"; and as exports and English spreadsheets write them: "82.6", "1,234.5".

export type ParsedNumber = { ok: true; value: number } | { ok: false; vi: string; en: string };

const GROUPED = /^\d{1,3}(?:[.,]\d{3})+$/;

/** Integer part written with a thousands separator: "12.831", "1,234,567". */
function grouped(text: string, sep: string): boolean {
  return GROUPED.test(text) && !text.includes(sep === '.' ? ',' : '.');
}

/**
 * A number from text. One comma is a decimal comma ("82,6"); one point a decimal point ("82.6");
 * several of the same are thousands separators in groups of three ("1.234.567"); with both, the last
 * is the decimal mark ("1.234,5", "1,234.5"). Spaces between digits and a trailing % are allowed.
 * Anything else ("8,2,1", "12a") is refused, never guessed.
 */
export function parseVietnameseNumber(raw: string): ParsedNumber {
  const bad = (vi: string, en: string): ParsedNumber => ({ ok: false, vi, en });
  let text = raw.trim().replace(/[\s\u00a0\u202f\u2009]+/g, '').replace(/\u2212/g, '-');
  if (text.endsWith('%')) text = text.slice(0, -1);
  let sign = 1;
  if (/^[+-]/.test(text)) { sign = text[0] === '-' ? -1 : 1; text = text.slice(1); }
  const notNumber = bad(`"${raw}" không phải là số`, `"${raw}" is not a number`);
  if (!/^(?:\d[\d.,]*|[.,]\d+)$/.test(text) || /[.,]$/.test(text)) return notNumber;
  const commas = (text.match(/,/g) ?? []).length;
  const points = (text.match(/\./g) ?? []).length;
  let normal: string;
  if (commas === 0 && points === 0) normal = text;
  else if (commas > 0 && points > 0) {
    const decimal = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    const [intPart, fraction, ...rest] = text.split(decimal);
    if (rest.length || !grouped(intPart, thousands) || !/^\d+$/.test(fraction)) {
      return bad(`"${raw}": dấu phân cách không rõ (ví dụ đúng: 1.234,5)`, `"${raw}": unclear separators (e.g. write 1.234,5 or 1234.5)`);
    }
    normal = `${intPart.split(thousands).join('')}.${fraction}`;
  } else {
    const sep = commas > 0 ? ',' : '.';
    const count = commas + points;
    if (count === 1) normal = text.replace(sep, '.');
    else if (grouped(text, sep)) normal = text.split(sep).join('');
    else {
      return bad(`"${raw}": có ${count} dấu "${sep}" không theo nhóm ba chữ số (ví dụ đúng: 82,6 hoặc 1.234.567)`,
        `"${raw}": ${count} "${sep}" not grouping thousands by three (e.g. write 82,6 or 1.234.567)`);
    }
  }
  const value = sign * Number(normal);
  return Number.isFinite(value) ? { ok: true, value } : notNumber;
}
