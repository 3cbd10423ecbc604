// Vietnam's provinces and communes in PostGIS (the PostgreSQL store; SQLite keeps them in memory, server/national/):
// loaded from seeds/vietnam/ by a migration, with each outline as a geometry (GiST index) and each commune's search
// key folded without diacritics, so bbox and search queries, OGC items and the national tiles are answered there.
import pg from 'pg';
import { foldDiacritics } from '../../geo/fold-diacritics.ts';
import { readNationalSeeds } from '../../geo/national/read-national-seeds.ts';
import { carriedAtZoom, nationalTileFeatures, type CommuneTileProperties, type ProvinceTileProperties } from '../tiles/national-tile-features.ts';
import type { NationalCommuneFilter, NationalCommunePage, NationalCommuneRecord, NationalTileLayer, TileCoordinates } from './atlas-store.ts';

type Client = pg.Pool | pg.PoolClient;

/** The national tables (migration 5 of pg-migrations.ts). */
export const NATIONAL_TABLES_SQL = `
  CREATE TABLE national_provinces (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, area_km2 DOUBLE PRECISION NOT NULL, population INTEGER NOT NULL,
    centre_lon DOUBLE PRECISION NOT NULL, centre_lat DOUBLE PRECISION NOT NULL, geom geometry(MultiPolygon, 4326) NOT NULL);
  CREATE INDEX national_provinces_geom ON national_provinces USING GIST (geom);
  CREATE TABLE national_communes (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, province_code TEXT NOT NULL REFERENCES national_provinces(code),
    area_km2 DOUBLE PRECISION NOT NULL, measured_area_km2 DOUBLE PRECISION, population INTEGER NOT NULL,
    centre_lon DOUBLE PRECISION NOT NULL, centre_lat DOUBLE PRECISION NOT NULL, admin_centre TEXT, former_units JSONB,
    -- "type name code" folded without diacritics (geo/fold-diacritics.ts), for search.
    search_key TEXT NOT NULL,
    -- What the national map colours by (geo/national/quantile-classes.ts over every commune): null without an area.
    density DOUBLE PRECISION, density_class SMALLINT, area_km2_class SMALLINT, population_class SMALLINT,
    -- The class of the measured-vs-official area difference (geo/national/area-agreement.ts): the data-quality layer.
    area_difference_class SMALLINT,
    geom geometry(MultiPolygon, 4326));
  CREATE INDEX national_communes_geom ON national_communes USING GIST (geom);
  CREATE INDEX national_communes_province ON national_communes (province_code, code);
`;

/** Rows go in a few hundred at a time, each batch one statement (a JSON array expanded in the database). */
const BATCH = 400;

/** Load seeds/vietnam/ (`seedDir`) into the empty national tables, on the migration's connection and transaction. */
export async function loadNationalUnitsPg(c: Client, seedDir: string): Promise<void> {
  const seeds = readNationalSeeds(seedDir);
  const props = new Map(nationalTileFeatures(seeds).communes.map((f) => [f.properties.code as string, f.properties]));
  const provinces = seeds.provinces.map((p) => ({
    code: p.code, name: p.name, type: p.type, area_km2: p.areaKm2, population: p.population, centre_lon: p.centre[0], centre_lat: p.centre[1],
    geometry: p.geometry,
  }));
  await c.query(`INSERT INTO national_provinces (code, name, type, area_km2, population, centre_lon, centre_lat, geom)
    SELECT code, name, type, area_km2, population, centre_lon, centre_lat, ST_SetSRID(ST_GeomFromGeoJSON(geometry::text), 4326)
    FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, type text, area_km2 float8, population int, centre_lon float8, centre_lat float8, geometry jsonb)`,
  [JSON.stringify(provinces)]);
  for (let i = 0; i < seeds.communes.length; i += BATCH) {
    const rows = seeds.communes.slice(i, i + BATCH).map((m) => {
      const p: Partial<CommuneTileProperties> = props.get(m.code) ?? {};
      return {
        code: m.code, name: m.name, type: m.type, province_code: m.provinceCode, area_km2: m.areaKm2, measured_area_km2: m.measuredAreaKm2,
        population: m.population, centre_lon: m.centre[0], centre_lat: m.centre[1], admin_centre: m.adminCentre, former_units: m.formerUnits,
        search_key: foldDiacritics(`${m.type} ${m.name} ${m.code}`),
        density: p.density ?? null, density_class: p.densityClass ?? null, area_km2_class: p.areaKm2Class ?? null, population_class: p.populationClass ?? null,
        area_difference_class: p.areaDifferenceClass ?? null,
        geometry: m.geometry,
      };
    });
    await c.query(`INSERT INTO national_communes (code, name, type, province_code, area_km2, measured_area_km2, population, centre_lon, centre_lat,
        admin_centre, former_units, search_key, density, density_class, area_km2_class, population_class, area_difference_class, geom)
      SELECT code, name, type, province_code, area_km2, measured_area_km2, population, centre_lon, centre_lat, admin_centre, former_units, search_key,
        density, density_class, area_km2_class, population_class, area_difference_class,
        CASE WHEN geometry IS NULL OR geometry = 'null'::jsonb THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON(geometry::text), 4326) END
      FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, type text, province_code text, area_km2 float8, measured_area_km2 float8,
        population int, centre_lon float8, centre_lat float8, admin_centre text, former_units jsonb, search_key text, density float8,
        density_class int, area_km2_class int, population_class int, area_difference_class int, geometry jsonb)`,
    [JSON.stringify(rows)]);
  }
}

