// The peer bench (issue 17): the portal's uncached reads against the peer an analyst would pick, PostGraphile 4 with
// @graphile/postgis, on the same data in the same run. `npm run bench:peer` installs the peer (tests/bench/peer/, its
// own package.json, never a dependency of the portal) and runs this; `npm run bench` adds these rows when the peer is
// installed. Nothing here is imported by `npm test`.
//
// One throwaway PostgreSQL cluster (tests/helpers/postgres-cluster.ts); the portal on DATABASE_URL migrates and seeds
// its database as a first start does; peer-schema.sql then adds three views in a schema `peer` and a role that can
// only read them, and PostGraphile serves those views from the same database. Before timing, each case's two answers
// must carry the same bản ids, the same vertex counts and the same counts. The portal runs with ANSWER_CACHE_BYTES=0
// and every request is a POST, so no answer comes from its answer cache: each request is parsed, validated and
// resolved (from the store's per-data-version snapshot, as every read is). The same portal on SQLite is measured too.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startServer, type RunningServer } from '../helpers/start-server.ts';
import { createPostgisDatabase, postgisInstalled, postgresBinDir, startCluster, type Cluster } from '../helpers/postgres-cluster.ts';
import { CONNECTIONS, DURATION_S, graphqlPost, measure, WARMUP_S, type Measure } from './uncached-measure.ts';

const peerDir = new URL('./peer/', import.meta.url).pathname;
const root = new URL('../..', import.meta.url).pathname;

type Side = 'portal (PostgreSQL)' | 'portal (SQLite)' | 'PostGraphile 4 + PostGIS' | 'portal before (PostgreSQL)' | 'portal before (SQLite)';
export interface PeerRow { case: string; side: Side; bytes: number; m: Measure }
export interface PeerBench { method: string; rows: PeerRow[]; skipped: string | null }

type Json = any; // GraphQL answers, read by each case's own facts function

/** What both answers of a case must agree on before it is timed: ids and vertex counts, or counts. */
interface Case {
  name: string;
  portal: string;
  peer: string;
  portalFacts: (data: Json) => unknown;
  peerFacts: (data: Json) => unknown;
}

/** Positions in a GeoJSON geometry's coordinates (vertex count). */
function positions(coords: unknown): number {
  if (!Array.isArray(coords)) return 0;
  return typeof coords[0] === 'number' ? 1 : coords.reduce((n: number, c) => n + positions(c), 0);
}
const villageFacts = (v: Json) => ({ id: v.id, name: v.name, vertices: positions(v.geometry.coordinates) });

const CASES: Case[] = [
  {
    // No data at all: what every request costs before its resolvers (HTTP, body, sessions, limits, GraphQL's pipeline).
    name: 'fixed cost: { __typename }',
    portal: '{ __typename }',
    peer: '{ __typename }',
    portalFacts: (d) => d.__typename,
    peerFacts: (d) => d.__typename,
  },
  {
    name: 'all 23 bản with GeoJSON geometry',
    portal: '{ villages { id name geometry } }',
    peer: '{ allVillages(orderBy: SORT_ASC) { nodes { id name geometry { geojson } } } }',
    portalFacts: (d) => d.villages.map(villageFacts),
    peerFacts: (d) => d.allVillages.nodes.map((v: Json) => villageFacts({ ...v, geometry: v.geometry.geojson })),
  },
  {
    // The portal has no village(id:): its filter finds a bản by id or provisional label ("ml-04").
    name: 'one bản by id (ml-04) with geometry',
    portal: '{ villages(filter: { search: "ml-04" }) { id name geometry } }',
    peer: '{ villageById(id: "ml-04") { id name geometry { geojson } } }',
    portalFacts: (d) => d.villages.map(villageFacts),
    peerFacts: (d) => [villageFacts({ ...d.villageById, geometry: d.villageById.geometry.geojson })],
  },
  {
    name: 'coverage(drugFree) by former commune',
    portal: '{ coverage(indicator: "drugFree") { groups { id achieved total } } }',
    peer: '{ allCoverageGroups(condition: { indicator: "drugFree" }) { nodes { formerCommuneId achieved total } } }',
    portalFacts: (d) => d.coverage.groups.map((g: Json) => `${g.id} ${g.achieved}/${g.total}`).sort(),
    peerFacts: (d) => d.allCoverageGroups.nodes.map((g: Json) => `${g.formerCommuneId} ${g.achieved}/${g.total}`).sort(),
  },
];

