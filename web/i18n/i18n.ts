// The current language: one module-level choice read by components and by the DOM-built map labels,
// so a language switch is one call followed by a re-render.
import { setNumberLocale } from '../format/number.ts';
import { en } from './en.ts';
import { vi, type Strings } from './vi.ts';
import type { Lang } from './lang.ts';

const TABLES: Record<Lang, Strings> = { vi, en };

let current: Lang = 'vi';

/** The strings of the current language. */
export function t(): Strings {
  return TABLES[current];
}

/** The current language. */
export function currentLang(): Lang {
  return current;
}

/** Switch language (strings, number format, <html lang>). */
export function setLanguage(lang: Lang): void {
  current = lang;
  setNumberLocale(TABLES[lang].locale);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lang;
    document.title = TABLES[lang].pageTitle;
  }
}

/** A unit as shown in the current language ("hộ" → "households" in English). */
export function unitLabel(unit: string): string {
  return t().units[unit] ?? unit;
}

/** The indicator's name in the current language. */
export function indicatorName(ind: { nameVi: string; nameEn: string }): string {
  return current === 'en' ? ind.nameEn : ind.nameVi;
}

/** A text the data gives in both languages, in the current one. */
export function local(vi: string, en: string | null | undefined): string;
export function local(vi: string | null, en: string | null | undefined): string | null;
export function local(vi: string | null, en: string | null | undefined): string | null {
  return current === 'en' && en ? en : vi;
}

/** A source reference's one-line label ("document · section") in the current language. */
export function refLabel(ref: { label: string; labelEn: string }): string {
  return local(ref.label, ref.labelEn);
}

/** Where in its document a reference points ("Phần thứ hai I.7.2" / "Part Two I.7.2"), or '' when it names none. */
export function refWhere(ref: { title: string; titleEn: string; label: string; labelEn: string }): string {
  // The label is "document · place" in each language; the place is what follows the document's title.
  const [title, label] = current === 'en' ? [ref.titleEn, ref.labelEn] : [ref.title, ref.label];
  return label.startsWith(`${title} · `) ? label.slice(title.length + 3) : '';
}
