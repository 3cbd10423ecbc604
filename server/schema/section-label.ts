// A place in a source, said in each language: the report's sections are cited as the report numbers them
// ("Phần thứ hai I.7.2, chú thích 1"), the compilation's by its labels ("S3, S4; report").
const EN: Array<[RegExp, string]> = [
  [/Phần thứ nhất/g, 'Part One'],
  [/Phần thứ hai/g, 'Part Two'],
  [/Phần thứ ba/g, 'Part Three'],
  [/chú thích/g, 'footnote'],
];
const VI: Array<[RegExp, string]> = [
  [/(^|; )report$/, '$1báo cáo'],
  [/^§2 Administrative codes$/, '§2 Mã hành chính'],
];

/** The section or reference label in the language asked. */
export function sectionLabel(where: string, lang: 'vi' | 'en'): string {
  return (lang === 'en' ? EN : VI).reduce((text, [from, to]) => text.replace(from, to), where);
}
