// Spatial queries of the store over real HTTP: GraphQL villages(filter: {bbox, within}) and the OGC bbox give the bản the
// geometry says, on SQLite (R-trees and Turf) and, in the postgres project, on PostgreSQL (PostGIS, GiST index): both
// stores answer the same ids. On PostgreSQL also: ST_Area(geography) against the API's ellipsoidal areas, and an older
// schema with data migrated at start.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bboxPolygon, booleanIntersects, booleanPointInPolygon, bbox as turfBbox } from '@turf/turf';
import type { Geometry, Polygon } from 'geojson';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServer, gql, type RunningServer } from './helpers/start-server.ts';
import { databaseUrlFor, onPostgres, storedRows, TEST_STORE } from './helpers/test-store.ts';
import { migratePg, pgSchemaVersion, PG_MIGRATIONS } from '../server/store/pg-migrations.ts';
import { seedPg } from '../server/store/pg-seed.ts';
import { openPgStore } from '../server/store/open-pg.ts';

type Box = [number, number, number, number];
interface Cell { id: string; centroid: [number, number]; geometry: Geometry }

let server: RunningServer;
let cells: Cell[];
/** The box around every cell. */
let extent: Box;

async function ok(query: string, variables?: Record<string, unknown>) {
  const { body } = await gql(server, query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

beforeAll(async () => {
  server = await startServer();
  cells = (await ok('{ villages(limit: 100) { id centroid geometry } }')).villages;
  extent = turfBbox({ type: 'FeatureCollection', features: cells.map((c) => ({ type: 'Feature', properties: {}, geometry: c.geometry })) }) as Box;
});
afterAll(async () => { await server?.stop(); });

describe(`spatial filters (${TEST_STORE})`, () => {
  it('villages(filter: {bbox}) and the OGC items?bbox= give exactly the cells each box meets', async () => {
    const [x0, y0, x1, y1] = extent;
    const dx = (x1 - x0) / 3;
    const dy = (y1 - y0) / 3;
    const boxes: Box[] = [];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) boxes.push([x0 + i * dx, y0 + j * dy, x0 + (i + 0.6) * dx, y0 + (j + 0.6) * dy]);
    const [cx, cy] = cells[5].centroid;
    boxes.push([cx - 1e-4, cy - 1e-4, cx + 1e-4, cy + 1e-4], [x1 + 0.1, y1 + 0.1, x1 + 0.2, y1 + 0.2], extent);
    let nonEmpty = 0;
    for (const box of boxes) {
      const expected = cells.filter((c) => booleanIntersects(bboxPolygon(box), c.geometry as Polygon)).map((c) => c.id);
      const api = (await ok('query ($b: [Float!]) { villages(filter: { bbox: $b }) { id } }', { b: box })).villages.map((v: { id: string }) => v.id);
      expect(api, `bbox ${box}`).toEqual(expected);
      const res = await fetch(new URL(`ogc/collections/villages/items?limit=1000&bbox=${box.join(',')}`, server.url));
      const ogc = ((await res.json()) as { features: Array<{ id: string }> }).features.map((f) => f.id);
      expect(ogc, `ogc bbox ${box}`).toEqual(expected);
      if (expected.length > 0 && expected.length < cells.length) nonEmpty++;
    }
    // The boxes cut the commune: most hold some bản and not others.
    expect(nonEmpty).toBeGreaterThanOrEqual(6);
  });

  it('villages(filter: {within}) gives exactly the bản whose centre lies in the polygon', async () => {
    const [x0, y0, x1, y1] = extent;
    const triangle: Polygon = { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [(x0 + x1) / 2, y1], [x0, y0]]] };
    const expected = cells.filter((c) => booleanPointInPolygon(c.centroid, triangle)).map((c) => c.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(cells.length);
    const api = (await ok('query ($p: JSON) { villages(filter: { within: $p }) { id } }', { p: triangle })).villages.map((v: { id: string }) => v.id);
    expect(api).toEqual(expected);
    // With a box too, both conditions hold.
    const box: Box = [x0, y0, (x0 + x1) / 2, y1];
    const both = (await ok('query ($p: JSON, $b: [Float!]) { villages(filter: { within: $p, bbox: $b }) { id } }', { p: triangle, b: box })).villages
      .map((v: { id: string }) => v.id);
    expect(both).toEqual(cells.filter((c) => expected.includes(c.id) && booleanIntersects(bboxPolygon(box), c.geometry as Polygon)).map((c) => c.id));
  });
});

