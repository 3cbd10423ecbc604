import { badInput } from '../errors.ts';

// Invisible characters that creep in from word processors and web pages; dropped, never stored.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/g;
// A lone surrogate cannot be stored as UTF-8 (SQLite would get U+FFFD instead); bidi overrides reorder what people see.
const BROKEN = /\p{Cs}|[\u202a-\u202e\u2066-\u2069]/u;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * Free text an officer gives (source note, reason, formula): NFC, invisible characters dropped, trimmed;
 * refused with BAD_USER_INPUT naming the field when it holds a lone surrogate, a control or bidi character,
 * or is shorter than `min` once cleaned.
 */
export function cleanText(field: string, text: string, min = 0): string {
  if (BROKEN.test(text) || CONTROL_EXCEPT_LINES.test(text)) {
    throw badInput(field, `${field}: có ký tự điều khiển hoặc ký tự Unicode hỏng`, `${field}: contains a control character or broken Unicode (lone surrogate)`);
  }
  const clean = text.normalize('NFC').replace(INVISIBLE, '').trim();
  if (clean.length < min) throw badInput(field, `${field}: cần ít nhất ${min} ký tự`, `${field}: needs at least ${min} visible characters`);
  return clean;
}

// Bản names are written in the Vietnamese (Latin) alphabet; another script inside a name is a look-alike
// ("Lаo" with a Cyrillic а) that search and people would take for a different bản.
const NAME = /^[\p{Script=Latin}\p{M}\p{Nd} '’.,()-]+$/u;

/** A bản name: cleaned as free text, without the word "bản", Latin letters, digits, spaces and ' . , ( ) - only. */
export function cleanVillageName(text: string): string {
  if (/\p{Cc}/u.test(text)) throw badInput('name', 'Tên bản có ký tự điều khiển (tab, xuống dòng…)', 'The name contains a control character (tab, line break…)');
  const name = cleanText('name', text).replace(/^bản(\s+|$)/i, '').replace(/\s+/g, ' ').trim();
  if (!name) throw badInput('name', 'Tên bản trống', 'The name is empty');
  if (name.length > 80) throw badInput('name', `Tên bản dài ${name.length} ký tự, tối đa 80`, `The name is ${name.length} characters long, at most 80`);
  if (!NAME.test(name) || !/\p{L}/u.test(name)) {
    throw badInput('name', 'Tên bản chỉ gồm chữ cái tiếng Việt (Latinh), chữ số, dấu cách và \' . , ( ) -',
      'A bản name uses only Vietnamese (Latin) letters, digits, spaces and \' . , ( ) -');
  }
  return name;
}
