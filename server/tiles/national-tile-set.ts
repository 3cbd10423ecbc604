// The national tiles, cut once off the request thread (national-tile-worker.ts) when the first one is asked for, and
// kept encoded (a few MB) while the portal runs: the reference units never change. A request waits (without holding
// the event loop) for its zoom to be cut; should the worker fail, the requests waiting fail and the next one starts
// it again.
import { NATIONAL_MAX_ZOOM, NATIONAL_MIN_ZOOM } from '../../geo/national/national-tile-zooms.ts';
import type { TileCoordinates } from '../store/atlas-store.ts';
import { NATIONAL_TILE_LAYERS, type NationalTileLayerName } from './national-tile-features.ts';
import type { NationalTileMessage } from './national-tile-worker.ts';
import { startWorker } from '../workers/start-worker.ts';

interface Zoom { tiles: Promise<Map<string, Uint8Array>>; resolve: (t: Map<string, Uint8Array>) => void; reject: (e: Error) => void; done: boolean }

/** Each layer's zooms (`communes/7`), being cut or cut; null until the first request and after a failure. */
let zooms: Map<string, Zoom> | null = null;

const EMPTY = new Uint8Array(0);

function startCutting(): Map<string, Zoom> {
  const started = new Map<string, Zoom>();
  for (const layer of NATIONAL_TILE_LAYERS) {
    for (let z = NATIONAL_MIN_ZOOM; z <= NATIONAL_MAX_ZOOM; z++) {
      const zoom = { done: false } as Zoom;
      zoom.tiles = new Promise((resolve, reject) => { zoom.resolve = resolve; zoom.reject = reject; });
      zoom.tiles.catch(() => {}); // a zoom no request waited for fails quietly with the others
      started.set(`${layer}/${z}`, zoom);
    }
  }
  const worker = startWorker('tiles/national-tile-worker');
  const fail = (e: Error) => {
    const waiting = [...started.values()].filter((zoom) => !zoom.done);
    if (waiting.length === 0) return;
    console.error('The national tiles could not be cut:', e.message);
    if (zooms === started) zooms = null;
    for (const zoom of waiting) { zoom.done = true; zoom.reject(e); }
    void worker.terminate();
  };
  worker.on('message', (m: NationalTileMessage) => {
    if ('error' in m) { fail(new Error(m.error)); return; }
    const zoom = started.get(`${m.layer}/${m.z}`);
    if (!zoom || zoom.done) return;
    zoom.done = true;
    zoom.resolve(new Map(m.tiles.map(([x, y, bytes]) => [`${x}/${y}`, bytes])));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the worker stopped (exit code ${code}) before cutting every zoom`)));
  return started;
}

/** One national tile, encoded (zero bytes when no unit meets it); z within the layer's zooms (checked by the route). */
export async function nationalTile(layer: NationalTileLayerName, { z, x, y }: TileCoordinates): Promise<Uint8Array> {
  zooms ??= startCutting();
  const zoom = zooms.get(`${layer}/${z}`);
  if (!zoom) throw new Error(`no national tiles for ${layer} at zoom ${z}`);
  return (await zoom.tiles).get(`${x}/${y}`) ?? EMPTY;
}
