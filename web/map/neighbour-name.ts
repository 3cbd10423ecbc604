// A neighbour's name as the interface's language says it: the official name "Xã Tường Hạ" in Vietnamese,
// "Tường Hạ commune" in English (the Vietnamese unit word is not a name).
import { t } from '../i18n/i18n.ts';

const UNIT_WORDS: ReadonlyArray<[RegExp, 'commune' | 'ward' | 'township']> = [
  [/^xã\s+/iu, 'commune'],
  [/^phường\s+/iu, 'ward'],
  [/^thị trấn\s+/iu, 'township'],
];

/** The label of a neighbouring unit from its official name. */
export function neighbourName(official: string): string {
  const name = official.normalize('NFC').trim();
  for (const [word, kind] of UNIT_WORDS) {
    if (word.test(name)) return t().neighbourLabel(kind, name.replace(word, ''), name);
  }
  return name;
}
