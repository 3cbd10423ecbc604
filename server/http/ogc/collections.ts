// The collections the OGC API serves, one declarative entry each: what the features are, where their
// geometry's bounding boxes come from (precomputed by the store) and which documents the geometry cites.
import { bbox as turfBbox } from '@turf/turf';
import { comparatorName } from '../../../geo/value-comparator.ts';
import type { Feature, Geometry } from 'geojson';
import { findVillages } from '../../queries/filter-villages.ts';
import { booleanIndicatorKeys, villageFeatures } from '../../queries/village-features.ts';
import type { Viewer } from '../../schema/context.ts';
import { toSourceRef } from '../../schema/source-ref.type.ts';
import type { AtlasSnapshot, AtlasStore, Boundary, Unit } from '../../store/atlas-store.ts';
import { communesCollection, provincesCollection } from './national-collections.ts';

export type BBox = [number, number, number, number];
export type OgcFeature = Feature<Geometry | null, Record<string, unknown>> & { id: string };

/** A feature with the bounding box of its geometry (null when it has none). */
export interface OgcItem { feature: OgcFeature; bbox: BBox | null }

export interface CollectionSpec {
  id: string;
  /** Vietnamese / English. */
  title: string;
  description: string;
  /** Every feature the viewer may see, in a stable order. */
  items(store: AtlasSnapshot, viewer: Viewer): OgcItem[];
  /** Features whose geometry meets the box, when the collection has something better than testing every bbox (the store's spatial query). */
  search?(atlas: AtlasStore, store: AtlasSnapshot, viewer: Viewer, box: BBox): Promise<OgcItem[]>;
  /** Source documents of the geometry, for the attribution. */
  geometrySources(store: AtlasSnapshot): string[];
  /** Sources described by the collection itself, for data not kept in the store (the national reference units). */
  ownSources?(): SourceDescription[];
  /** Spatial extent when the features have no geometry to measure. */
  fallbackExtent?(store: AtlasSnapshot): BBox | null;
  /** Largest page of this collection (heavy outlines): a larger `limit` is served as this many, as OGC API Features asks. */
  maxLimit?: number;
  /** JSON types of properties that may be null in every feature (otherwise the schema infers them from values). */
  propertyTypes?(store: AtlasSnapshot): Record<string, JsonType>;
}

/** A geometry source as the collection metadata lists it. */
export interface SourceDescription { id: string; title: string; publisher: string | null; licence: string | null; url: string | null }

export type JsonType = 'string' | 'number' | 'integer' | 'boolean';

const commune = (store: AtlasSnapshot): Unit => store.units('commune')[0];
const sourceLabel = (store: AtlasSnapshot, b: Boundary | undefined) => (b ? toSourceRef(store, b.source).label : null);
const unique = (xs: Array<string | undefined>) => [...new Set(xs.filter((x): x is string => !!x))];

/** Schematic geometry is cut from the official commune polygon, so it cites that too. */
const boundarySources = (store: AtlasSnapshot, units: Unit[]) =>
  unique([...units.map((u) => store.boundary(u.id)?.source.doc), store.boundary(commune(store).id)?.source.doc]);

function villageItems(store: AtlasSnapshot, viewer: Viewer, units: Unit[]): OgcItem[] {
  return villageFeatures(store, viewer, units, booleanIndicatorKeys(store))
    .map((f) => ({ feature: f as OgcFeature, bbox: store.boundary(f.id as string)?.bbox ?? null }));
}

const villages: CollectionSpec = {
  id: 'villages',
  title: 'Bản (villages) — xã Mường Bang',
  description: 'Ô sơ đồ của 23 bản (SCHEMATIC, không phải ranh giới khảo sát) với mọi chỉ tiêu có/không: giá trị, trạng thái, nguồn, kỳ ' +
    '(và, cho người đã đăng nhập, mức công bố của chỉ tiêu nhạy cảm). / ' +
    'Schematic cells of the 23 bản (SCHEMATIC, not surveyed boundaries) with every yes/no indicator as <key>, <key>_status ' +
    '(REPORTED/DERIVED/ESTIMATED/UNKNOWN), <key>_source (document · section) and <key>_period; for signed-in users, beside a sensitive ' +
    'indicator, <key>_publication (PUBLISHED, PENDING or RESTRICTED: whether the public sees that value).',
  items: (store, viewer) => villageItems(store, viewer, store.units('village')),
  // The store's spatial query (PostGIS on PostgreSQL, the R-tree then the exact test on SQLite): the same answer as GraphQL villages(filter: {bbox}).
  search: async (atlas, store, viewer, box) => villageItems(store, viewer, await findVillages(atlas, store, viewer, { bbox: box })),
  geometrySources: (store) => boundarySources(store, store.units('village')),
  propertyTypes: (store) => Object.fromEntries(booleanIndicatorKeys(store).flatMap((key) => [
    [key, 'boolean'], [`${key}_status`, 'string'], [`${key}_source`, 'string'], [`${key}_period`, 'string'],
  ])) as Record<string, JsonType>,
};

