// The worker thread that cuts the national tile layers once: it reads seeds/vietnam/, builds one geojson-vt index per
// layer and encodes every tile that holds a unit, zoom by zoom from the country down to NATIONAL_MAX_ZOOM, sending
// each zoom's tiles as soon as they are cut (the low zooms a national view opens on come first), then ends. A tile a
// request waits for (NationalTileWanted) is cut on its own as soon as the indexes are built, before the rest. Seconds
// of CPU that never run on the thread answering requests; what the portal keeps is the encoded tiles (a few MB).
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { parentPort } from 'node:worker_threads';
import { NATIONAL_MAX_ZOOM, NATIONAL_MIN_ZOOM } from '../../geo/national/national-tile-zooms.ts';
import { readNationalSeeds } from '../../geo/national/read-national-seeds.ts';
import { config } from '../config.ts';
import { TILE_BUFFER, TILE_EXTENT } from './encode-tile.ts';
import { NATIONAL_TILE_LAYERS, nationalTileFeatures, propertiesAtZoom, type NationalTileLayerName } from './national-tile-features.ts';

/** One layer's tiles of one zoom: [x, y, encoded tile] for every tile holding a unit (any other tile is empty). */
export interface NationalTilesOfZoom { layer: NationalTileLayerName; z: number; tiles: Array<[number, number, Uint8Array]> }
/** A tile a request waits for: cut at once, before the rest of its zoom (the first national map of a new portal). */
export interface NationalTileWanted { layer: NationalTileLayerName; z: number; x: number; y: number }
/** A wanted tile, cut on its own (zero bytes when no unit meets it). */
export interface NationalTileCut extends NationalTileWanted { bytes: Uint8Array }
export type NationalTileMessage = NationalTilesOfZoom | NationalTileCut | { error: string };

/** Tiles cut between two yields to this thread's event loop (where the wanted tiles arrive). */
const TILES_BETWEEN_YIELDS = 8;

async function cutEverything(post: (m: NationalTilesOfZoom) => void, wanted: NationalTileWanted[], postWanted: (m: NationalTileCut) => void): Promise<void> {
  const features = nationalTileFeatures(readNationalSeeds(config.nationalSeedDir));
  const layers = NATIONAL_TILE_LAYERS.map((layer) => ({
    layer,
    index: new GeoJSONVT({ type: 'FeatureCollection', features: features[layer] }, { extent: TILE_EXTENT, buffer: TILE_BUFFER, maxZoom: NATIONAL_MAX_ZOOM }),
    // A tile can hold a unit only if its parent does: each zoom looks at the children of the last zoom's tiles.
    holding: [[0, 0]] as Array<[number, number]>,
  }));
  const encoded = (l: (typeof layers)[number], z: number, x: number, y: number): Uint8Array | null => {
    const tile = l.index.getTile(z, x, y);
    if (!tile || tile.features.length === 0) return null;
    for (const f of tile.features) f.tags = propertiesAtZoom(l.layer, f.tags ?? {}, z);
    // A copy of just the tile's bytes (the encoder's buffer is larger), handed over without another copy.
    return fromGeojsonVt({ [l.layer]: tile }, { version: 2, extent: TILE_EXTENT }).slice();
  };
  // Wanted tiles first: geojson-vt cuts one tile down from its nearest cut ancestor in milliseconds.
  const serveWanted = () => {
    for (let w = wanted.shift(); w; w = wanted.shift()) {
      const l = layers.find((x) => x.layer === w!.layer)!;
      postWanted({ ...w, bytes: encoded(l, w.z, w.x, w.y) ?? new Uint8Array(0) });
    }
  };
  let sinceYield = 0;
  const yieldNow = async () => { await new Promise((r) => setImmediate(r)); serveWanted(); };
  await yieldNow();
  for (let z = 0; z <= NATIONAL_MAX_ZOOM; z++) {
    for (const l of layers) {
      const candidates = z === 0 ? l.holding : l.holding.flatMap(([x, y]): Array<[number, number]> => [[2 * x, 2 * y], [2 * x + 1, 2 * y], [2 * x, 2 * y + 1], [2 * x + 1, 2 * y + 1]]);
      l.holding = [];
      const tiles: NationalTilesOfZoom['tiles'] = [];
      for (const [x, y] of candidates) {
        if (++sinceYield % TILES_BETWEEN_YIELDS === 0) await yieldNow();
        const tile = l.index.getTile(z, x, y);
        if (!tile || tile.features.length === 0) continue;
        l.holding.push([x, y]);
        if (z < NATIONAL_MIN_ZOOM) continue;
        tiles.push([x, y, encoded(l, z, x, y)!]);
      }
      if (z >= NATIONAL_MIN_ZOOM) post({ layer: l.layer, z, tiles });
    }
  }
}

const wanted: NationalTileWanted[] = [];
parentPort!.on('message', (w: NationalTileWanted) => wanted.push(w));
cutEverything(
  (m) => parentPort!.postMessage(m satisfies NationalTileMessage, m.tiles.map(([, , bytes]) => bytes.buffer as ArrayBuffer)),
  wanted,
  (m) => parentPort!.postMessage(m satisfies NationalTileMessage, [m.bytes.buffer as ArrayBuffer]),
).then(() => parentPort!.unref(), (e: unknown) => { // unref: the thread ends once its messages are out
  parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies NationalTileMessage);
});
