// Downloads at /export: bản as GeoJSON, CSV or XLSX, observations as CSV or XLSX. Every value carries its
// status and source, and server/access's visibleObservation is applied for the viewer as on every other way out. Each is Mường Bang's, or with
// `commune=<official code>` that detailed commune's alone.
import { Router, type Request } from 'express';
import { badInput } from '../../errors.ts';
import { communeView } from '../../queries/commune-view.ts';
import { booleanIndicatorKeys, checkIndicators, villageFeatures } from '../../queries/village-features.ts';
import type { AtlasSnapshot, AtlasStore } from '../../store/atlas-store.ts';
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

/** `commune=code` (optional): the view of that detailed commune (Mường Bang's when absent); 404 naming `commune` for one that is not. */
function viewOf(store: AtlasSnapshot, req: Request): AtlasSnapshot {
  return communeView(store, req.query.commune as string | undefined, 'commune');
}

/** `indicators=a,b` (or repeated): checked keys; all boolean indicators when absent. */
function indicatorsOf(store: AtlasSnapshot, req: Request): string[] {
  checkParameters(req, ['indicators', 'commune']);
  viewOf(store, req);
  const raw = req.query.indicators;
  if (raw === undefined) return booleanIndicatorKeys(store);
  const keys = String(raw).split(',').map((s) => s.trim()).filter(Boolean);
  checkIndicators(store, keys);
  return keys;
}

/** `indicator=key` (optional): a checked key. */
function indicatorOf(store: AtlasSnapshot, req: Request): string | undefined {
  checkParameters(req, ['indicator', 'commune']);
  viewOf(store, req);
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
    const indicators = indicatorsOf(await store.snapshot(), req);
    await send(req, res, (all) => {
      const data = viewOf(all, req);
      return {
        filename: 'villages.geojson', type: 'application/geo+json; charset=utf-8',
        write: (out) => writeFeatureCollection(villageFeatures(data, viewerOf(req), data.units('village'), indicators), out),
      };
    });
  });

  router.get('/villages.csv', async (req, res) => {
    const indicators = indicatorsOf(await store.snapshot(), req);
    await send(req, res, (all) => {
      const data = viewOf(all, req);
      return { filename: 'villages.csv', type: CSV_TYPE, write: (out) => writeCsv(villageTable(data, viewerOf(req), indicators), out) };
    });
  });

  router.get('/villages.xlsx', async (req, res) => {
    const indicators = indicatorsOf(await store.snapshot(), req);
    await send(req, res, (all) => {
      const data = viewOf(all, req);
      return { filename: 'villages.xlsx', type: XLSX_TYPE, write: (out) => writeXlsx([villageTable(data, viewerOf(req), indicators), sourcesTable(data)], out) };
    });
  });

  router.get('/observations.csv', async (req, res) => {
    const indicator = indicatorOf(await store.snapshot(), req);
    await send(req, res, (all) => {
      const data = viewOf(all, req);
      return { filename: 'observations.csv', type: CSV_TYPE, write: (out) => writeCsv(observationTable(data, viewerOf(req), indicator), out) };
    });
  });

  router.get('/observations.xlsx', async (req, res) => {
    const indicator = indicatorOf(await store.snapshot(), req);
    await send(req, res, (all) => {
      const data = viewOf(all, req);
      return { filename: 'observations.xlsx', type: XLSX_TYPE, write: (out) => writeXlsx([observationTable(data, viewerOf(req), indicator), sourcesTable(data)], out) };
    });
  });

  router.use(unknownPath);
  router.use(jsonErrors);
  return router;
}
