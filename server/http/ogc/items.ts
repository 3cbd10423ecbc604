// Items of a collection: parse bbox/limit/offset, select features meeting the box, page them and link the pages.
import type { Request } from 'express';
import type { Viewer } from '../../schema/context.ts';
import type { AtlasSnapshot, AtlasStore } from '../../store/atlas-store.ts';
import type { BBox, CollectionSpec, OgcItem } from './collections.ts';
import { badParameter, notFound } from './json-error.ts';
import { GEOJSON_TYPE, JSON_TYPE, withQuery, type Link } from './links.ts';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/**
 * Query parameters of /items (anything else is refused). datetime is accepted and filters nothing: no feature has a time.
 * commune (an official code) reads another detailed commune's bản, former communes and outline instead of Mường Bang's.
 */
export const ITEMS_PARAMETERS = ['f', 'bbox', 'bbox-crs', 'limit', 'offset', 'datetime', 'commune'];

export interface ItemsQuery { bbox: BBox | null; limit: number; offset: number }

const CRS84_URIS = ['http://www.opengis.net/def/crs/OGC/1.3/CRS84', '[OGC:CRS84]'];

/** Parse bbox (4 or 6 numbers, lon/lat, minLon > maxLon crosses the antimeridian), limit and offset; 400 naming the parameter. */
export function parseItemsQuery(query: Request['query']): ItemsQuery {
  return {
    bbox: parseBbox(query.bbox, query['bbox-crs']),
    limit: parseInteger(query.limit, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT),
    offset: parseInteger(query.offset, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

function parseInteger(raw: unknown, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw badParameter(name, `${name} phải là số nguyên từ ${min} đến ${max}`, `${name} must be an integer from ${min} to ${max}`);
  }
  return n;
}

function parseBbox(raw: unknown, crs: unknown): BBox | null {
  if (crs !== undefined && !CRS84_URIS.includes(String(crs))) {
    throw badParameter('bbox-crs', 'Chỉ hỗ trợ CRS84 (kinh độ, vĩ độ)', `Only CRS84 (lon/lat) is supported, use ${CRS84_URIS[0]}`);
  }
  if (raw === undefined) return null;
  const bad = () => badParameter('bbox', 'bbox phải là minLon,minLat,maxLon,maxLat (độ, CRS84)',
    'bbox must be minLon,minLat,maxLon,maxLat in degrees (CRS84), latitudes in [-90, 90], longitudes in [-180, 180], minLat ≤ maxLat');
  if (typeof raw !== 'string') throw bad();
  const parts = raw.split(',').map((s) => s.trim());
  if ((parts.length !== 4 && parts.length !== 6) || parts.some((p) => p === '')) throw bad();
  const n = parts.map(Number);
  if (n.some((x) => !Number.isFinite(x))) throw bad();
  // 6 numbers carry heights (min, max) after each corner: the features are 2D, so heights do not filter.
  const [x0, y0, x1, y1] = parts.length === 6 ? [n[0], n[1], n[3], n[4]] : n;
  if (Math.abs(x0) > 180 || Math.abs(x1) > 180 || Math.abs(y0) > 90 || Math.abs(y1) > 90 || y0 > y1) throw bad();
  return [x0, y0, x1, y1];
}

const meets = (a: BBox, b: BBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Features meeting the box (all when there is none), in the collection's order. */
export async function selectItems(atlas: AtlasStore, store: AtlasSnapshot, viewer: Viewer, spec: CollectionSpec, bbox: BBox | null): Promise<OgcItem[]> {
  if (!bbox) return spec.items(store, viewer);
  const find = async (box: BBox) => (spec.search
    ? spec.search(atlas, store, viewer, box)
    : spec.items(store, viewer).filter((i) => i.bbox && meets(i.bbox, box)));
  if (bbox[0] <= bbox[2]) return find(bbox);
  // A box whose west edge is east of its east edge crosses the antimeridian: two boxes, one answer in order.
  const hit = new Set([...await find([bbox[0], bbox[1], 180, bbox[3]]), ...await find([-180, bbox[1], bbox[2], bbox[3]])].map((i) => i.feature.id));
  return spec.items(store, viewer).filter((i) => hit.has(i.feature.id));
}

/** The /items response: one page of features with numberMatched, numberReturned and self/prev/next links. */
export async function itemsPage(atlas: AtlasStore, store: AtlasSnapshot, viewer: Viewer, spec: CollectionSpec, req: Request, root: string) {
  const asked = parseItemsQuery(req.query);
  const q = { ...asked, limit: Math.min(asked.limit, spec.maxLimit ?? MAX_LIMIT) };
  const matched = await selectItems(atlas, store, viewer, spec, q.bbox);
  const features = matched.slice(q.offset, q.offset + q.limit).map((i) => i.feature);
  const base = `${root}/collections/${spec.id}/items`;
  // Links repeat the request's own filters; only limit and offset change from page to page.
  const given = (name: string) => req.query[name] as string | undefined;
  const keep = { f: given('f'), bbox: given('bbox'), 'bbox-crs': given('bbox-crs'), datetime: given('datetime'), commune: given('commune') };
  const page = (offset: number) => withQuery(base, { ...keep, limit: q.limit, offset });
  const links: Link[] = [
    { href: withQuery(base, { ...keep, limit: given('limit') && q.limit, offset: given('offset') && q.offset }), rel: 'self', type: GEOJSON_TYPE, title: 'Trang này / This page' },
    { href: `${root}/collections/${spec.id}`, rel: 'collection', type: JSON_TYPE, title: spec.title },
  ];
  if (q.offset + features.length < matched.length) links.push({ href: page(q.offset + q.limit), rel: 'next', type: GEOJSON_TYPE, title: 'Trang sau / Next page' });
  if (q.offset > 0) links.push({ href: page(Math.max(0, q.offset - q.limit)), rel: 'prev', type: GEOJSON_TYPE, title: 'Trang trước / Previous page' });
  return {
    type: 'FeatureCollection',
    features,
    links,
    numberMatched: matched.length,
    numberReturned: features.length,
    // No timeStamp (optional in OGC API Features): the moment of answering would make every answer new, so a client
    // or proxy could never revalidate one with its ETag.
  };
}

/** One feature by id with its self and collection links; 404 when the collection has no such feature. */
export function singleItem(store: AtlasSnapshot, viewer: Viewer, spec: CollectionSpec, featureId: string, root: string) {
  const item = spec.items(store, viewer).find((i) => i.feature.id === featureId);
  if (!item) throw notFound(`Lớp "${spec.id}" không có đối tượng "${featureId}"`, `Collection "${spec.id}" has no feature "${featureId}"`);
  const self = `${root}/collections/${spec.id}/items/${encodeURIComponent(featureId)}`;
  return {
    ...item.feature,
    links: [
      { href: self, rel: 'self', type: GEOJSON_TYPE, title: 'Đối tượng này / This feature' },
      { href: `${root}/collections/${spec.id}`, rel: 'collection', type: JSON_TYPE, title: spec.title },
    ] satisfies Link[],
  };
}
