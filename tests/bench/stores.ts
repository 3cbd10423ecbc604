// The per-store half of `npm run bench` (issue 13): the same uncached reads on the same seeded data, on SQLite and on
// PostgreSQL/PostGIS (a throwaway cluster started here, as the tests start theirs), in the same run. Each portal keeps
// no answer (ANSWER_CACHE_BYTES=0), so every request reaches the store: bản with geometry, one bản, a coverage, a bbox
// filter (PostGIS on PostgreSQL) and a vector tile (ST_AsMVT on PostgreSQL, geojson-vt on SQLite).
// Called by run.ts; `npx tsx tests/bench/stores.ts` runs it alone and prints the table. Without the PostgreSQL
// binaries its rows are skipped with a printed line.
import { startServer, type RunningServer } from '../helpers/start-server.ts';
import { createPostgisDatabase, postgisInstalled, postgresBinDir, startCluster, type Cluster } from '../helpers/postgres-cluster.ts';
import { CONNECTIONS, DURATION_S, graphqlPost, measure, WARMUP_S, type Measure, type RepeatedRequest } from './uncached-measure.ts';

const Z = 12;

export interface StoreRow { store: 'sqlite' | 'postgres'; name: string; bytes: number; m: Measure }
export interface StoresBench { method: string; rows: StoreRow[]; skipped: string | null }

interface Case { name: string; url: (base: string) => string; init: RepeatedRequest }

const post = (name: string, query: string): Case => ({ name, url: (base) => `${base}graphql`, init: graphqlPost(query) });

/** The cases, with the tile over Bản Đung (ml-04) and a box around the commune's middle. */
function cases(tile: { x: number; y: number }, box: number[]): Case[] {
  return [
    post('villages { id name geometry }', '{ villages { id name geometry } }'),
    post('one bản (ml-04) with geometry and drugFree', '{ villages(filter: { search: "ml-04" }) { id label areaKm2 geometry resolvedValue(indicator: "drugFree") { value status } } }'),
    post('coverage(drugFree)', '{ coverage(indicator: "drugFree") { achieved total unknownVillages groups { id achieved total } villages { unitId value status } } }'),
    post('villages(filter: { bbox })', `{ villages(filter: { bbox: [${box.join(', ')}] }) { id } }`),
    { name: `tile villages/${Z}/${tile.x}/${tile.y}`, url: (base) => `${base}tiles/villages/${Z}/${tile.x}/${tile.y}.mvt`, init: { method: 'GET', headers: {} } },
  ];
}


/** Where the commune is: the z12 tile of ml-04's centre and a box over the middle third of the bản's extent. */
async function place(server: RunningServer) {
  const res = await fetch(`${server.url}graphql`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ villages { id centroid } }' }) });
  const villages = ((await res.json()) as { data: { villages: Array<{ id: string; centroid: [number, number] }> } }).data.villages;
  const [lon, lat] = villages.find((v) => v.id === 'ml-04')!.centroid;
  const n = 2 ** Z;
  const phi = (lat * Math.PI) / 180;
  const tile = { x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n) };
  const xs = villages.map((v) => v.centroid[0]);
  const ys = villages.map((v) => v.centroid[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return { tile, box: [x0 + (x1 - x0) / 3, y0 + (y1 - y0) / 3, x1 - (x1 - x0) / 3, y1 - (y1 - y0) / 3] };
}

async function benchOne(store: StoreRow['store'], env: Record<string, string>): Promise<StoreRow[]> {
  const server = await startServer({ built: true, env: { ANSWER_CACHE_BYTES: '0', ...env } });
  try {
    const base = server.url.replace('localhost', '127.0.0.1');
    const { tile, box } = await place(server);
    const rows: StoreRow[] = [];
    for (const c of cases(tile, box)) {
      const res = await fetch(c.url(base), c.init);
      const bytes = (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`${store} ${c.name}: HTTP ${res.status}`);
      rows.push({ store, name: c.name, bytes, m: await measure(c.url(base), c.init) });
    }
    return rows;
  } finally { await server.stop(); }
}

/** Both stores, one after the other, on the same seeds; PostgreSQL skipped (with the reason) when it is not installed. */
export async function benchStores(): Promise<StoresBench> {
  const method = `built portal, ANSWER_CACHE_BYTES=0 (every request reaches the store); autocannon, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${DURATION_S} s each, loopback; PostgreSQL: a throwaway cluster on this machine (fsync off), pool of 10`;
  const rows = await benchOne('sqlite', {});
  const bin = postgresBinDir();
  const skipped = !bin ? 'PostgreSQL binaries (initdb, pg_ctl) not found' : !postgisInstalled(bin) ? 'PostGIS is not installed for this PostgreSQL' : null;
  if (skipped) {
    console.log(`!!! stores bench: the PostgreSQL rows are SKIPPED: ${skipped} (Debian: apt-get install postgresql postgresql-15-postgis-3).`);
    return { method, rows, skipped };
  }
  let cluster: Cluster | null = null;
  try {
    cluster = await startCluster(bin!);
    const url = await createPostgisDatabase(cluster, 'atlas_bench');
    rows.push(...await benchOne('postgres', { DATABASE_URL: url }));
  } finally { cluster?.stop(); }
  return { method, rows, skipped };
}

/** One row per case and store, with PostgreSQL's rate as a share of SQLite's. */
export function printStores(b: StoresBench): void {
  const sqlite = new Map(b.rows.filter((r) => r.store === 'sqlite').map((r) => [r.name, r.m.rps]));
  console.table(b.rows.map((r) => ({
    store: r.store, case: r.name, bytes: r.bytes, rps: Math.round(r.m.rps), 'p50/p99 ms': `${r.m.p50}/${r.m.p99}`,
    'rps ÷ sqlite': Math.round((r.m.rps / sqlite.get(r.name)!) * 100) / 100, 'errors/non2xx': `${r.m.errors}/${r.m.non2xx}`,
  })));
  if (b.skipped) console.log(`PostgreSQL rows skipped: ${b.skipped}`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  benchStores().then(printStores, (e) => { console.error(e); process.exit(1); });
}
