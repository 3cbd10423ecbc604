// OGC API – Features – Part 1 (Core, GeoJSON) at /ogc, so QGIS and GDAL read the atlas directly.
import { Router, type Request } from 'express';
import type { AtlasSnapshot, AtlasStore } from '../../store/atlas-store.ts';
import { communeView } from '../../queries/commune-view.ts';
import { viewerOf } from '../viewer.ts';
import { collectionMetadata } from './collection-metadata.ts';
import { collectionSchema, JSON_SCHEMA_TYPE } from './collection-schema.ts';
import { COLLECTIONS, collectionById, type CollectionSpec } from './collections.ts';
import { ITEMS_PARAMETERS, itemsPage, singleItem } from './items.ts';
import { jsonErrors, notFound, unknownPath } from './json-error.ts';
import { conformance, landingPage } from './landing.ts';
import { apiRoot, checkFormat, checkParameters, GEOJSON_TYPE, JSON_TYPE, sendJson } from './links.ts';

function collectionOf(req: Request): CollectionSpec {
  const spec = collectionById(String(req.params.collectionId));
  if (!spec) throw notFound(`Không có lớp "${req.params.collectionId}"`, `No collection "${req.params.collectionId}"`);
  return spec;
}

/** The view of the detailed commune `commune=<official code>` names (Mường Bang's when absent); 404 naming it otherwise. */
function communeOf(req: Request, store: AtlasSnapshot): AtlasSnapshot {
  return communeView(store, req.query.commune as string | undefined, 'commune');
}

/** Check `f` and the query parameters an operation allows. */
function checkQuery(req: Request, allowed: string[] = ['f']): void {
  checkParameters(req, allowed);
  checkFormat(req);
}

/** The /ogc router over a store; features are filtered per viewer (server/access's visibleObservation) like every other way out. */
export function ogcRouter(store: AtlasStore): Router {
  const router = Router();

  router.get('/', (req, res) => {
    checkQuery(req);
    sendJson(res, landingPage(apiRoot(req)));
  });

  router.get('/conformance', (req, res) => {
    checkQuery(req);
    sendJson(res, conformance());
  });

  router.get('/collections', async (req, res) => {
    checkQuery(req);
    const root = apiRoot(req);
    const viewer = viewerOf(req);
    const data = await store.snapshot();
    sendJson(res, {
      links: [{ href: `${root}/collections`, rel: 'self', type: JSON_TYPE, title: 'Các lớp dữ liệu / Collections' }],
      collections: COLLECTIONS.map((spec) => collectionMetadata(data, viewer, spec, root)),
    });
  });

  router.get('/collections/:collectionId', async (req, res) => {
    const spec = collectionOf(req);
    checkQuery(req);
    sendJson(res, collectionMetadata(await store.snapshot(), viewerOf(req), spec, apiRoot(req)));
  });

  router.get('/collections/:collectionId/schema', async (req, res) => {
    const spec = collectionOf(req);
    checkQuery(req);
    sendJson(res, collectionSchema(await store.snapshot(), viewerOf(req), spec, apiRoot(req)), JSON_SCHEMA_TYPE);
  });

  router.get('/collections/:collectionId/items', async (req, res) => {
    const spec = collectionOf(req);
    checkQuery(req, ITEMS_PARAMETERS);
    sendJson(res, await itemsPage(store, communeOf(req, await store.snapshot()), viewerOf(req), spec, req, apiRoot(req)), GEOJSON_TYPE);
  });

  router.get('/collections/:collectionId/items/:featureId', async (req, res) => {
    const spec = collectionOf(req);
    checkQuery(req, ['f', 'commune']);
    sendJson(res, singleItem(communeOf(req, await store.snapshot()), viewerOf(req), spec, String(req.params.featureId), apiRoot(req)), GEOJSON_TYPE);
  });

  router.use(unknownPath);
  router.use(jsonErrors);
  return router;
}
