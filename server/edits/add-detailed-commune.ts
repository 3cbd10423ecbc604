// A commune becomes detailed (bản, values, imports, history) from the national reference data alone: its official
// name, area and outline as seeds/vietnam gives them, with that document as their source. No former commune, bản or
// value beyond the official area is invented: its bản come in through the geometry import, its values through the
// observation import.
import type { MultiPolygon } from 'geojson';
import { cleanPolygon } from '../../geo/clean-polygon.ts';
import type { SourceRef } from '../../geo/seed-types.ts';
import { AtlasError, badInput } from '../errors.ts';
import { nationalIndex } from '../national/national-index.ts';
import { boundaryRecord } from '../store/boundary-record.ts';
import type { AtlasStore, EditMeta, SourceDocument, Unit } from '../store/atlas-store.ts';

const METHOD = 'Official 2025 outline as the national reference data gives it (simplified by its source), self-intersections resolved';

/** The national reference document as a source of the atlas (stored with the first commune that cites it). */
export function nationalSourceDocument(): SourceDocument {
  const s = nationalIndex().source;
  const [titleVi, titleEn] = s.title.split(' / ');
  return {
    // About every commune of the country: it names each one's official name, code, area and outline.
    id: s.id, title: titleVi, titleEn: titleEn ?? titleVi, kind: 'dataset', public: true, communes: 'all', publisher: s.publisher, publisherEn: s.publisher,
    date: '2025', url: s.url, licence: s.licence, licenceEn: s.licence,
    note: 'Every 2025 province and commune of Vietnam (seeds/vietnam, PROVENANCE.md there): the official record\'s name, code and area, simplified outlines.',
  };
}

/** The unit id of a detailed commune added by code (Mường Bang's, seeded, is "xa-muong-bang"). */
export const detailedCommuneId = (code: string) => `xa-${code}`;

/** Add the commune with this official code as a detailed commune (admins): its unit, official boundary and area, in one transaction. */
export async function addDetailedCommune(store: AtlasStore, code: string, meta: EditMeta): Promise<Unit> {
  const wanted = code.trim();
  if (!/^\d{5}$/.test(wanted)) throw badInput('code', `Mã xã phải có năm chữ số (ví dụ "03958"), không phải "${wanted}"`, `A commune code has five digits (e.g. "03958"), not "${wanted}"`);
  const index = nationalIndex();
  const reference = index.commune(wanted);
  if (!reference) throw new AtlasError('NOT_FOUND', `Không có xã mã ${wanted} trong dữ liệu quốc gia / No commune ${wanted} in the national reference data`, { field: 'code' });
  const outline = index.geometry(`commune:${wanted}`) as MultiPolygon | null;
  if (!outline) {
    throw badInput('code', `Dữ liệu quốc gia không có ranh giới của xã ${wanted}: không thể kiểm tra bản ở trong xã`,
      `The national reference data has no outline for commune ${wanted}: its bản could not be checked to lie inside it`);
  }
  const snapshot = await store.snapshot();
  if (snapshot.detailedCommunes().some((u) => u.code === wanted && u.validTo === null)) {
    throw new AtlasError('CONFLICT', `Xã mã ${wanted} đã có dữ liệu chi tiết / Commune ${wanted} is already a detailed commune`, { field: 'code', communeCode: wanted });
  }
  const document = nationalSourceDocument();
  const source: SourceRef = { doc: document.id, ref: `commune ${wanted}` };
  const id = detailedCommuneId(wanted);
  return store.atomically(async (tx) => {
    const unit = await tx.addUnit({ id, level: 'commune', code: wanted, name: `${reference.type} ${reference.name}`.normalize('NFC'), nameSource: source, parentId: null },
      boundaryRecord(id, 'OFFICIAL', cleanPolygon(outline), source, METHOD), meta, document);
    // The official area is a value the record states: kept as the seeded Mường Bang's is (officialAreaKm2, 2025).
    await tx.setObservation({ unitId: id, indicator: 'officialAreaKm2', period: '2025', value: reference.areaKm2, denominator: null, status: 'REPORTED',
      source, formula: null, note: null }, 0, meta);
    return unit;
  });
}
