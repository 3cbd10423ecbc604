// Vector tiles over real HTTP, decoded as MapLibre decodes them (@mapbox/vector-tile): the tile suites' one reader.
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { RunningServer } from './start-server.ts';

/** The tile (x, y) at zoom z holding a lon/lat point (web mercator). */
export function tileAt(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const phi = (lat * Math.PI) / 180;
  return { x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n) };
}

/** A tile's box [west, south, east, north] in degrees, widened by `margin` of its width on each side (a tile's buffer). */
export function tileBox(z: number, x: number, y: number, margin = 0): [number, number, number, number] {
  const n = 2 ** z;
  const lon = (tx: number) => (tx / n) * 360 - 180;
  const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
  return [lon(x - margin), lat(y + 1 + margin), lon(x + 1 + margin), lat(y - margin)];
}

/** GET /tiles/<path> with these headers; the decoded tile when the answer is 200. */
export async function fetchTile(server: RunningServer, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(`tiles/${path}`, server.url), { headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, tile: res.status === 200 ? new VectorTile(new PbfReader(bytes)) : null };
}

/** Every feature of a layer of a decoded tile, as its properties. */
export function tileFeatures(tile: VectorTile | null, layer: string): Array<Record<string, unknown>> {
  const l = tile?.layers[layer];
  return l ? Array.from({ length: l.length }, (_, i) => l.feature(i).properties) : [];
}