const toRecord = (r: any): NationalCommuneRecord => ({
  code: r.code, name: r.name, type: r.type, provinceCode: r.province_code, areaKm2: r.area_km2, measuredAreaKm2: r.measured_area_km2,
  population: r.population, centre: [r.centre_lon, r.centre_lat], adminCentre: r.admin_centre, formerUnits: r.former_units,
});

/** The communes matching the filter, by code, one page of them (or all): the same answer as the in-memory index. */
export async function pgNationalCommunes(c: Client, filter: NationalCommuneFilter, page?: { first: number; after: string | null }): Promise<NationalCommunePage> {
  const params: unknown[] = [];
  const conditions: string[] = [];
  if (filter.bbox) {
    params.push(...filter.bbox);
    conditions.push(`ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))`);
  }
  if (filter.province) {
    params.push(filter.province);
    conditions.push(`province_code = $${params.length}`);
  }
  const search = filter.search ? foldDiacritics(filter.search) : '';
  if (search) {
    params.push(search);
    conditions.push(`strpos(search_key, $${params.length}) > 0`);
  }
  params.push(page?.after ?? null, page ? page.first + 1 : null);
  const [after, limit] = [`$${params.length - 1}::text`, `$${params.length}::int`];
  // The count over every page, and the page itself (one more row: is there a next page?), in one statement.
  const { rows } = await c.query(`WITH m AS (SELECT * FROM national_communes${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''})
    SELECT t.total, p.* FROM (SELECT count(*)::int AS total FROM m) t
      LEFT JOIN LATERAL (SELECT code, name, type, province_code, area_km2, measured_area_km2, population, centre_lon, centre_lat, admin_centre, former_units
        FROM m WHERE ${after} IS NULL OR code > ${after} ORDER BY code COLLATE "C" LIMIT ${limit}) p ON true`, params);
  const found = rows.filter((r) => r.code !== null);
  const shown = page ? found.slice(0, page.first) : found;
  return { totalCount: rows[0]?.total ?? 0, communes: shown.map(toRecord), hasNextPage: found.length > shown.length };
}

/** As the JS encoder (server/tiles/encode-tile.ts): extent 4096, a 64-unit buffer. */
const EXTENT = 4096;
const BUFFER = 64;

// The column behind each property the tile features carry (national-tile-features.ts lists them): every property of
// the JS cut needs one here, so the two stores' tiles cannot drift apart.
const COMMUNE_COLUMNS: Record<keyof CommuneTileProperties, string> = {
  id: 'code', code: 'code', name: 'name', type: 'type', provinceCode: 'province_code',
  density: 'density', areaKm2: 'area_km2', population: 'population',
  densityClass: 'density_class', areaKm2Class: 'area_km2_class', populationClass: 'population_class', areaDifferenceClass: 'area_difference_class',
};
const PROVINCE_COLUMNS: Record<keyof ProvinceTileProperties, string> = { id: 'code', code: 'code', name: 'name' };
const LAYERS: Record<NationalTileLayer, { table: string; columns: Record<string, string> }> = {
  communes: { table: 'national_communes', columns: COMMUNE_COLUMNS },
  provinces: { table: 'national_provinces', columns: PROVINCE_COLUMNS },
};

/** Web Mercator's width of the world, metres. */
const WORLD_METRES = 2 * 20_037_508.342789244;
/** geojson-vt's default tolerance (the JS cut's), in tile units: what a tile of the JS cut is simplified to. */
const SIMPLIFY_TILE_UNITS = 3;

/**
 * The tolerance, in Web Mercator metres, that simplifies an outline for a tile of zoom z as geojson-vt does for the JS
 * cut (3 units of the tile's 4096): ST_AsMVTGeom only snaps to the grid, so a z4 tile carried every vertex of a
 * province's communes, about three times the JS cut's bytes for the same picture.
 */
const simplifyTolerance = (z: number) => (SIMPLIFY_TILE_UNITS * WORLD_METRES) / 2 ** z / EXTENT;

/** One national tile, cut and encoded by PostGIS from the national tables; zero bytes when no unit meets it. */
export async function pgNationalTile(c: Client, layer: NationalTileLayer, { z, x, y }: TileCoordinates): Promise<Uint8Array> {
  const l = LAYERS[layer];
  // Below the names zoom a commune carries its code and classes only (a click asks the API for the rest).
  const columns = Object.entries(l.columns).filter(([property]) => carriedAtZoom(layer, property, z)).map(([property, column]) => `${column} AS "${property}"`).join(', ');
  const { rows } = await c.query(`WITH env AS (SELECT ST_TileEnvelope($1, $2, $3) AS e,
      ST_Transform(ST_TileEnvelope($1, $2, $3, margin => ${BUFFER / EXTENT}), 4326) AS search)
    SELECT ST_AsMVT(tile.*, $4, ${EXTENT}, 'geom') AS mvt FROM (
      SELECT * FROM (SELECT ST_AsMVTGeom(ST_Simplify(ST_Transform(u.geom, 3857), $5), env.e, ${EXTENT}, ${BUFFER}, true) AS geom, ${columns}
        FROM ${l.table} u, env WHERE u.geom && env.search ORDER BY u.code COLLATE "C") cut WHERE geom IS NOT NULL) tile`,
  [z, x, y, layer, simplifyTolerance(z)]);
  const mvt = rows[0]?.mvt as Buffer | null;
  return mvt ? new Uint8Array(mvt.buffer, mvt.byteOffset, mvt.byteLength) : new Uint8Array(0);
}
