// Which indicator a cell means: its key ("povertyRate", any case) or its Vietnamese or English name,
// matched without diacritics ("Ty le ho ngheo").
import type { AtlasSnapshot, Indicator } from '../store/atlas-store.ts';
import { foldKey } from './match-unit.ts';

/** A matcher over the store's indicators: the indicator, or undefined when nothing fits. */
export function indicatorMatcher(store: Pick<AtlasSnapshot, 'indicators'>): (text: string) => Indicator | undefined {
  const byKey = new Map<string, Indicator>();
  for (const i of store.indicators()) {
    for (const k of [i.key.toLowerCase(), foldKey(i.nameVi), foldKey(i.nameEn)]) if (!byKey.has(k)) byKey.set(k, i);
  }
  return (text) => byKey.get(text.trim().toLowerCase()) ?? byKey.get(foldKey(text));
}
