// The page's languages, without their strings: the URL's state reads them before the strings (i18n.ts) are loaded.
export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

/** Whether a string names a supported language. */
export function isLang(x: unknown): x is Lang {
  return x === 'vi' || x === 'en';
}
