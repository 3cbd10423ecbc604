// The landing page and the conformance declaration of the OGC API (Part 1: Core, GeoJSON encoding).
import { JSON_TYPE, type Link } from './links.ts';

/** Conformance classes implemented: Core and GeoJSON (no OpenAPI document is served, so not oas30). */
export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
];

/** The landing page: what the service is and where its conformance and collections are. */
export function landingPage(root: string) {
  const links: Link[] = [
    { href: root, rel: 'self', type: JSON_TYPE, title: 'Trang này / This document' },
    { href: `${root}/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'Lớp tuân thủ / Conformance classes' },
    { href: `${root}/collections`, rel: 'data', type: JSON_TYPE, title: 'Các lớp dữ liệu / Collections' },
  ];
  return {
    title: 'Commune Atlas — xã Mường Bang (Sơn La)',
    description: 'Bản, xã cũ, ranh giới và địa điểm của xã Mường Bang, mỗi số liệu kèm nguồn và trạng thái. / ' +
      'The bản, former communes, boundaries and places of xã Mường Bang as OGC API Features (GeoJSON, CRS84); ' +
      'every value carries its source and status.',
    links,
  };
}

/** The conformance declaration. */
export function conformance() {
  return { conformsTo: CONFORMANCE };
}
