/**
 * Text folded for search: NFC-agnostic, without Vietnamese diacritics, lower case, single spaces.
 * "Bản Lao" → "ban lao", "Đung" → "dung", zero-width characters dropped.
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
