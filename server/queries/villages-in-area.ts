// Spatial conditions on bản in JS, for the SQLite store (PostgreSQL answers them in PostGIS: server/store/pg-tiles.ts):
// the R-trees first, then the exact test, as GraphQL villages(filter: {bbox, within}) and the OGC bbox ask.
import { bboxPolygon, booleanIntersects, booleanPointInPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import type { AtlasSnapshot, VillageArea } from '../store/atlas-store.ts';
import { villageIndex } from './village-index.ts';

/** Ids of the bản whose cell meets the box and whose centre lies in the polygon (each when given), in the atlas order. */
export function villagesInAreaJs(store: AtlasSnapshot, area: VillageArea): string[] {
  const index = villageIndex(store);
  let keep = index.villages.map((_, i) => i);
  if (area.bbox) {
    const [x0, y0, x1, y1] = area.bbox;
    const box = bboxPolygon([x0, y0, x1, y1]);
    const hit = new Set(index.cells.search(x0, y0, x1, y1)
      .filter((i) => booleanIntersects(box, store.boundary(index.villages[i].id)!.geometry as Polygon)));
    keep = keep.filter((i) => hit.has(i));
  }
  if (area.within) {
    const shape = { type: 'Feature' as const, properties: {}, geometry: area.within };
    keep = keep.filter((i) => booleanPointInPolygon(index.centres[i], shape));
  }
  return keep.map((i) => index.villages[i].id);
}
