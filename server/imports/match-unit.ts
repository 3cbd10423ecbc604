// Which unit a cell means: an id ("md-03"), a provisional label ("MD-03"), a bản name with or without
// diacritics or the word "bản" ("Bông Sồi", "bản Lao"), a former commune or the commune (id, code, name).
import { foldDiacritics } from '../../geo/fold-diacritics.ts';
import type { AtlasSnapshot, Unit } from '../store/atlas-store.ts';

export type UnitMatch =
  | { ok: true; unit: Unit }
  | { ok: false; reason: 'unknown' | 'ambiguous'; candidates: Unit[] };

const PREFIXES = /^(?:ban|thon|xa cu|xa|former commune|commune|village)\s+/;

/** Folded for matching: no diacritics, lower case, punctuation other than "-" dropped, single spaces. */
export function foldKey(text: string): string {
  return foldDiacritics(text.normalize('NFC')).replace(/[^\p{L}\p{N}\s-]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

const compact = (key: string) => key.replace(/[^a-z0-9]/g, '');

/** How people know a unit, for messages: "Bản Lao", "MD-04", "Mường Do". */
export function unitLabel(u: Unit): string {
  if (u.level === 'village') return u.name ? `Bản ${u.name}` : u.provisionalLabel ?? u.id;
  return u.name ?? u.id;
}

/**
 * A matcher over the store's units as they are now (names change). Exact forms are tried first
 * ("xã Mường Bang" is the commune, "Mường Bang" the former commune), then forms without a leading
 * "bản"/"thôn"/"xã" and without spaces or hyphens ("MD 03"); a form that fits several units is ambiguous.
 */
export function unitMatcher(store: Pick<AtlasSnapshot, 'units'>): (text: string) => UnitMatch {
  const units = [...store.units('commune'), ...store.units('formerCommune'), ...store.units('village')];
  const exact = new Map<string, Set<Unit>>();
  const loose = new Map<string, Set<Unit>>();
  const add = (map: Map<string, Set<Unit>>, key: string, u: Unit) => {
    if (!key) return;
    if (!map.has(key)) map.set(key, new Set());
    map.get(key)!.add(u);
  };
  for (const u of units) {
    const names = [u.name, u.nameEn].filter((n): n is string => !!n).map(foldKey);
    const codes = [u.id, u.provisionalLabel, u.code].filter((n): n is string => !!n).map(foldKey);
    for (const k of [...names, ...codes]) add(exact, k, u);
    for (const n of names) {
      if (u.level === 'village') add(exact, `ban ${n}`, u);
      if (u.level === 'formerCommune') add(exact, `xa cu ${n}`, u);
      add(loose, n.replace(PREFIXES, ''), u);
    }
    for (const c of codes) add(loose, compact(c), u);
  }
  return (text) => {
    const key = foldKey(text);
    const found = exact.get(key) ?? loose.get(key.replace(PREFIXES, '')) ?? loose.get(compact(key));
    if (!found || found.size === 0) return { ok: false, reason: 'unknown', candidates: [] };
    if (found.size > 1) return { ok: false, reason: 'ambiguous', candidates: [...found] };
    return { ok: true, unit: [...found][0] };
  };
}

/**
 * Which unit of another detailed commune a text names by its id, label or code (not by name: bản names repeat
 * from commune to commune), or undefined.
 */
export function elsewhereMatcher(elsewhere: Array<{ unit: Unit; commune: string }>): (text: string) => { unit: Unit; commune: string } | undefined {
  const byKey = new Map<string, { unit: Unit; commune: string }>();
  for (const e of elsewhere) {
    for (const k of [e.unit.id, e.unit.provisionalLabel, e.unit.code]) if (k) byKey.set(compact(foldKey(k)), e);
  }
  return (text) => byKey.get(compact(foldKey(text)));
}

/** OTHER_COMMUNE's message: the unit named and the commune it belongs to (Vietnamese, English). */
export function otherCommuneMessage(text: string, found: { unit: Unit; commune: string }, here: string): [string, string] {
  const label = `${unitLabel(found.unit)} (${found.unit.id})`;
  return [`"${text}" là ${label} của ${found.commune}, không thuộc ${here}: tệp này chỉ ghi cho ${here}`,
    `"${text}" is ${label} of ${found.commune}, not of ${here}: this file writes to ${here} only`];
}
