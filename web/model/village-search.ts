// Finding a bản by name the way people type it: without diacritics and in any case
// ("ban lao" finds "Bản Lao", "dung" finds "Đung", "md-03" finds the unnamed MD-03).
import { foldDiacritics } from '../../geo/fold-diacritics.ts';
import type { VillageInfo } from '../api/types.ts';

/** Bản matching `query`: names starting with it first, then names containing it, then former-commune matches. */
export function searchVillages(villages: VillageInfo[], query: string): VillageInfo[] {
  const q = foldDiacritics(query);
  if (!q) return [];
  const scored: Array<[number, VillageInfo]> = [];
  villages.forEach((v, order) => {
    const keys = [v.label, v.name ?? '', v.provisionalLabel, `ban ${v.name ?? ''}`].map(foldDiacritics).filter(Boolean);
    let score = Infinity;
    if (keys.some((k) => k === q)) score = 0;
    else if (keys.some((k) => k.startsWith(q))) score = 1;
    else if (keys.some((k) => k.includes(q))) score = 2;
    else if (foldDiacritics(v.formerCommune.name).includes(q)) score = 3;
    if (score < Infinity) scored.push([score * 100 + order, v]);
  });
  return scored.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}
