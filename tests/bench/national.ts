// The national scale bench (part of `npm run bench`; alone: `npm run bench -- --only national` or
// `npx tsx tests/bench/national.ts`): the 3,321 communes of seeds/vietnam/ through the portal on each store (bbox and
// search over GraphQL, the first tile of a fresh portal, vector tiles z5–z10), the national index in process, and the
// fact engine over SYNTHETIC detail (generated bản, never data) for a province and the country, with a work-size
// table (1×, 10×, 100×). SQLite answers from the in-memory index and the tiles cut in a worker; PostgreSQL from its
// national tables (PostGIS), in a throwaway cluster started here (its rows skipped, with a line, without its binaries).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveIndicator } from '../../geo/facts/resolve-indicator.ts';
import { createPostgisDatabase, postgisInstalled, postgresBinDir, startCluster, type Cluster } from '../helpers/postgres-cluster.ts';
import { nationalIndex, type BBox } from '../../server/national/national-index.ts';
import { startServer } from '../helpers/start-server.ts';
import { syntheticDetail } from './synthetic-detail.ts';

const SON_LA = '14';
const MUONG_BANG_CENTRE: [number, number] = [104.81, 21.17];
const REQUESTS = 40;

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const stats = (ms: number[]) => ({ runs: ms.length, p50: round(percentile(ms, 0.5)), p95: round(percentile(ms, 0.95)), max: round(Math.max(...ms)) });

async function timed(f: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

/** Boxes of about 40 × 30 km spread over Vietnam's mainland, each different so no answer comes from a cache. */
function boxes(n: number): BBox[] {
  return Array.from({ length: n }, (_, i) => {
    const lat = 9 + (i * 13.7) % 14;
    const lon = 103 + (i * 3.1) % 6;
    return [lon, lat, lon + 0.4, lat + 0.3];
  });
}

/** Web-Mercator tile of a point. */
function tileOf([lon, lat]: [number, number], z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [x, y];
}

type TileRows = Array<{ z: number; tiles: number; notOk: number; bytes: number } & ReturnType<typeof stats>>;

/** The national rows of one store, through a portal on it. */
export interface NationalPortalBench {
  store: 'sqlite' | 'postgres';
  graphql: { bbox: ReturnType<typeof stats>; search: ReturnType<typeof stats> };
  /**
   * SQLite: communes(bbox:) while the new portal still cuts its national tiles in its worker (seconds of one of the
   * machine's cores); the rows above are measured once the cut is kept on disk.
   */
  bboxDuringCut?: ReturnType<typeof stats>;
  /**
   * The first tile request (z9 around Mường Bang) sent as soon as a portal has started: a new portal (no national tiles
   * on disk) and, on SQLite, a portal started again on the same tiles folder (the cut kept in a file).
   */
  firstTileMs: { fresh: number; restarted?: number };
  tiles: TileRows | string;
}

export interface NationalBench {
  stores: NationalPortalBench[];
  /** Why the PostgreSQL rows are missing, when they are. */
  postgresSkipped?: string;
  index: { load: number; bbox: ReturnType<typeof stats>; search: ReturnType<typeof stats> };
  /** `{ commune { name } }` one after another while one client asks for 200 distinct z8 tiles (a fresh portal). */
  tilesUnderLoad?: { tiles: number; notOk: number; tileMs: ReturnType<typeof stats>; communeName: ReturnType<typeof stats> & { p99: number } } | string;
  coverage: { province: { bans: number; communes: number; ms: ReturnType<typeof stats> }; country: { bans: number; communes: number; ms: ReturnType<typeof stats> } };
  workSize: Array<{ factor: string; bans: number; ms: number; msPerThousandBans: number }>;
  note: string;
}

/** Coverage of a yes/no indicator over synthetic communes: the engine per commune, the counts summed (an interval). */
function coverageOver(communes: ReturnType<typeof syntheticDetail>) {
  let min = 0, max = 0, total = 0;
  for (const c of communes) {
    const r = resolveIndicator(c.facts);
    min += r.whole.min; max += r.whole.max; total += r.whole.total;
  }
  return { min, max, total };
}

/** The 200 z8 tiles of a 10 × 20 block over Vietnam (x 199–208, y 104–123), mainland and sea. */
const Z8_BLOCK = Array.from({ length: 200 }, (_, i) => [199 + (i % 10), 104 + Math.floor(i / 10)] as const);
/** Tile requests the loading client keeps under way at once (a browser asks for about six per host). */
const TILE_CLIENT_CONCURRENCY = 6;

/**
 * Does a tile client stall the portal? On a fresh portal (every tile a first request), one client asks for 200
 * distinct z8 communes tiles, six at a time, while a probe sends `{ commune { name } }` one after another.
 */
export async function benchTilesUnderLoad(): Promise<NonNullable<NationalBench['tilesUnderLoad']>> {
  const portal = await startServer();
  try {
    // The national tiles made before timing: the deepest zoom served is cut last.
    const probe = await fetch(new URL(`tiles/communes/9/${tileOf(MUONG_BANG_CENTRE, 9).join('/')}.mvt`, portal.url));
    await probe.arrayBuffer();
    if (probe.status !== 200) return 'the portal serves no communes tile layer';
    const name = () => fetch(new URL('graphql', portal.url), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ commune { name } }' }),
    }).then(async (r) => { await r.arrayBuffer(); if (r.status !== 200) throw new Error(`commune name answered ${r.status}`); });
    await name();
    const tileMs: number[] = [];
    let notOk = 0;
    let next = 0;
    const client = async () => {
      while (next < Z8_BLOCK.length) {
        const [x, y] = Z8_BLOCK[next++];
        tileMs.push(await timed(async () => { const r = await fetch(new URL(`tiles/communes/8/${x}/${y}.mvt`, portal.url)); await r.arrayBuffer(); if (r.status !== 200) notOk++; }));
      }
    };
    let loading = true;
    const names: number[] = [];
    const probing = (async () => {
      while (loading) { names.push(await timed(name)); await new Promise((r) => setTimeout(r, 20)); }
    })();
    await Promise.all(Array.from({ length: TILE_CLIENT_CONCURRENCY }, client));
    loading = false;
    await probing;
    return { tiles: tileMs.length, notOk, tileMs: stats(tileMs), communeName: { ...stats(names), p99: round(percentile(names, 0.99)) } };
  } finally {
    await portal.stop();
  }
}