/** A unit as a feature: its stored boundary, with the boundary's quality, area and source after its own properties. */
function unitItem(store: AtlasSnapshot, u: Unit, properties: Record<string, unknown>): OgcItem {
  const b = store.boundary(u.id);
  return {
    bbox: b?.bbox ?? null,
    feature: {
      type: 'Feature', id: u.id, geometry: b?.geometry ?? null,
      properties: {
        ...properties, boundaryQuality: b?.quality ?? null, areaKm2: b?.areaKm2 ?? null,
        boundarySource: sourceLabel(store, b), boundaryMethod: b?.method ?? null,
      },
    },
  };
}

const formerCommunes: CollectionSpec = {
  id: 'former-communes',
  title: 'Xã cũ (former communes, before 1 July 2025)',
  description: 'Ba xã cũ Mường Bang, Mường Do, Mường Lang: vùng sơ đồ (SCHEMATIC) theo diện tích đất của báo cáo. / ' +
    'The three former communes as schematic zones sized after the report\'s land areas (SCHEMATIC, not their real boundaries).',
  items: (store) => store.units('formerCommune').map((u) => unitItem(store, u, {
    id: u.id, code: u.code, name: u.name, validTo: u.validTo,
    villageCount: store.units('village').filter((v) => v.parentId === u.id).length,
  })),
  geometrySources: (store) => boundarySources(store, store.units('formerCommune')),
};

const communeCollection: CollectionSpec = {
  id: 'commune',
  title: 'Xã Mường Bang (the commune, official 2025 boundary)',
  description: 'Ranh giới chính thức năm 2025 của xã Mường Bang (OFFICIAL), đã sửa các điểm tự cắt. / ' +
    'The official 2025 boundary of xã Mường Bang (OFFICIAL), self-intersections resolved; areaKm2 is measured on the WGS84 ellipsoid.',
  items: (store) => store.units('commune').map((u) => unitItem(store, u, {
    id: u.id, code: u.code, name: u.name, nameEn: u.nameEn, validFrom: u.validFrom,
  })),
  geometrySources: (store) => boundarySources(store, store.units('commune')),
};

const places: CollectionSpec = {
  id: 'places',
  title: 'Địa điểm (places: resettlement sites, roads…)',
  description: 'Điểm tái định cư, đường… với thuộc tính phẳng <key>, <key>_comparator (EXACT, hoặc giới hạn như APPROXIMATELY cho "gần"), <key>_status, <key>_source; chưa có toạ độ (geometry null). / ' +
    'Resettlement sites, roads and other places with flat attributes <key>, <key>_comparator (EXACT, or a bound such as APPROXIMATELY for "nearly"), <key>_status, <key>_source; no coordinates yet (geometry null).',
  items: (store) => store.places().map((p) => {
    const properties: Record<string, unknown> = {
      id: p.id, kind: p.kind, name: p.name, status: p.status, formerCommuneId: p.formerCommuneId,
      villageIds: p.villageIds.join(','), source: toSourceRef(store, p.source).label, note: p.note,
    };
    for (const [key, a] of Object.entries(p.attributes)) {
      properties[key] = a.value;
      properties[`${key}_comparator`] = comparatorName(a.comparator);
      properties[`${key}_status`] = a.status;
      properties[`${key}_source`] = toSourceRef(store, a.source).label;
    }
    return { feature: { type: 'Feature', id: p.id, geometry: p.geometry, properties }, bbox: p.geometry ? bboxOf(store, `place:${p.id}`, p.geometry) : null };
  }),
  geometrySources: (store) => unique(store.places().filter((p) => p.geometry).map((p) => p.source.doc)),
  // Every place lies in the commune: its extent is the commune's until places have coordinates.
  fallbackExtent: (store) => store.boundary(commune(store).id)?.bbox ?? null,
};

const neighbours: CollectionSpec = {
  id: 'neighbours',
  title: 'Xã lân cận (neighbouring communes)',
  description: 'Các xã giáp ranh (Sơn La, Phú Thọ), ranh giới chính thức năm 2025. / Neighbouring communes (Sơn La, Phú Thọ), official 2025 boundaries.',
  items: (store) => store.neighbours().map((n) => ({
    bbox: bboxOf(store, `neighbour:${n.code}`, n.geometry),
    feature: {
      type: 'Feature', id: n.code, geometry: n.geometry,
      properties: { id: n.code, code: n.code, name: n.name, province: n.province, source: toSourceRef(store, n.source).label },
    },
  })),
  geometrySources: (store) => unique(store.neighbours().map((n) => n.source.doc)),
};

/** Every collection, in the order the API lists them. */
export const COLLECTIONS: CollectionSpec[] = [villages, formerCommunes, communeCollection, places, neighbours, provincesCollection, communesCollection];

/** The collection with this id, or undefined. */
export function collectionById(id: string): CollectionSpec | undefined {
  return COLLECTIONS.find((c) => c.id === id);
}

const boxes = new WeakMap<AtlasSnapshot, { version: number; cache: Map<string, BBox> }>();

// Geometries the store keeps without a bbox get one computed once per data version, never per request.
function bboxOf(store: AtlasSnapshot, key: string, geometry: Geometry): BBox {
  const version = store.dataVersion();
  let entry = boxes.get(store);
  if (!entry || entry.version !== version) { entry = { version, cache: new Map() }; boxes.set(store, entry); }
  if (!entry.cache.has(key)) entry.cache.set(key, turfBbox(geometry).slice(0, 4) as BBox);
  return entry.cache.get(key)!;
}
