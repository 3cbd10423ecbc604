// Downloads at /export: bản as GeoJSON, CSV or XLSX, observations as CSV or XLSX. Every value carries its
// status and source, and canSee is applied for the viewer as on every other way out.
import { Router, type Request, type Response } from 'express';
import { badInput } from '../../errors.ts';
import { booleanIndicatorKeys, checkIndicators, villageFeatures } from '../../queries/village-features.ts';
import type { AtlasStore } from '../../store/atlas-store.ts';
import { jsonErrors, unknownPath } from '../ogc/json-error.ts';
import { checkParameters } from '../ogc/links.ts';
import { viewerOf } from '../viewer.ts';
import { toCsv } from './csv.ts';
import { observationTable } from './observation-table.ts';
import { sourcesTable } from './table.ts';
import { villageTable } from './village-table.ts';
import { toXlsx } from './xlsx.ts';

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

function download(res: Response, filename: string, type: string, body: string | Buffer) {
  res.attachment(filename);
  res.type(type).send(body);
}

/** The /export router over a store. */
export function exportRouter(store: AtlasStore): Router {
  const router = Router();

  router.get('/villages.geojson', (req, res) => {
    const indicators = indicatorsOf(store, req);
    const features = villageFeatures(store, viewerOf(req), store.units('village'), indicators);
    download(res, 'villages.geojson', 'application/geo+json; charset=utf-8', JSON.stringify({ type: 'FeatureCollection', features }));
  });

  router.get('/villages.csv', (req, res) => {
    const table = villageTable(store, viewerOf(req), indicatorsOf(store, req));
    download(res, 'villages.csv', 'text/csv; charset=utf-8', toCsv(table));
  });

  router.get('/villages.xlsx', async (req, res) => {
    const table = villageTable(store, viewerOf(req), indicatorsOf(store, req));
    download(res, 'villages.xlsx', XLSX_TYPE, await toXlsx([table, sourcesTable(store)]));
  });

  router.get('/observations.csv', (req, res) => {
    const table = observationTable(store, viewerOf(req), indicatorOf(store, req));
    download(res, 'observations.csv', 'text/csv; charset=utf-8', toCsv(table));
  });

  router.get('/observations.xlsx', async (req, res) => {
    const table = observationTable(store, viewerOf(req), indicatorOf(store, req));
    download(res, 'observations.xlsx', XLSX_TYPE, await toXlsx([table, sourcesTable(store)]));
  });

  router.use(unknownPath);
  router.use(jsonErrors);
  return router;
}