describe.runIf(onPostgres)('on PostgreSQL/PostGIS', () => {
  it('measures every unit with ST_Area(geography) as the API gives its ellipsoidal area (within 0.001 %)', async () => {
    const rows = await storedRows(server.dataDir, `SELECT unit_id, ST_Area(geom::geography) / 1e6 AS km2 FROM boundaries`);
    const postgis = new Map(rows.map((r) => [r.unit_id as string, Number(r.km2)]));
    const data = await ok('{ commune { id measuredAreaKm2 formerCommunes { id areaKm2 } } villages(limit: 100) { id areaKm2 } }');
    const api: Array<[string, number]> = [
      [data.commune.id, data.commune.measuredAreaKm2],
      ...data.commune.formerCommunes.map((f: { id: string; areaKm2: number }) => [f.id, f.areaKm2] as [string, number]),
      ...data.villages.map((v: { id: string; areaKm2: number }) => [v.id, v.areaKm2] as [string, number]),
    ];
    expect(api).toHaveLength(1 + 3 + 23);
    for (const [id, km2] of api) {
      expect(postgis.has(id), id).toBe(true);
      expect(Math.abs(postgis.get(id)! - km2) / km2, `${id}: PostGIS ${postgis.get(id)} km², API ${km2} km²`).toBeLessThan(1e-5);
    }
  });

  it('migrates a database with data at the schema before the latest when the portal starts, and loses no row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-pg-migrate-'));
    const url = await databaseUrlFor(dir, { empty: true });
    const seeds = new URL('../seeds/muong-bang', import.meta.url).pathname;
    const previous = PG_MIGRATIONS.at(-2)!.version;
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const tables = ['units', 'observations', 'boundaries', 'targets', 'places', 'sources', 'neighbours', 'indicators'];
    const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, Number((await pool.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n)])));
    try {
      const c = await pool.connect();
      try { await migratePg(c, previous); } finally { c.release(); }
      await seedPg(pool, seeds);
      expect(await pgSchemaVersion(pool)).toBe(previous);
      // An officer's edit before the upgrade, which the upgrade must keep.
      await pool.query(`UPDATE observations SET value = '96', entered_by = 'editor', entered_at = '2026-01-01' WHERE unit_id = 'fc-muong-bang' AND indicator = 'tvHouseholdShare'`);
      const before = await counts();
      const firstObs = (await pool.query('SELECT unit_id, indicator, period, value, entered_by FROM observations ORDER BY id LIMIT 1')).rows[0];
      expect(before.observations).toBeGreaterThan(100);

      const { store } = await openPgStore(url, seeds);
      try {
        expect(await pgSchemaVersion(pool)).toBe(PG_MIGRATIONS.at(-1)!.version);
        expect(await counts()).toEqual(before);
        expect((await pool.query('SELECT unit_id, indicator, period, value, entered_by FROM observations ORDER BY id LIMIT 1')).rows[0]).toEqual(firstObs);
        const edited = (await store.observations({ unitId: 'fc-muong-bang', indicator: 'tvHouseholdShare' }))[0];
        expect([edited.value, edited.enteredBy]).toEqual([96, 'editor']);
        // The English texts from the seeds the database was made from.
        const report = await store.source('report-2025');
        expect(report?.titleEn).toMatch(/report/i);
        expect(report?.titleEn).not.toBe(report?.title);
        // The latest migration's: which communes each document is about, from the same seeds.
        expect(report?.communes).toEqual(['03943']);
        expect((await store.source('officer-entry'))?.communes).toBe('all');
      } finally { await store.close(); }
    } finally {
      await pool.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
