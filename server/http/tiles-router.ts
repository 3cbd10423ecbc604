// Vector tiles at /tiles/{layer}/{z}/{x}/{y}.mvt for every registered layer (server/tiles/tile-layer.ts), on both
// stores. Anonymous tiles are the same for everyone until the data changes: kept in the answer cache per data
// version, with a strong ETag and 304; those not kept yet are made one at a time. A signed-in viewer may see more:
// theirs are made for them, private, no-store.
import { Router, type Request, type Response } from 'express';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { AtlasStore } from '../store/atlas-store.ts';
import { tileCoordinates, TileRequestError } from '../tiles/tile-coordinates.ts';
import { layerFeatures } from '../tiles/layer-features.ts';
import { tileLayer } from '../tiles/tile-layer.ts';
import '../tiles/unit-layers.ts';
import '../tiles/national-layers.ts';
import type { AnswerCache } from './answer-cache.ts';
import { chosenEncoding, sendPrepared } from './cached-reads.ts';
import { hasSessionCookie } from './read-key.ts';
import { takeTurns } from './take-turns.ts';
import { viewerOf } from './viewer.ts';

export const TILE_TYPE = 'application/vnd.mapbox-vector-tile';
const gzipAsync = promisify(gzip);

const errorBody = (message: string, code: string, extra: Record<string, unknown> = {}) => ({ errors: [{ message, extensions: { code, ...extra } }] });

/** The /tiles router over a store, sharing the GraphQL answers' cache (and its bound). */
export function tilesRouter(store: AtlasStore, answers: AnswerCache): Router {
  const router = Router();
  const tileTurns = takeTurns();
  router.get('/:layer/:z/:x/:y', async (req: Request, res: Response) => {
    const name = String(req.params.layer);
    const layer = tileLayer(name);
    if (!layer) {
      res.status(404).json(errorBody(`Không có lớp bản đồ "${name}" / No tile layer "${name}"`, 'NOT_FOUND', { field: 'layer' }));
      return;
    }
    let tile;
    try {
      tile = tileCoordinates(layer, String(req.params.z), String(req.params.x), String(req.params.y));
    } catch (e) {
      if (!(e instanceof TileRequestError)) throw e;
      res.status(400).json(errorBody(e.message, 'BAD_USER_INPUT', { field: e.field }));
      return;
    }
    const viewer = viewerOf(req);
    const encode = async () => {
      if (layer.cut) return layer.cut(tile, store);
      const data = await store.snapshot();
      return store.vectorTile(layer, tile, layerFeatures(layer, data, viewer));
    };
    if (viewer.role !== 'anonymous' || hasSessionCookie(req.headers)) {
      // Cache-Control: private, no-store comes from session-cache-headers.ts.
      const bytes = Buffer.from(await encode());
      const gz = chosenEncoding(req.headers['accept-encoding']) !== 'identity';
      const body = gz ? await gzipAsync(bytes) : bytes;
      res.status(200).type(TILE_TYPE).setHeader('Vary', 'Accept-Encoding, Cookie');
      if (gz) res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Content-Length', body.length);
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const key = `tile|${layer.name}|${tile.z}/${tile.x}/${tile.y}`;
    const kept = await answers.get(key);
    if (kept) { sendPrepared(req, res, kept, 'hit', null); return; }
    const generation = await answers.generation();
    // Tiles not yet kept are made and compressed one at a time: a client asking for thousands of distinct tiles
    // takes turns with everyone else. The same tile asked for meanwhile is kept by then.
    // A national tile is waited for outside any turn (the worker's cut or the database's query holds no thread here);
    // its compression for the cache takes a turn.
    const cut = layer.cut ? await layer.cut(tile, store) : null;
    const made = await tileTurns.run(async () => (await answers.get(key)) ?? answers.prepare(key, generation, cut ?? await encode(), TILE_TYPE));
    sendPrepared(req, res, made, 'miss', null);
  });
  return router;
}
