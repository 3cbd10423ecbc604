import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { villagesInAreaJs } from './villages-in-area.ts';
import { foldDiacritics } from '../../geo/fold-diacritics.ts';
import { geodesicDistanceKm } from '../../geo/geodesic-distance.ts';
import { polygonProblem } from '../../geo/polygon-problem.ts';
import { AtlasError } from '../errors.ts';
import { coverageOf } from './coverage-of.ts';
import { firstVisible } from '../access/observation-visibility.ts';
import type { Viewer } from '../schema/context.ts';
import type { AtlasSnapshot, AtlasStore, Unit, VillageArea } from '../store/atlas-store.ts';
import { villageIndex } from './village-index.ts';

export interface VillageConditions {
  search?: string;
  formerCommune?: string;
  nameKnown?: boolean;
  indicator?: string;
  value?: unknown;
  state?: string[];
  bbox?: number[];
  within?: unknown;
  near?: { lon: number; lat: number; km: number };
}

/** A filter the caller got wrong: BAD_USER_INPUT naming the field. */
class FilterError extends AtlasError {
  constructor(field: string, message: string) { super('BAD_USER_INPUT', message, { field }); }
}

/**
 * The spatial part of the conditions, checked (BAD_USER_INPUT naming the field): what the store's villagesInArea
 * takes. Null when there is none.
 */
export function checkedArea(f: VillageConditions): VillageArea | null {
  if (!f.bbox && f.within === undefined) return null;
  const area: VillageArea = {};
  if (f.bbox) {
    const [x0, y0, x1, y1] = f.bbox;
    if (!(x0 <= x1 && y0 <= y1) || f.bbox.some((n) => !Number.isFinite(n))) {
      throw new FilterError('filter.bbox', 'bbox phải là [minLon, minLat, maxLon, maxLat] / bbox must be [minLon, minLat, maxLon, maxLat] with min ≤ max');
    }
    area.bbox = [x0, y0, x1, y1];
  }
  if (f.within !== undefined) area.within = asPolygon(f.within).geometry;
  return area;
}

/**
 * Bản meeting every given condition, in the atlas order. `inArea`: the store's answer to the spatial part
 * (villagesInArea of checkedArea: PostGIS on PostgreSQL); without it the spatial part is answered here, in JS.
 */
export function filterVillages(store: AtlasSnapshot, viewer: Viewer, f: VillageConditions = {}, inArea?: string[]): Unit[] {
  const index = villageIndex(store);
  let keep = index.villages.map((_, i) => i);
  const only = (ids: number[]) => { const s = new Set(ids); keep = keep.filter((i) => s.has(i)); };

  const area = checkedArea(f);
  if (area) {
    const ids = new Set(inArea ?? villagesInAreaJs(store, area));
    keep = keep.filter((i) => ids.has(index.villages[i].id));
  }
  if (f.near) {
    const { lon, lat, km } = f.near;
    // Candidates from the R-tree with a generous degree box, then the exact ellipsoidal distance.
    const dLat = km / 110 + 1e-9;
    const dLon = km / (110 * Math.max(0.01, Math.cos((lat * Math.PI) / 180))) + 1e-9;
    only(index.points.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)
      .filter((i) => geodesicDistanceKm([lon, lat], index.centres[i]) <= km));
  }
  if (f.search) {
    const q = foldDiacritics(f.search);
    only(keep.filter((i) => index.searchTexts[i].some((t) => t.includes(q))));
  }
  if (f.formerCommune) {
    const q = foldDiacritics(f.formerCommune);
    const fc = store.units('formerCommune').find((u) => u.id === f.formerCommune || u.code === f.formerCommune || foldDiacritics(u.name ?? '') === q);
    if (!fc) throw new FilterError('filter.formerCommune', `Không có xã cũ "${f.formerCommune}" / No former commune "${f.formerCommune}"`);
    only(keep.filter((i) => index.villages[i].parentId === fc.id));
  }
  if (f.nameKnown !== undefined) only(keep.filter((i) => (index.villages[i].name !== null) === f.nameKnown));
  if (f.value !== undefined || f.state) {
    if (!f.indicator) throw new FilterError('filter.indicator', 'Cần chọn chỉ tiêu / filter.value and filter.state need filter.indicator');
    if (!store.indicator(f.indicator)) throw new FilterError('filter.indicator', `Không có chỉ tiêu "${f.indicator}" / Unknown indicator "${f.indicator}"`);
    // A yes/no indicator's bản values are the fact engine's (own, or INFERRED from a count), as coverage counts them.
    const resolved = store.indicator(f.indicator)!.kind === 'boolean' ? coverageOf(store, viewer, f.indicator) : null;
    only(keep.filter((i) => {
      const v = index.villages[i];
      const r = resolved?.ban(v.id);
      const o = r ? { status: r.status, value: r.value } : firstVisible(store, viewer, store.observations({ unitId: v.id, indicator: f.indicator }));
      if (f.state && !f.state.includes(o && o.value !== null ? o.status : 'UNKNOWN')) return false;
      if (f.value !== undefined && (!o || o.value !== f.value)) return false;
      return true;
    }));
  }
  return keep.map((i) => index.villages[i]);
}

/** filterVillages with the spatial part asked of the store (in PostGIS on PostgreSQL), the rest on the snapshot. */
export async function findVillages(atlas: AtlasStore, store: AtlasSnapshot, viewer: Viewer, f: VillageConditions = {}): Promise<Unit[]> {
  const area = checkedArea(f);
  return filterVillages(store, viewer, f, area ? await atlas.villagesInArea(area) : undefined);
}

/** Positions a `within` shape may have: a drawn selection needs far fewer; the self-intersection test is superlinear. */
export const WITHIN_MAX_POSITIONS = 1000;

function asPolygon(g: unknown): Feature<Polygon | MultiPolygon> {
  const geom = (g as { type?: string })?.type === 'Feature' ? (g as Feature).geometry : g;
  const type = (geom as { type?: string })?.type;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    throw new FilterError('filter.within', 'within phải là GeoJSON Polygon hoặc MultiPolygon / within must be a GeoJSON Polygon or MultiPolygon');
  }
  const problem = polygonProblem(geom, WITHIN_MAX_POSITIONS);
  if (problem) throw new FilterError('filter.within', `within không hợp lệ: ${problem.vi} / within is not valid GeoJSON: ${problem.en}`);
  return { type: 'Feature', properties: {}, geometry: geom as Polygon | MultiPolygon };
}
