// The OGC collections of the national reference units (provinces, communes of Vietnam, 2025), read from the
// in-memory national index; which communes meet a box the store says. Features are made once; each outline is parsed only when its feature is sent.
import type { CollectionSpec, OgcItem, OgcFeature, SourceDescription } from './collections.ts';
import { nationalIndex, type NationalIndex } from '../../national/national-index.ts';

let built: { provinces: OgcItem[]; communes: OgcItem[]; byCode: Map<string, OgcItem> } | null = null;

/** A feature whose geometry is read from the index when serialised (JSON.stringify calls the getter). */
function lazyFeature(index: NationalIndex, id: string, key: string, properties: Record<string, unknown>): OgcFeature {
  return {
    type: 'Feature', id, properties,
    get geometry() { return index.geometry(key) as OgcFeature['geometry']; },
  } as OgcFeature;
}

function items() {
  if (built) return built;
  const index = nationalIndex();
  const source = index.source.title;
  const provinces = index.provinces.map((p) => ({
    bbox: p.bbox,
    feature: lazyFeature(index, p.code, `province:${p.code}`, {
      id: p.code, code: p.code, name: p.name, type: p.type, areaKm2: p.areaKm2, population: p.population, communeCount: p.communeCount, source,
    }),
  }));
  const communes = index.communes.map((c) => ({
    bbox: c.bbox,
    feature: lazyFeature(index, c.code, `commune:${c.code}`, {
      id: c.code, code: c.code, name: c.name, type: c.type, provinceCode: c.provinceCode, provinceName: index.province(c.provinceCode)?.name ?? null,
      areaKm2: c.areaKm2, measuredAreaKm2: c.measuredAreaKm2, population: c.population,
      densityPerKm2: c.areaKm2 > 0 ? Math.round((c.population / c.areaKm2) * 100) / 100 : null,
      adminCentre: c.adminCentre, formerUnits: c.formerUnits?.join(', ') ?? null, source,
    }),
  }));
  built = { provinces, communes, byCode: new Map(communes.map((i) => [i.feature.id, i])) };
  return built;
}

const sources = (): SourceDescription[] => {
  const s = nationalIndex().source;
  return [{ id: s.id, title: s.title, publisher: s.publisher, licence: s.licence, url: s.url }];
};

export const provincesCollection: CollectionSpec = {
  id: 'provinces',
  title: 'Tỉnh, thành phố của Việt Nam (provinces of Vietnam, 2025)',
  description: '34 tỉnh, thành phố sau sắp xếp năm 2025: mã, tên, diện tích và dân số chính thức, số xã; ranh giới giản lược (bối cảnh cả nước). / ' +
    'The 34 provinces after the 2025 reorganisation: official code, name, area, population, commune count; coarse outlines (national context).',
  items: () => items().provinces,
  geometrySources: () => [],
  ownSources: sources,
  propertyTypes: () => ({ areaKm2: 'number', population: 'integer', communeCount: 'integer' }),
};

export const communesCollection: CollectionSpec = {
  id: 'communes',
  // 100 outlines are at most ~1 MB: thousands at once would be megabytes for one anonymous request.
  maxLimit: 100,
  title: 'Xã, phường, đặc khu của Việt Nam (communes of Vietnam, 2025)',
  description: '3.321 đơn vị cấp xã năm 2025: mã chính thức, tên, loại, tỉnh, diện tích chính thức và đo trên ranh giới, dân số (theo nguồn), mật độ, trụ sở, các đơn vị hợp nhất; ranh giới giản lược (~55 m). / ' +
    'The 3,321 commune-level units of 2025: official code, name, type, province, official and measured area, population (as the source gives it), density, administrative centre, merged units; simplified outlines (~55 m).',
  items: () => items().communes,
  // The store finds them: the index's R-tree (then the exact test for outlines crossing the box's edge) on SQLite,
  // ST_Intersects on the GiST-indexed national_communes on PostgreSQL.
  search: async (atlas, _store, _viewer, box) => {
    const byCode = items().byCode;
    return (await atlas.nationalCommunes({ bbox: box })).communes.flatMap((c) => byCode.get(c.code) ?? []);
  },
  geometrySources: () => [],
  ownSources: sources,
  propertyTypes: () => ({ adminCentre: 'string', formerUnits: 'string', measuredAreaKm2: 'number', densityPerKm2: 'number', population: 'integer' }),
};
