// The current language: one module-level choice read by components and by the DOM-built map labels,
// so a language switch is one call followed by a re-render.
import { setNumberLocale } from '../format/number.ts';
import { en } from './en.ts';
import { vi, type Strings } from './vi.ts';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
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

/** Whether a string names a supported language. */
export function isLang(x: unknown): x is Lang {
  return x === 'vi' || x === 'en';
}

/** A unit as shown in the current language ("hộ" → "households" in English). */
export function unitLabel(unit: string): string {
  return t().units[unit] ?? unit;
}

/** The indicator's name in the current language. */
export function indicatorName(ind: { nameVi: string; nameEn: string }): string {
  return current === 'en' ? ind.nameEn : ind.nameVi;
}
