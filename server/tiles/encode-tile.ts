// The JS vector-tile encoder (the SQLite store's; PostgreSQL encodes in the database, server/store/pg-tiles.ts):
// MapLibre's own maintained geojson-vt cuts the tiles, vt-pbf writes the protobuf. A layer's features are one array
// per data version and visibility class (layer-features.ts): its tile index is built once for that array and reused
// by every tile of it (geojson-vt cuts deeper tiles on demand and keeps them).
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { FeatureCollection, Geometry } from 'geojson';
import type { TileCoordinates, TileFeature } from '../store/atlas-store.ts';

/** Tile coordinates span 0…4096 (the MVT default); features reach 64 units past the edge, as ST_AsMVTGeom's buffer. */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;
/** Detail kept up to the deepest zoom any layer serves. */
const MAX_ZOOM = 16;

const indexes = new WeakMap<TileFeature[], GeoJSONVT>();

function indexOf(features: TileFeature[]): GeoJSONVT {
  let index = indexes.get(features);
  if (!index) {
    const data: FeatureCollection<Geometry> = {
      type: 'FeatureCollection',
      features: features.filter((f) => f.geometry).map((f) => ({ type: 'Feature', geometry: f.geometry!, properties: f.properties })),
    };
    index = new GeoJSONVT(data, { extent: TILE_EXTENT, buffer: TILE_BUFFER, maxZoom: MAX_ZOOM, indexMaxZoom: 5 });
    indexes.set(features, index);
  }
  return index;
}

/** One layer's tile of these features; empty (zero bytes) when none meets the tile. */
export function encodeTile(layer: string, { z, x, y }: TileCoordinates, features: TileFeature[]): Uint8Array {
  const tile = indexOf(features).getTile(z, x, y);
  if (!tile || tile.features.length === 0) return new Uint8Array(0);
  return fromGeojsonVt({ [layer]: tile }, { version: 2, extent: TILE_EXTENT });
}
