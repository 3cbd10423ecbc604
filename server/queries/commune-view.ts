// Which detailed commune a request reads: none named is Mường Bang (every existing view), a named one is chosen by
// its official code (or its unit id). One place, so GraphQL, exports and OGC refuse an unknown commune alike.
import { AtlasError } from '../errors.ts';
import type { AtlasSnapshot } from '../store/atlas-store.ts';

/** The view of the detailed commune with this official code (Mường Bang's view when none is given); NOT_FOUND naming `field` otherwise. */
export function communeView(store: AtlasSnapshot, code: string | null | undefined, field = 'commune'): AtlasSnapshot {
  if (code === undefined || code === null) return store;
  const wanted = code.normalize('NFC').trim();
  const commune = store.detailedCommunes().find((u) => (u.code === wanted && u.validTo === null) || u.id === wanted);
  if (!commune) {
    throw new AtlasError('NOT_FOUND',
      `Xã "${wanted}" chưa có dữ liệu chi tiết (nationalCommune cho số liệu chính thức; quản trị viên thêm bằng addDetailedCommune) / ` +
      `Commune "${wanted}" has no detailed data (nationalCommune gives its official figures; an admin adds it with addDetailedCommune)`, { field });
  }
  return store.forCommune(commune.id)!;
}

/** The view of the commune a unit belongs to (Mường Bang's for a unit under no commune): field resolvers of a bản read it. */
export function unitView(store: AtlasSnapshot, unitId: string): AtlasSnapshot {
  const commune = store.communeOf(unitId);
  return (commune && store.forCommune(commune.id)) ?? store;
}