const Z9_AT_MUONG_BANG = () => `tiles/communes/9/${tileOf(MUONG_BANG_CENTRE, 9).join('/')}.mvt`;

const BBOX_QUERY = 'query($b: [Float!]) { communes(bbox: $b, first: 100) { totalCount nodes { code name population } } }';

/** Resolves once the portal's worker has finished its cut: the file it keeps in the tiles folder is there. */
async function cutKept(tileDir: string): Promise<void> {
  const until = Date.now() + 300_000;
  while (!readdirSync(tileDir).some((f) => /^national-tiles-.*\.bin$/.test(f))) {
    if (Date.now() > until) throw new Error(`no national tiles kept in ${tileDir} after 300 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Milliseconds of the first tile request to a portal just started (status 200 expected). */
async function firstTile(url: string): Promise<number> {
  let status = 0;
  const ms = await timed(async () => { const r = await fetch(new URL(Z9_AT_MUONG_BANG(), url)); await r.arrayBuffer(); status = r.status; });
  if (status !== 200) throw new Error(`the first national tile answered ${status}`);
  return round(ms);
}

/** bbox and search over GraphQL, and tiles z5–z10 around Mường Bang, on a portal with this environment. */
async function benchPortal(store: NationalPortalBench['store'], env: Record<string, string>): Promise<NationalPortalBench> {
  // A tiles folder of its own: the first portal finds no cut kept on disk, as a new installation.
  const tileDir = mkdtempSync(join(tmpdir(), 'atlas-bench-national-tiles-'));
  const portalEnv = { ...env, NATIONAL_TILE_DIR: tileDir };
  const portal = await startServer({ env: portalEnv });
  const graphqlBbox: number[] = [];
  const graphqlSearch: number[] = [];
  let tiles: TileRows = [];
  let bboxDuringCut: NationalPortalBench['bboxDuringCut'];
  const firstTileMs: NationalPortalBench['firstTileMs'] = { fresh: NaN };
  try {
    firstTileMs.fresh = await firstTile(portal.url);
    const gql = (query: string, variables: Record<string, unknown>) => fetch(new URL('graphql', portal.url), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }),
    }).then(async (r) => { const body = await r.json() as { errors?: unknown }; if (body.errors) throw new Error(JSON.stringify(body.errors)); });
    await gql('{ communes(first: 1) { totalCount } }', {}); // loads the index in the portal
    if (store === 'sqlite') {
      // Other boxes than the rows after the cut (no answer from the cache): the same size, shifted.
      const during: number[] = [];
      for (const [x0, y0, x1, y1] of boxes(REQUESTS)) during.push(await timed(() => gql(BBOX_QUERY, { b: [x0 + 0.05, y0 + 0.05, x1 + 0.05, y1 + 0.05] })));
      bboxDuringCut = stats(during);
      // A portal serves for months after a cut of seconds: the rows below are its steady state.
      await cutKept(tileDir);
    }
    for (const b of boxes(REQUESTS)) graphqlBbox.push(await timed(() => gql(BBOX_QUERY, { b })));
    const terms = ['muong bang', 'phuong 1', 'xa tan', 'ha noi', 'son', 'dak', 'thanh', 'binh'];
    for (let i = 0; i < REQUESTS; i++) {
      // Different text each time (a trailing space is folded away by the search but not by the answer cache).
      graphqlSearch.push(await timed(() => gql('query($s: String) { communes(search: $s, first: 20) { totalCount nodes { code name } } }', { s: `${terms[i % terms.length]}${' '.repeat(Math.floor(i / terms.length))}` })));
    }
    tiles = [];
    for (let z = 5; z <= 10; z++) {
      const [cx, cy] = tileOf(MUONG_BANG_CENTRE, z);
      const ms: number[] = [];
      let bytes = 0;
      let notOk = 0;
      // A 5 × 5 block of tiles around Mường Bang, each asked once (first requests: made, not cached). Above the
      // layer's max zoom the answer is a 400 (notOk counts them; MapLibre overzooms the last zoom instead).
      for (let dx = -2; dx <= 2; dx++) for (let dy = -2; dy <= 2; dy++) {
        ms.push(await timed(async () => {
          const r = await fetch(new URL(`tiles/communes/${z}/${cx + dx}/${cy + dy}.mvt`, portal.url));
          bytes += (await r.arrayBuffer()).byteLength;
          if (r.status !== 200) notOk++;
        }));
      }
      tiles.push({ z, tiles: ms.length, notOk, bytes, ...stats(ms) });
    }
  } finally {
    await portal.stop();
  }
  if (store === 'sqlite') {
    // Started again on the same tiles folder: the cut the first portal kept there.
    const again = await startServer({ env: portalEnv });
    try { firstTileMs.restarted = await firstTile(again.url); } finally { await again.stop(); }
  }
  rmSync(tileDir, { recursive: true, force: true });
  return { store, graphql: { bbox: stats(graphqlBbox), search: stats(graphqlSearch) }, ...(bboxDuringCut ? { bboxDuringCut } : {}), firstTileMs, tiles };
}

/** The same rows on PostgreSQL/PostGIS, in a throwaway cluster; the reason instead when it cannot run here. */
async function benchPostgres(): Promise<NationalPortalBench | string> {
  const bin = postgresBinDir();
  const skipped = !bin ? 'PostgreSQL binaries (initdb, pg_ctl) not found' : !postgisInstalled(bin) ? 'PostGIS is not installed for this PostgreSQL' : null;
  if (skipped) return skipped;
  let cluster: Cluster | null = null;
  try {
    cluster = await startCluster(bin!);
    const url = await createPostgisDatabase(cluster, 'atlas_national_bench');
    return await benchPortal('postgres', { DATABASE_URL: url });
  } finally { cluster?.stop(); }
}

export async function benchNational(): Promise<NationalBench> {
  const load = await timed(() => nationalIndex());
  const index = nationalIndex();
  const indexBbox: number[] = [];
  for (const b of boxes(200)) indexBbox.push(await timed(() => index.inBox(b)));
  const terms = ['muong bang', 'phuong 1', 'xa tan', 'ha noi', 'son', 'dak', 'thanh', 'binh'];
  const indexSearch: number[] = [];
  for (let i = 0; i < 200; i++) indexSearch.push(await timed(() => index.search(terms[i % terms.length])));

  const stores = [await benchPortal('sqlite', {})];
  const postgres = await benchPostgres();
  if (typeof postgres === 'string') console.log(`!!! national bench: the PostgreSQL rows are SKIPPED: ${postgres}`);
  else stores.push(postgres);
  const tilesUnderLoad = await benchTilesUnderLoad();

  // SYNTHETIC detail: 24 bản per commune (Mường Bang has 23), about 80,000 for the country.
  const shape = index.communes.map((c) => ({ code: c.code, provinceCode: c.provinceCode, formerUnits: c.formerUnits?.length ?? 3 }));
  const province = syntheticDetail(shape.filter((c) => c.provinceCode === SON_LA), 24);
  const country = syntheticDetail(shape, 24);
  const provinceMs: number[] = [];
  for (let i = 0; i < 20; i++) provinceMs.push(await timed(() => coverageOver(province)));
  const countryMs: number[] = [];
  for (let i = 0; i < 5; i++) countryMs.push(await timed(() => coverageOver(country)));

  // Work size against time: 1×, 10× and 100× the synthetic detail of 33 communes (792, 7,920 and 79,200 bản), to
  // show whether the cost grows linearly with the units (the engine works commune by commune).
  const base = shape.slice(0, 33);
  const workSize = [1, 10, 100].map((factor) => {
    const communes = syntheticDetail(Array.from({ length: factor }, (_, k) => base.map((c) => ({ ...c, code: `${c.code}-${k}` }))).flat(), 24, factor);
    const bans = communes.length * 24;
    const ms = percentile(Array.from({ length: 3 }, () => { const t = performance.now(); coverageOver(communes); return performance.now() - t; }), 0.5);
    return { factor: `${factor}×`, bans, ms: round(ms), msPerThousandBans: round((ms / bans) * 1000, 3) };
  });

  return {
    stores,
    ...(typeof postgres === 'string' ? { postgresSkipped: postgres } : {}),
    index: { load: round(load), bbox: stats(indexBbox), search: stats(indexSearch) },
    tilesUnderLoad,
    coverage: {
      province: { bans: province.length * 24, communes: province.length, ms: stats(provinceMs) },
      country: { bans: country.length * 24, communes: country.length, ms: stats(countryMs) },
    },
    workSize,
    note: 'coverage and work size run the fact engine (geo/facts) over SYNTHETIC bản generated in tests/bench/synthetic-detail.ts: timing only, never data',
  };
}

/** Print the national bench as tables. */
export function printNational(r: NationalBench): void {
  console.log('\nNational scale (3,321 communes; goals: bbox p50 ≤ 20 ms, tile p50 ≤ 30 ms, province coverage ≤ 100 ms)');
  console.table(Object.fromEntries(r.stores.flatMap((s) => [
    [`${s.store}: GraphQL communes(bbox:) over HTTP`, s.graphql.bbox],
    ...(s.bboxDuringCut ? [[`${s.store}: the same while the new portal cuts its tiles`, s.bboxDuringCut]] : []),
    [`${s.store}: GraphQL communes(search:) over HTTP`, s.graphql.search],
  ])));
  console.table({ 'index bbox (in process)': r.index.bbox, 'index search (in process)': r.index.search });
  console.log(`index load (first use): ${r.index.load} ms`);
  for (const s of r.stores) {
    console.log(`${s.store}: first tile request of a new portal (z9, sent as soon as it started): ${s.firstTileMs.fresh} ms` +
      (s.firstTileMs.restarted !== undefined ? `; started again on its kept tiles: ${s.firstTileMs.restarted} ms` : ''));
    if (typeof s.tiles === 'string') console.log(`${s.store} tiles: ${s.tiles}`);
    else console.table(s.tiles.map((t) => ({ store: s.store, ...t })));
  }
  if (r.postgresSkipped) console.log(`PostgreSQL rows skipped: ${r.postgresSkipped}`);
  if (r.tilesUnderLoad) printTilesUnderLoad(r.tilesUnderLoad);
  console.log(`coverage over SYNTHETIC detail: Sơn La ${r.coverage.province.communes} communes, ${r.coverage.province.bans} bản: p50 ${r.coverage.province.ms.p50} ms; ` +
    `country ${r.coverage.country.communes} communes, ${r.coverage.country.bans} bản: p50 ${r.coverage.country.ms.p50} ms`);
  console.table(r.workSize);
}

function printTilesUnderLoad(r: NonNullable<NationalBench['tilesUnderLoad']>): void {
  if (typeof r === 'string') { console.log(`tiles under load: ${r}`); return; }
  console.log(`one client asking for ${r.tiles} distinct z8 tiles (${TILE_CLIENT_CONCURRENCY} at a time; ${r.notOk} not 200):`);
  console.table({ 'z8 tile': r.tileMs, '{ commune { name } } meanwhile': r.communeName });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // --tiles: only the tile rows under load (a fresh portal), without the GraphQL, index and synthetic rows.
  const run = process.argv.includes('--tiles')
    ? benchTilesUnderLoad().then(printTilesUnderLoad)
    : benchNational().then(printNational);
  run.catch((e) => { console.error(e); process.exit(1); });
}
