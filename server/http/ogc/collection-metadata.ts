// The description of a collection (/collections and /collections/{id}): title, extent, links and the
// attribution and licence of its geometry, as the sources say them.
import type { Viewer } from '../../schema/context.ts';
import type { AtlasSnapshot } from '../../store/atlas-store.ts';
import { JSON_SCHEMA_TYPE } from './collection-schema.ts';
import type { BBox, CollectionSpec, SourceDescription } from './collections.ts';
import { CRS84, GEOJSON_TYPE, JSON_TYPE, type Link } from './links.ts';

/** The sources of a collection's geometry, each with title, publisher and licence. */
export function geometrySourceList(store: AtlasSnapshot, spec: CollectionSpec): SourceDescription[] {
  return [...(spec.ownSources?.() ?? []), ...spec.geometrySources(store).map((id) => {
    const s = store.source(id);
    // OGC clients show one text: Vietnamese / English where the two differ.
    const both = (vi: string | null | undefined, en: string | null | undefined) => (vi && en && vi !== en ? `${vi} / ${en}` : vi ?? en ?? null);
    return { id, title: both(s?.title, s?.titleEn) ?? id, publisher: both(s?.publisher, s?.publisherEn), licence: both(s?.licence, s?.licenceEn), url: s?.url ?? null };
  })];
}

/** One line naming every geometry source with publisher and licence. */
export function attribution(store: AtlasSnapshot, spec: CollectionSpec): string {
  return geometrySourceList(store, spec).map((s) => [
    s.title, s.publisher, `giấy phép / licence: ${s.licence ?? 'không ghi / not stated'}`, s.url,
  ].filter(Boolean).join(' — ')).join('; ');
}

/** The union of the features' bounding boxes (or the collection's fallback), null when nothing has geometry. */
export function spatialExtent(store: AtlasSnapshot, viewer: Viewer, spec: CollectionSpec): BBox | null {
  const boxes = spec.items(store, viewer).map((i) => i.bbox).filter((b): b is BBox => b !== null);
  if (boxes.length === 0) return spec.fallbackExtent?.(store) ?? null;
  return boxes.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
}

/** The collection object of OGC API Features (Part 1, /req/core/sfc-md-op). */
export function collectionMetadata(store: AtlasSnapshot, viewer: Viewer, spec: CollectionSpec, root: string) {
  const self = `${root}/collections/${spec.id}`;
  const extent = spatialExtent(store, viewer, spec);
  const links: Link[] = [
    { href: self, rel: 'self', type: JSON_TYPE, title: spec.title },
    { href: `${self}/items`, rel: 'items', type: GEOJSON_TYPE, title: `${spec.title}: features (GeoJSON)` },
    { href: `${self}/schema`, rel: 'describedby', type: JSON_SCHEMA_TYPE, title: 'Lược đồ thuộc tính / Feature schema (JSON Schema)' },
    // Link relations compare case-insensitively (RFC 8288), but GDAL 3.6 (Debian 12's) looks for "describedBy" only.
    { href: `${self}/schema`, rel: 'describedBy', type: JSON_SCHEMA_TYPE, title: 'Lược đồ thuộc tính / Feature schema (JSON Schema)' },
  ];
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    itemType: 'feature',
    crs: [CRS84],
    storageCrs: CRS84,
    ...(extent ? { extent: { spatial: { bbox: [extent], crs: CRS84 } } } : {}),
    attribution: attribution(store, spec),
    sources: geometrySourceList(store, spec),
    links,
  };
}
