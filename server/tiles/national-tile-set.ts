// The national tiles, kept encoded (a few MB) while the portal runs: the reference units never change. They are made
// once, from the start of the portal (prepareNationalTiles, on the SQLite store) or at the first tile asked for: read
// from the file a previous cut left in the data directory (national-tile-file.ts), else cut off the request thread
// (national-tile-worker.ts) and then written there, so a restart is instant. A request waits (without holding the
// event loop) for its zoom, or, while the worker cuts, for its own tile, which the worker cuts first; should the worker
// fail, the requests waiting fail and the next one starts it again.
import { NATIONAL_MAX_ZOOM, NATIONAL_MIN_ZOOM } from '../../geo/national/national-tile-zooms.ts';
import { config } from '../config.ts';
import type { TileCoordinates } from '../store/atlas-store.ts';
import { startWorker } from '../workers/start-worker.ts';
import { NATIONAL_TILE_LAYERS, type NationalTileLayerName } from './national-tile-features.ts';
import { nationalTileFile, readNationalTileFile, writeNationalTileFile } from './national-tile-file.ts';
import type { NationalTileCut, NationalTileMessage, NationalTilesOfZoom, NationalTileWanted } from './national-tile-worker.ts';

interface Zoom { tiles: Promise<Map<string, Uint8Array>>; resolve: (t: Map<string, Uint8Array>) => void; reject: (e: Error) => void; done: boolean }
type Zooms = Map<string, Zoom>;

/** Each layer's zooms (`communes/7`), being made or made; null until started and after a failure. */
let zooms: Zooms | null = null;

/** While the worker cuts: ask it for one tile before the rest of its zoom. */
let askWorker: ((w: NationalTileWanted) => Promise<Uint8Array>) | null = null;

const EMPTY = new Uint8Array(0);

function waitingZooms(): Zooms {
  const started: Zooms = new Map();
  for (const layer of NATIONAL_TILE_LAYERS) {
    for (let z = NATIONAL_MIN_ZOOM; z <= NATIONAL_MAX_ZOOM; z++) {
      const zoom = { done: false } as Zoom;
      zoom.tiles = new Promise((resolve, reject) => { zoom.resolve = resolve; zoom.reject = reject; });
      zoom.tiles.catch(() => {}); // a zoom no request waited for fails quietly with the others
      started.set(`${layer}/${z}`, zoom);
    }
  }
  return started;
}

/** Hand one zoom's tiles to the requests waiting for it; true when it was still awaited. */
function settle(started: Zooms, m: NationalTilesOfZoom): boolean {
  const zoom = started.get(`${m.layer}/${m.z}`);
  if (!zoom || zoom.done) return false;
  zoom.done = true;
  zoom.resolve(new Map(m.tiles.map(([x, y, bytes]) => [`${x}/${y}`, bytes])));
  return true;
}

/** Cut every zoom in the worker thread; `cut` gets them all once the last is handed over. */
function cutInWorker(started: Zooms, cut: (all: NationalTilesOfZoom[]) => void): void {
  const worker = startWorker('tiles/national-tile-worker');
  const all: NationalTilesOfZoom[] = [];
  const asked = new Map<string, Array<{ resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>>();
  const keyOf = (w: NationalTileWanted) => `${w.layer}/${w.z}/${w.x}/${w.y}`;
  const ask = (w: NationalTileWanted) => new Promise<Uint8Array>((resolve, reject) => {
    const waiting = asked.get(keyOf(w));
    if (waiting) { waiting.push({ resolve, reject }); return; }
    asked.set(keyOf(w), [{ resolve, reject }]);
    worker.postMessage(w satisfies NationalTileWanted);
  });
  askWorker = ask;
  const fail = (e: Error) => {
    if (askWorker === ask) askWorker = null;
    for (const waiting of asked.values()) for (const a of waiting) a.reject(e);
    asked.clear();
    const waiting = [...started.values()].filter((zoom) => !zoom.done);
    if (waiting.length === 0) return;
    console.error('The national tiles could not be cut:', e.message);
    if (zooms === started) zooms = null;
    for (const zoom of waiting) { zoom.done = true; zoom.reject(e); }
    void worker.terminate();
  };
  worker.on('message', (m: NationalTileMessage) => {
    if ('error' in m) { fail(new Error(m.error)); return; }
    if ('bytes' in m) { answerAsked(m); return; }
    if (!settle(started, m)) return;
    all.push(m);
    if (all.length === started.size) {
      if (askWorker === ask) askWorker = null;
      cut(all);
    }
  });
  const answerAsked = (m: NationalTileCut) => {
    for (const a of asked.get(keyOf(m)) ?? []) a.resolve(m.bytes);
    asked.delete(keyOf(m));
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the worker stopped (exit code ${code}) before cutting every zoom`)));
}

function startMaking(): Zooms {
  const started = waitingZooms();
  const file = nationalTileFile(config.nationalTileDir, config.nationalSeedDir);
  void readNationalTileFile(file).then((kept) => {
    if (kept && kept.length === started.size) {
      for (const m of kept) settle(started, m);
      return;
    }
    cutInWorker(started, (all) => {
      writeNationalTileFile(file, all).catch((e: Error) => console.error(`The national tiles could not be kept in ${file}: ${e.message}`));
    });
  });
  return started;
}

/** Start making the national tiles now (at start-up), so the first national map does not wait for them. */
export function prepareNationalTiles(): void {
  zooms ??= startMaking();
}

/** One national tile, encoded (zero bytes when no unit meets it); z within the layer's zooms (checked by the route). */
export async function nationalTile(layer: NationalTileLayerName, { z, x, y }: TileCoordinates): Promise<Uint8Array> {
  zooms ??= startMaking();
  const zoom = zooms.get(`${layer}/${z}`);
  if (!zoom) throw new Error(`no national tiles for ${layer} at zoom ${z}`);
  const fromZoom = zoom.tiles.then((tiles) => tiles.get(`${x}/${y}`) ?? EMPTY);
  // Its zoom not cut yet: the worker cuts this tile on its own first (whichever comes first answers).
  return zoom.done || !askWorker ? fromZoom : Promise.race([fromZoom, askWorker({ layer, z, x, y })]);
}