/** True when tests/bench/peer has been installed (npm ci --prefix tests/bench/peer). */
export function peerInstalled(): boolean {
  return existsSync(join(peerDir, 'node_modules', 'postgraphile', 'package.json'))
    && existsSync(join(peerDir, 'node_modules', '@graphile', 'postgis', 'package.json'));
}

async function post(url: string, query: string): Promise<{ bytes: number; data: Json }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const text = await res.text();
  const body = JSON.parse(text);
  if (res.status !== 200 || body.errors) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return { bytes: Buffer.byteLength(text), data: body.data };
}

/** Start PostGraphile (tests/bench/peer/serve-peer.mjs) in its own process; resolves with its /graphql URL. */
async function startPeer(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['serve-peer.mjs', databaseUrl], { cwd: peerDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`PostGraphile did not start in 60 s:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d;
      const m = /peer:(\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`PostGraphile exited with ${code}:\n${out}`)); });
  });
  return { url: `http://127.0.0.1:${port}/graphql`, child };
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function sql(url: string, text: string) {
  const c = new pg.Client(url);
  await c.connect();
  try { await c.query(text); } finally { await c.end(); }
}

/**
 * Check that a case's answers agree (the facts compared as JSON), then time every side twice, in one order and then
 * in the reverse one, so that a change in the machine's load (it is shared) weighs on every side alike: the mean of
 * the two is reported.
 */
async function benchCase(c: Case, sides: Array<{ side: Side; url: string }>): Promise<PeerRow[]> {
  const isPeer = (s: { side: Side }) => s.side.startsWith('PostGraphile');
  const bytes = new Map<Side, number>();
  let expected: string | null = null;
  for (const s of sides) {
    const answer = await post(s.url, isPeer(s) ? c.peer : c.portal);
    const facts = JSON.stringify((isPeer(s) ? c.peerFacts : c.portalFacts)(answer.data));
    if (expected === null) expected = facts;
    else if (facts !== expected) throw new Error(`${c.name}: ${s.side} answers ${facts}, not ${expected}`);
    bytes.set(s.side, answer.bytes);
  }
  const runs = new Map<Side, Measure[]>(sides.map((s) => [s.side, []]));
  for (const s of [...sides, ...[...sides].reverse()]) runs.get(s.side)!.push(await measure(s.url, graphqlPost(isPeer(s) ? c.peer : c.portal)));
  const mean = (ms: Measure[], k: keyof Measure) => ms.reduce((t, m) => t + m[k], 0) / ms.length;
  return sides.map((s) => {
    const ms = runs.get(s.side)!;
    return { case: c.name, side: s.side, bytes: bytes.get(s.side)!, m: {
      rps: mean(ms, 'rps'), p50: mean(ms, 'p50'), p99: mean(ms, 'p99'), errors: mean(ms, 'errors') * ms.length, non2xx: mean(ms, 'non2xx') * ms.length,
    } };
  });
}

/**
 * The peer bench: skipped (with the reason) when the peer or PostgreSQL/PostGIS is not installed. `before`: the
 * main.js of an earlier build (a copy of dist/server elsewhere under the repository), timed in the same turns as
 * "portal before", for an A/B of a change.
 */
export async function benchPeer(opts: { before?: string } = {}): Promise<PeerBench> {
  const method = `uncached: portals (built, as npm start runs them) with ANSWER_CACHE_BYTES=0, every request a POST; PostGraphile ${peerVersion()} `
    + `+ @graphile/postgis over views of the portal's own PostgreSQL tables (tests/bench/peer/peer-schema.sql), role peer_reader; `
    + `both pools 10; autocannon, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${DURATION_S} s, twice per side (in one order then `
    + 'the reverse; the mean of the two: p50/p99 are means of two runs\' percentiles), loopback; '
    + 'answers checked equal (ids, names, vertex counts, counts) before timing';
  const bin = postgresBinDir();
  const skipped = !peerInstalled() ? 'the peer is not installed (npm run bench:peer installs it)'
    : !bin ? 'PostgreSQL binaries (initdb, pg_ctl) not found'
      : !postgisInstalled(bin) ? 'PostGIS is not installed for this PostgreSQL' : null;
  if (skipped) {
    console.log(`!!! peer bench SKIPPED: ${skipped}`);
    return { method, rows: [], skipped };
  }
  let cluster: Cluster | null = null;
  const running: RunningServer[] = [];
  let peer: ChildProcess | null = null;
  try {
    cluster = await startCluster(bin!);
    const url = await createPostgisDatabase(cluster, 'atlas_peer');
    // The portal's first start migrates and seeds the database; the peer's views and role come after.
    const onPg = await startServer({ built: true, env: { ANSWER_CACHE_BYTES: '0', DATABASE_URL: url } });
    running.push(onPg);
    await sql(url, readFileSync(join(peerDir, 'peer-schema.sql'), 'utf8'));
    const started = await startPeer(url.replace('postgres@', 'peer_reader@'));
    peer = started.child;
    const onSqlite = await startServer({ built: true, env: { ANSWER_CACHE_BYTES: '0' } });
    running.push(onSqlite);
    const graphql = (s: RunningServer) => `${s.url.replace('localhost', '127.0.0.1')}graphql`;
    const sides: Array<{ side: Side; url: string }> = [{ side: 'PostGraphile 4 + PostGIS', url: started.url }];
    if (opts.before) {
      // The earlier build on the same database (a second portal on it, as two portals may share one) and on a SQLite
      // file of its own; each of its sides is timed next to the same side of this build.
      const beforePg = await startServer({ built: true, builtEntry: opts.before, env: { ANSWER_CACHE_BYTES: '0', DATABASE_URL: url } });
      running.push(beforePg);
      const beforeSqlite = await startServer({ built: true, builtEntry: opts.before, env: { ANSWER_CACHE_BYTES: '0' } });
      running.push(beforeSqlite);
      sides.push({ side: 'portal before (PostgreSQL)', url: graphql(beforePg) }, { side: 'portal (PostgreSQL)', url: graphql(onPg) },
        { side: 'portal before (SQLite)', url: graphql(beforeSqlite) }, { side: 'portal (SQLite)', url: graphql(onSqlite) });
    } else {
      sides.push({ side: 'portal (PostgreSQL)', url: graphql(onPg) }, { side: 'portal (SQLite)', url: graphql(onSqlite) });
    }
    const rows: PeerRow[] = [];
    for (const c of CASES) rows.push(...await benchCase(c, sides));
    return { method, rows, skipped: null };
  } finally {
    if (peer) await stopChild(peer);
    for (const s of running) await s.stop();
    cluster?.stop();
  }
}

function peerVersion(): string {
  const file = join(peerDir, 'node_modules', 'postgraphile', 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : '4 (not installed)';
}

/** One row per case and side, with the portal's rate as a multiple of the peer's (goal ≥ 1). */
export function printPeer(b: PeerBench): void {
  if (b.skipped) { console.log(`peer bench skipped: ${b.skipped}`); return; }
  const peerRps = new Map(b.rows.filter((r) => r.side.startsWith('PostGraphile')).map((r) => [r.case, r.m.rps]));
  console.table(b.rows.map((r) => ({
    case: r.case, side: r.side, bytes: r.bytes, rps: Math.round(r.m.rps), 'p50/p99 ms': `${Math.round(r.m.p50)}/${Math.round(r.m.p99)}`,
    'rps ÷ peer': Math.round((r.m.rps / peerRps.get(r.case)!) * 100) / 100, 'errors/non2xx': `${r.m.errors}/${r.m.non2xx}`,
  })));
}

/** Install the peer from its lock file when it is not installed (npm run bench:peer). */
export function installPeer(): void {
  if (peerInstalled()) return;
  execFileSync('npm', ['ci', '--prefix', peerDir, '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  (async () => {
    installPeer();
    // --before <main.js>: also time an earlier build (e.g. `cp -a dist/server dist/server-before` before the change).
    const i = process.argv.indexOf('--before');
    const b = await benchPeer(i > 0 && process.argv[i + 1] ? { before: process.argv[i + 1] } : {});
    printPeer(b);
    const { resultsFile, writeResults } = await import('./results-file.ts');
    console.log(`written ${writeResults(resultsFile('peer-results.json'), { date: new Date().toISOString(), ...b })}`);
  })().catch((e) => { console.error(e); process.exit(1); });
}
