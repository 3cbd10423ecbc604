// A unit's name as the interface's language says it: the official name "Xã Tường Hạ" in Vietnamese,
// "Tường Hạ commune" in English (the Vietnamese unit word is not a name). One function for the neighbours' map
// labels and the Country tab's commune card, so both say it the same way.
import { t } from '../i18n/i18n.ts';

const UNIT_WORDS: ReadonlyArray<[RegExp, 'commune' | 'ward' | 'township' | 'specialZone']> = [
  [/^xã\s+/iu, 'commune'],
  [/^phường\s+/iu, 'ward'],
  [/^thị trấn\s+/iu, 'township'],
  [/^đặc khu\s+/iu, 'specialZone'],
];

/** The label of a unit (a neighbour, a national commune) from its official name ("Xã Phù Yên"). */
export function neighbourName(official: string): string {
  const name = official.normalize('NFC').trim();
  for (const [word, kind] of UNIT_WORDS) {
    if (word.test(name)) return t().neighbourLabel(kind, name.replace(word, ''), name);
  }
  return name;
}
