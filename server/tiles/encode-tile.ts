// The JS vector-tile encoder (the SQLite store's; PostgreSQL encodes in the database, server/store/pg-tiles.ts):
// MapLibre's own maintained geojson-vt cuts one tile straight from the features, vt-pbf writes the protobuf.
import { geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { FeatureCollection, Geometry } from 'geojson';
import type { TileCoordinates, TileFeature } from '../store/atlas-store.ts';

/** Tile coordinates span 0…4096 (the MVT default); features reach 64 units past the edge, as ST_AsMVTGeom's buffer. */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

/** One layer's tile of these features; empty (zero bytes) when none meets the tile. */
export function encodeTile(layer: string, { z, x, y }: TileCoordinates, features: TileFeature[]): Uint8Array {
  const data: FeatureCollection<Geometry> = {
    type: 'FeatureCollection',
    features: features.filter((f) => f.geometry).map((f) => ({ type: 'Feature', geometry: f.geometry!, properties: f.properties })),
  };
  const tile = geoJSONToTile(data, z, x, y, { extent: TILE_EXTENT, buffer: TILE_BUFFER, clip: true });
  if (!tile || tile.features.length === 0) return new Uint8Array(0);
  return fromGeojsonVt({ [layer]: tile }, { version: 2, extent: TILE_EXTENT });
}
