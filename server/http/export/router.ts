// Downloads at /export: bản as GeoJSON, CSV or XLSX, observations as CSV or XLSX. Every value carries its
// status and source, and canSee is applied for the viewer as on every other way out.
import { Router, type Request } from 'express';
import { badInput } from '../../errors.ts';
import { booleanIndicatorKeys, checkIndicators, villageFeatures } from '../../queries/village-features.ts';
import type { AtlasStore } from '../../store/atlas-store.ts';
import { jsonErrors, unknownPath } from '../ogc/json-error.ts';
import { checkParameters } from '../ogc/links.ts';
import { viewerOf } from '../viewer.ts';
import { writeCsv } from './csv.ts';
import { writeFeatureCollection } from './geojson.ts';
import { exportCache } from './export-cache.ts';
import { observationTable } from './observation-table.ts';
import { sourcesTable } from './table.ts';
import { villageTable } from './village-table.ts';
import { writeXlsx } from './xlsx.ts';

const CSV_TYPE = 'text/csv; charset=utf-8';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `indicators=a,b` (or repeated): checked keys; all boolean indicators when absent. */
function indicatorsOf(store: AtlasStore, req: Request): string[] {
  checkParameters(req, ['indicators']);
  const raw = req.query.indicators;
  if (raw === undefined) return booleanIndicatorKeys(store);
  const keys = String(raw).split(',').map((s) => s.trim()).filter(Boolean);
  checkIndicators(store, keys);
  return keys;
}

/** `indicator=key` (optional): a checked key. */
function indicatorOf(store: AtlasStore, req: Request): string | undefined {
  checkParameters(req, ['indicator']);
  const key = req.query.indicator as string | undefined;
  if (key !== undefined && !store.indicator(key)) throw badInput('indicator', `Không có chỉ tiêu "${key}"`, `Unknown indicator "${key}"`);
  return key || undefined;
}

/** The /export router over a store. */
export function exportRouter(store: AtlasStore): Router {
  const router = Router();
  const send = exportCache(store);

  // Parameters are checked before the cache is asked, so a bad request is refused and never cached.
  router.get('/villages.geojson', async (req, res) => {
    const indicators = indicatorsOf(store, req);
    await send(req, res, () => ({
      filename: 'villages.geojson', type: 'application/geo+json; charset=utf-8',
      write: (out) => writeFeatureCollection(villageFeatures(store, viewerOf(req), store.units('village'), indicators), out),
    }));
  });

  router.get('/villages.csv', async (req, res) => {
    const indicators = indicatorsOf(store, req);
    await send(req, res, () => ({ filename: 'villages.csv', type: CSV_TYPE, write: (out) => writeCsv(villageTable(store, viewerOf(req), indicators), out) }));
  });

  router.get('/villages.xlsx', async (req, res) => {
    const indicators = indicatorsOf(store, req);
    await send(req, res, () => ({ filename: 'villages.xlsx', type: XLSX_TYPE, write: (out) => writeXlsx([villageTable(store, viewerOf(req), indicators), sourcesTable(store)], out) }));
  });

  router.get('/observations.csv', async (req, res) => {
    const indicator = indicatorOf(store, req);
    await send(req, res, () => ({ filename: 'observations.csv', type: CSV_TYPE, write: (out) => writeCsv(observationTable(store, viewerOf(req), indicator), out) }));
  });

  router.get('/observations.xlsx', async (req, res) => {
    const indicator = indicatorOf(store, req);
    await send(req, res, () => ({ filename: 'observations.xlsx', type: XLSX_TYPE, write: (out) => writeXlsx([observationTable(store, viewerOf(req), indicator), sourcesTable(store)], out) }));
  });

  router.use(unknownPath);
  router.use(jsonErrors);
  return router;
}
