/**
 * Text folded for search: NFC-agnostic, without Vietnamese diacritics, lower case, single spaces.
 * "Bản Lao" → "ban lao", "Đung" → "dung", zero-width characters dropped.
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
