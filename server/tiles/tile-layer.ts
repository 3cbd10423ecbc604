// The vector-tile layers, one declarative entry each in one registry: /tiles/{layer}/{z}/{x}/{y}.mvt serves
// whatever is registered here. A new layer (the national communes, provinces…) is a new file calling
// registerTileLayer, imported once where the portal starts; the tile route and both encoders stay as they are.
import type { Geometry } from 'geojson';
import type { Viewer } from '../schema/context.ts';
import type { AtlasSnapshot, AtlasStore, StoredGeometry, TileCoordinates, TileFeature } from '../store/atlas-store.ts';

export type { StoredGeometry, TileFeature };

export interface TileLayer {
  /** The URL segment and the layer name inside the tile. */
  name: string;
  /** Zoom levels served (inclusive); a request outside them is refused with 400 naming z. */
  minZoom: number;
  maxZoom: number;
  /**
   * Every feature the viewer may see, with only the properties the viewer may see (server/access decides,
   * through the readers in server/queries). The geometry is the stored one: the JS encoder cuts it.
   */
  features(store: AtlasSnapshot, viewer: Viewer): TileFeature[];
  /** Where the same geometry lives in PostgreSQL, so PostGIS cuts the tile there (ST_AsMVTGeom); else it is sent to it. */
  stored?: StoredGeometry;
  /**
   * For the national reference units: the store's own encoded tile (store.nationalTile: cut off the request thread on
   * SQLite, by PostGIS on PostgreSQL), the same for every viewer (zero bytes when empty). When present, `features`
   * is not used.
   */
  cut?(tile: TileCoordinates, store: AtlasStore): Promise<Uint8Array>;
}

const registry = new Map<string, TileLayer>();

/** Add a layer (a second one of the same name is a programming error). */
export function registerTileLayer(layer: TileLayer): void {
  if (registry.has(layer.name)) throw new Error(`tile layer "${layer.name}" is registered twice`);
  if (!/^[a-z][a-z0-9-]*$/.test(layer.name)) throw new Error(`tile layer name "${layer.name}" must be lower-case letters, digits and dashes`);
  registry.set(layer.name, layer);
}

/** The registered layer of this name, or undefined. */
export function tileLayer(name: string): TileLayer | undefined {
  return registry.get(name);
}

/** Every registered layer, in the order registered. */
export function tileLayers(): TileLayer[] {
  return [...registry.values()];
}

/** A feature of a stored geometry (null when the unit has none: no feature in any tile). */
export const tileFeature = (id: string, geometry: Geometry | null | undefined, properties: Record<string, unknown>): TileFeature =>
  ({ id, geometry: geometry ?? null, properties: { id, ...properties } });
