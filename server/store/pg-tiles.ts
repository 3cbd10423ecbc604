// Vector tiles and spatial conditions in PostGIS: the database cuts and encodes each tile (ST_TileEnvelope,
// ST_AsMVTGeom, ST_AsMVT) from the stored geometry, found through its GiST index, and joins the properties the
// viewer may see, which the portal hands it as JSON (visibility is decided once, in server/access).
import pg from 'pg';
import type { StoredGeometry, TileCoordinates, TileFeature, VillageArea } from './atlas-store.ts';

type Client = pg.Pool | pg.PoolClient;

/** As the JS encoder (server/tiles/encode-tile.ts): extent 4096, a 64-unit buffer. */
const EXTENT = 4096;
const BUFFER = 64;

/** One layer's tile; empty (zero bytes) when no feature meets it. */
export async function pgVectorTile(c: Client, layer: { name: string; stored?: StoredGeometry }, { z, x, y }: TileCoordinates,
  features: TileFeature[]): Promise<Uint8Array> {
  const props = JSON.stringify(features.map((f) => f.properties));
  // The stored geometry, joined by id; a layer without one sends its GeoJSON (still cut in the database).
  const source = layer.stored
    ? `SELECT p.props, t.${pg.escapeIdentifier(layer.stored.geomColumn)} AS g, p.n FROM input p
         JOIN ${pg.escapeIdentifier(layer.stored.table)} t ON t.${pg.escapeIdentifier(layer.stored.idColumn)} = p.props->>'id'`
    : `SELECT p.props, ST_SetSRID(ST_GeomFromGeoJSON(gj.g), 4326) AS g, p.n FROM input p
         JOIN jsonb_array_elements($5::jsonb) WITH ORDINALITY AS gj(g, n) ON gj.n = p.n WHERE gj.g <> 'null'::jsonb`;
  const { rows } = await c.query(
    `WITH input AS (SELECT props, n FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS i(props, n)),
       env AS (SELECT ST_TileEnvelope($1, $2, $3) AS e,
         ST_Transform(ST_TileEnvelope($1, $2, $3, margin => ${BUFFER / EXTENT}), 4326) AS search),
       src AS (${source}),
       cut AS (SELECT ST_AsMVTGeom(ST_Transform(src.g, 3857), env.e, ${EXTENT}, ${BUFFER}, true) AS geom, src.props, src.n
         FROM src, env WHERE src.g && env.search)
     SELECT ST_AsMVT(tile.*, $${layer.stored ? 5 : 6}, ${EXTENT}, 'geom') AS mvt
       FROM (SELECT geom, props FROM cut WHERE geom IS NOT NULL ORDER BY n) AS tile`,
    layer.stored ? [z, x, y, props, layer.name] : [z, x, y, props, JSON.stringify(features.map((f) => f.geometry)), layer.name],
  );
  const mvt = rows[0]?.mvt as Buffer | null;
  return mvt ? new Uint8Array(mvt.buffer, mvt.byteOffset, mvt.byteLength) : new Uint8Array(0);
}

/**
 * Bản meeting a spatial condition, in PostGIS: cells that meet the box (the GiST index on boundaries.geom
 * finds the candidates), centres (the known one, else the stored point in the cell) inside the polygon.
 */
export async function pgVillagesInArea(c: Client, area: VillageArea): Promise<string[]> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (area.bbox) {
    params.push(...area.bbox);
    conditions.push(`ST_Intersects(b.geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))`);
  }
  if (area.within) {
    params.push(JSON.stringify(area.within));
    conditions.push(`ST_Intersects(COALESCE(u.centre, ST_SetSRID(ST_MakePoint(b.centroid_lon, b.centroid_lat), 4326)),
      ST_SetSRID(ST_GeomFromGeoJSON($${params.length}::text), 4326))`);
  }
  const { rows } = await c.query(`SELECT u.id FROM units u JOIN boundaries b ON b.unit_id = u.id
    WHERE u.level = 'village'${conditions.map((x) => ` AND ${x}`).join('')} ORDER BY u.sort`, params);
  return rows.map((r) => r.id as string);
}
