// The national tile layers (communes, provinces): Vietnam's reference units from the in-memory national index,
// the same on both stores. Each tile takes only the units whose box meets it (the index's R-tree), with outlines
// simplified for its zoom (about half a screen pixel), so a tile never handles the whole country's geometry.
import type { Geometry } from 'geojson';
import { classOf } from '../../geo/national/quantile-classes.ts';
import { measureOf, NATIONAL_MEASURES, nationalIndex, type BBox } from '../national/national-index.ts';
import type { TileCoordinates, TileFeature } from '../store/atlas-store.ts';
import { registerTileLayer, tileFeature, type TileLayer } from './tile-layer.ts';

/** The lon/lat box of a tile, with the encoder's buffer (64 of 4096 units) around it. */
export function tileBox({ z, x, y }: TileCoordinates): BBox {
  const n = 2 ** z;
  const pad = 64 / 4096;
  const lon = (i: number) => ((i / n) * 360) - 180;
  const lat = (j: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * j) / n))) * 180) / Math.PI;
  return [lon(x - pad), lat(y + 1 + pad), lon(x + 1 + pad), lat(y - pad)];
}

/** One pixel of a 256-pixel tile at zoom z, in metres at the equator: detail finer than that is not drawn. */
export const simplifyMetersAt = (z: number) => 40_075_016 / 2 ** z / 256;

/** Below this zoom a commune is a few pixels: its tile feature carries only its code and classes (a click asks the API for the rest). */
const NAMES_FROM_ZOOM = 8;

const communes: TileLayer = {
  name: 'communes', minZoom: 4, maxZoom: 14,
  features: () => [],
  featuresIn(tile: TileCoordinates): TileFeature[] {
    const index = nationalIndex();
    const simplifyMeters = simplifyMetersAt(tile.z);
    return index.inBox(tileBox(tile)).map((c) => {
      const properties: Record<string, unknown> = tile.z >= NAMES_FROM_ZOOM ? { code: c.code, name: c.name, type: c.type, provinceCode: c.provinceCode } : { code: c.code };
      for (const m of NATIONAL_MEASURES) {
        const v = measureOf(c, m);
        if (tile.z >= NAMES_FROM_ZOOM) properties[m] = v;
        if (v !== null) properties[`${m}Class`] = classOf(v, index.limits[m]);
      }
      return tileFeature(c.code, index.geometry(`commune:${c.code}`, { simplifyMeters }) as Geometry | null, properties);
    });
  },
};

const provinces: TileLayer = {
  name: 'provinces', minZoom: 4, maxZoom: 12,
  features: () => [],
  featuresIn(tile: TileCoordinates): TileFeature[] {
    const index = nationalIndex();
    const [x0, y0, x1, y1] = tileBox(tile);
    return index.provinces.filter((p) => p.bbox[0] <= x1 && x0 <= p.bbox[2] && p.bbox[1] <= y1 && y0 <= p.bbox[3])
      .map((p) => tileFeature(p.code, index.geometry(`province:${p.code}`) as Geometry, { code: p.code, name: p.name }));
  },
};

registerTileLayer(communes);
registerTileLayer(provinces);
