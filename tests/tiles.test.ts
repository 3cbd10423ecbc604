// Vector tiles at /tiles/{layer}/{z}/{x}/{y}.mvt over real HTTP, decoded as MapLibre decodes them (@mapbox/vector-tile):
// on SQLite (JS encoder) and, in the postgres project, on PostgreSQL/PostGIS (ST_AsMVT in the database).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startServer, gql, type RunningServer } from './helpers/start-server.ts';
import { team, type Role } from './helpers/team.ts';
import type { Client } from './helpers/session.ts';
import { TEST_STORE } from './helpers/test-store.ts';
import { fetchTile as fetchTileOver, tileAt, tileFeatures } from './helpers/vector-tiles.ts';

// Bản Đung, former Mường Lang: named, and its drug status known to no public source (the report gives Mường Lang 5/6).
const SENSITIVE_BAN = 'ml-04';
const Z = 12;

let server: RunningServer;
let users: Record<Role, Client>;
/** The z12 tile holding the bản's centre. */
let home: { x: number; y: number };

const fetchTile = (path: string, headers: Record<string, string> = {}) => fetchTileOver(server, path, headers);
const features = tileFeatures;

beforeAll(async () => {
  server = await startServer();
  users = await team(server);
  const { body } = await gql(server, `{ villages(filter: { search: "${SENSITIVE_BAN}" }) { id centroid } }`);
  const [lon, lat] = body.data.villages[0].centroid;
  home = tileAt(lon, lat, Z);
  // An officer types the bản's drug status: unpublished, so signed-in users only.
  const set = await users.editor.gql('mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }',
    { i: { unitId: SENSITIVE_BAN, indicator: 'drugFree', period: '2026', value: true, sourceNote: 'kiểm tra ô bản đồ', expectedVersion: 0 } });
  expect(set.body.errors, JSON.stringify(set.body.errors)).toBeUndefined();
});
afterAll(async () => { await server?.stop(); });

describe(`vector tiles (${TEST_STORE})`, () => {
  it('has the bản cells where the commune is, as a gzip-encoded Mapbox vector tile', async () => {
    const { res, tile } = await fetchTile(`villages/${Z}/${home.x}/${home.y}.mvt`, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toContain('public');
    const ids = features(tile, 'villages').map((p) => p.id);
    expect(ids).toContain(SENSITIVE_BAN);
    // Geometry is there and in tile coordinates (a polygon whose ring has points).
    const l = tile!.layers.villages;
    expect(l.extent).toBe(4096);
    const cell = Array.from({ length: l.length }, (_, i) => l.feature(i)).find((f) => f.properties.id === SENSITIVE_BAN)!;
    expect(cell.type).toBe(3);
    expect(cell.loadGeometry()[0].length).toBeGreaterThan(3);
  });

  it('has the commune and its three former communes in the tile over the commune', async () => {
    const z = 8;
    const { body } = await gql(server, `{ villages(filter: { search: "${SENSITIVE_BAN}" }) { centroid } }`);
    const t = tileAt(body.data.villages[0].centroid[0], body.data.villages[0].centroid[1], z);
    const commune = features((await fetchTile(`commune/${z}/${t.x}/${t.y}.mvt`)).tile, 'commune');
    expect(commune.map((p) => p.id)).toHaveLength(1);
    const formers = features((await fetchTile(`former-communes/${z}/${t.x}/${t.y}.mvt`)).tile, 'former-communes');
    expect(formers.map((p) => p.id).sort()).toEqual(['fc-muong-bang', 'fc-muong-do', 'fc-muong-lang']);
    // The fact engine's counts, as GraphQL coverage gives them: Mường Lang 5 of 6 bản drug-free.
    const lang = formers.find((p) => p.id === 'fc-muong-lang')!;
    expect([lang.drugFree, lang.drugFree_min, lang.drugFree_max, lang.drugFree_total]).toEqual([5, 5, 5, 6]);
  });

  it('is empty far from the commune', async () => {
    const { res, tile } = await fetchTile(`villages/${Z}/0/0.mvt`);
    expect(res.status).toBe(200);
    expect(Object.keys(tile!.layers)).toEqual([]);
  });

  it('carries the values GraphQL villageFeatures gives the same viewer', async () => {
    const keys = ['drugFree', 'carRoadAccess', 'povertyRate'];
    const { body } = await gql(server, `query ($k: [String!]!) { villageFeatures(indicators: $k) }`, { k: keys });
    const api = new Map((body.data.villageFeatures.features as Array<{ id: string; properties: Record<string, unknown> }>).map((f) => [f.id, f.properties]));
    const inTile = features((await fetchTile(`villages/${Z}/${home.x}/${home.y}.mvt`)).tile, 'villages');
    expect(inTile.length).toBeGreaterThan(0);
    for (const p of inTile) {
      const want = api.get(String(p.id))!;
      for (const k of keys) {
        // A tile has no null: an unknown value is an absent property, its status says UNKNOWN.
        expect(p[k] ?? null, `${p.id} ${k}`).toEqual(want[k]);
        expect(p[`${k}_status`], `${p.id} ${k}_status`).toEqual(want[`${k}_status`]);
      }
    }
  });

  it('never carries a restricted value anonymously; an editor sees it, privately', async () => {
    const path = `villages/${Z}/${home.x}/${home.y}.mvt`;
    const anonymous = features((await fetchTile(path)).tile, 'villages').find((p) => p.id === SENSITIVE_BAN)!;
    expect(anonymous).toBeDefined();
    expect(anonymous.drugFree).toBeUndefined();
    expect(anonymous.drugFree_status).toBe('UNKNOWN');
    const signedIn = await fetchTile(path, { cookie: users.editor.cookie! });
    expect(signedIn.res.headers.get('cache-control')).toBe('private, no-store');
    const editor = features(signedIn.tile, 'villages').find((p) => p.id === SENSITIVE_BAN)!;
    expect(editor.drugFree).toBe(true);
    expect(editor.drugFree_status).toBe('REPORTED');
  });

  it('answers 304 to If-None-Match with the current ETag', async () => {
    const path = `villages/${Z}/${home.x}/${home.y}.mvt`;
    const first = await fetchTile(path, { 'accept-encoding': 'gzip' });
    const etag = first.res.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await fetchTile(path, { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(again.res.status).toBe(304);
    expect(again.bytes.length).toBe(0);
  });

  it('gets a new ETag after an edit, and the old one no longer answers 304', async () => {
    const path = `former-communes/${Z}/${home.x}/${home.y}.mvt`;
    const before = (await fetchTile(path)).res.headers.get('etag')!;
    const set = await users.editor.gql('mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }',
      { i: { unitId: 'fc-muong-lang', indicator: 'poorHouseholds', period: `${2100 + Math.floor(Math.random() * 800)}`, value: 12, sourceNote: 'kiểm tra', expectedVersion: 0 } });
    expect(set.body.errors, JSON.stringify(set.body.errors)).toBeUndefined();
    const after = await fetchTile(path, { 'if-none-match': before });
    expect(after.res.status).toBe(200);
    expect(after.res.headers.get('etag')).not.toBe(before);
    expect(features(after.tile, 'former-communes').find((p) => p.id === 'fc-muong-lang')!.poorHouseholds).toBe(12);
  });

  it('refuses a bad z, x or y with a coded 400 naming it, and an unknown layer with 404', async () => {
    const cases: Array<[string, number, string | null]> = [
      [`villages/99/0/0.mvt`, 400, 'z'],
      [`villages/2/0/0.mvt`, 400, 'z'], // below the layer's zooms
      [`villages/${Z}/${2 ** Z}/0.mvt`, 400, 'x'],
      [`villages/${Z}/-1/0.mvt`, 400, 'x'],
      [`villages/${Z}/0/abc.mvt`, 400, 'y'],
      [`villages/${Z}/0/0.png`, 400, 'y'],
      [`roads/${Z}/0/0.mvt`, 404, 'layer'],
    ];
    for (const [path, status, field] of cases) {
      const res = await fetch(new URL(`tiles/${path}`, server.url));
      expect(res.status, path).toBe(status);
      const body = await res.json() as { errors: Array<{ message: string; extensions: { code: string; field: string } }> };
      expect(body.errors[0].extensions.code, path).toBe(status === 400 ? 'BAD_USER_INPUT' : 'NOT_FOUND');
      expect(body.errors[0].extensions.field, path).toBe(field);
      expect(body.errors[0].message, path).toContain(' / ');
    }
  });
});
