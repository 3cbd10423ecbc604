// `npm run bench`: the portal's /graphql against a raw node:http server sending the same bytes,
// measured the same way in the same run, plus the schematic partition of the real commune and the
// page in headless Chromium (page.ts: first choropleth, restyle, bytes of a first load).
// Loopback only; prints a table and writes tests/bench/out/results.json (git-ignored), or with
// `npm run bench -- --save` the committed tests/bench/results.json; `npm run bench -- --only national` runs the
// national part alone. Never part of `npm test`.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resultsFile, writeResults } from './results-file.ts';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MultiPolygon } from 'geojson';
import { cleanPolygon } from '../../geo/clean-polygon.ts';
import { partitionCommune, type ZoneInput } from '../../geo/partition-commune.ts';
import { readBoundary } from '../../geo/read-boundary.ts';
import { readSeedBundle } from '../../geo/seed-bundle.ts';
import { startServer } from '../helpers/start-server.ts';
import buildWebIfChanged from '../helpers/global-setup.ts';
import { benchPage, printPage, type PageBench } from './page.ts';
import { benchHttpCache, printHttpCache } from './http-cache.ts';
import { benchNational, printNational } from './national.ts';
import { benchStores, printStores } from './stores.ts';
import { benchPeer, peerInstalled, printPeer } from './peer.ts';

const WARMUP_S = 1;
const DURATION_S = 4; // 3 cases × 2 servers × (1 + 4) s, plus start-up and the partition: under a minute, the page ~40 s more
const CONNECTIONS = 10;
const PARTITION_RUNS = 2; // ~4 s each: the whole bench must stay under two minutes
const root = new URL('../..', import.meta.url).pathname;
const seedDir = join(root, 'seeds', 'muong-bang');

const SOURCE = 'source { doc title section ref label }';
const CASES = [
  {
    name: 'coverage(drugFree)',
    query: `{ coverage(indicator: "drugFree") { indicator indicatorName achieved total share complete target targetComparator
      targetNo targetMet unknownVillages ${SOURCE} consistentWithSource
      groups { id code name achieved total share complete unknownVillages basis ${SOURCE} formula } } }`,
  },
  {
    name: 'villageFeatures(3 indicators)',
    query: `{ villageFeatures(indicators: ["drugFree", "culturalVillage", "carRoadAccess"]) }`,
  },
  {
    name: 'villages(filtered){geometry}',
    query: `{ villages(filter: { formerCommune: "Mường Lang", indicator: "drugFree", state: [UNKNOWN] }) { id name geometry } }`,
  },
];

interface Measure { rps: number; mean: number; p50: number; p99: number; errors: number; non2xx: number }

/** Warm up, then measure one URL with the same POST autocannon sends to both servers. */
async function measure(url: string, body: string): Promise<Measure> {
  const opts = {
    url, method: 'POST' as const, body, connections: CONNECTIONS,
    headers: { 'content-type': 'application/json' },
  };
  await autocannon({ ...opts, duration: WARMUP_S });
  const r = await autocannon({ ...opts, duration: DURATION_S });
  return { rps: r.requests.average, mean: r.latency.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

// The baseline: a bare node:http server in its own process (like the portal, so neither shares
// autocannon's thread) that answers every request with one fixed body, read once from a file.
const RAW_SERVER = `
const http = require('node:http');
const { readFileSync } = require('node:fs');
const body = readFileSync(process.argv[1]);
const type = process.argv[2];
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': type, 'content-length': body.length }); res.end(body); });
});
server.listen(0, '127.0.0.1', () => console.log('raw:' + server.address().port));
`;

async function startRaw(bodyFile: string, contentType: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', RAW_SERVER, bodyFile, contentType], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /raw:(\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`raw server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/graphql`, child };
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Milliseconds of partitionCommune on the official commune polygon with the seeds' zones, as seeding runs it. */
function benchPartition() {
  const bundle = readSeedBundle(seedDir);
  const manifest = JSON.parse(readFileSync(join(seedDir, 'boundaries.json'), 'utf8')) as { commune: { file: string } };
  const commune: MultiPolygon = cleanPolygon(readBoundary(join(seedDir, manifest.commune.file)).geometry);
  const zones: ZoneInput[] = bundle.formerCommunes.map((fc) => {
    const land = bundle.observations.find((o) => o.unit === fc.id && o.indicator === 'landAreaKm2');
    return {
      id: fc.id,
      targetAreaKm2: Number(land?.value),
      villages: bundle.villages.filter((v) => v.formerCommune === fc.id).map((v) => ({ id: v.id, centre: v.centre?.lonLat ?? null })),
    };
  });
  const ms: number[] = [];
  for (let i = 0; i < PARTITION_RUNS; i++) {
    const t0 = performance.now();
    partitionCommune(commune, zones);
    ms.push(Math.round((performance.now() - t0) * 10) / 10);
  }
  // The first run also pays for JIT compilation; the fastest is the steady cost.
  return { runs: PARTITION_RUNS, ms, minMs: Math.min(...ms) };
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

async function main() {
  const started = Date.now();
  // The page rows need the built page: built here as before the tests (skipped when dist/web matches the sources).
  buildWebIfChanged();
  const tmp = mkdtempSync(join(tmpdir(), 'atlas-bench-'));
  const portal = await startServer();
  const graphqlUrl = new URL('graphql', portal.url).href.replace('localhost', '127.0.0.1');
  const results = [];
  let page: PageBench;
  try {
    for (const [i, c] of CASES.entries()) {
      const body = JSON.stringify({ query: c.query });
      const res = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const bytes = Buffer.from(await res.arrayBuffer());
      const parsed = JSON.parse(bytes.toString('utf8'));
      if (res.status !== 200 || parsed.errors) throw new Error(`${c.name}: the portal answered ${res.status} ${JSON.stringify(parsed.errors)}`);
      const bodyFile = join(tmp, `case-${i}.json`);
      writeFileSync(bodyFile, bytes);
      const portalM = await measure(graphqlUrl, body);
      // What the measured requests were: answers from the response cache, as every repeated read is.
      const portalCache = (await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).headers.get('x-atlas-cache');
      const raw = await startRaw(bodyFile, res.headers.get('content-type') ?? 'application/json');
      let rawM: Measure;
      try { rawM = await measure(raw.url, body); } finally { await stopChild(raw.child); }
      results.push({
        name: c.name, responseBytes: bytes.length, portal: portalM, raw: rawM,
        cache: portalCache,
        ratio: {
          rps: round(portalM.rps / rawM.rps, 3),
          mean: round(portalM.mean / rawM.mean, 2),
          // autocannon's percentiles are whole milliseconds: a raw 0 ms counts as 1 ms here.
          p50: round(Math.max(portalM.p50, 1) / Math.max(rawM.p50, 1), 2),
          p99: round(Math.max(portalM.p99, 1) / Math.max(rawM.p99, 1), 2),
        },
      });
    }
    // Last, on the same portal: its response cache is as warm as a running portal's.
    page = await benchPage(portal.url);
  } finally {
    await portal.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  const partition = benchPartition();
  // The built portal as npm start runs it: cached GET reads and 304s against raw, uncached reads, RSS.
  const httpCache = await benchHttpCache();
  // Vietnam's 3,321 communes: bbox, search, tiles, and the fact engine over synthetic national detail.
  const national = await benchNational();
  // The same uncached reads on SQLite and on PostgreSQL/PostGIS (skipped, with a printed line, without its binaries).
  const stores = await benchStores();
  // The portal's uncached reads against PostGraphile 4 + PostGIS on the same data, when the peer is installed
  // (npm run bench:peer installs it; it is never a dependency of the portal).
  const peer = peerInstalled() ? await benchPeer() : null;
  if (!peer) console.log('peer bench not run: tests/bench/peer is not installed (npm run bench:peer installs and runs it)');

  const out = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpuCount: cpus().length,
    method: `autocannon, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${DURATION_S} s per server, loopback; raw = node:http in its own process sending the portal's exact bytes; latencies in ms (percentiles whole ms; a 0 counts as 1 in ratios); the portal answers repeated reads from its response cache (cache: hit)`,
    cases: results,
    partitionCommune: partition,
    httpCache,
    national,
    stores,
    peer,
    page,
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };
  const written = writeResults(resultsFile('results.json'), out);

  const rows = results.map((r) => ({
    case: r.name,
    bytes: r.responseBytes,
    'portal rps': Math.round(r.portal.rps),
    'raw rps': Math.round(r.raw.rps),
    'rps ratio': r.ratio.rps,
    'portal mean/p50/p99 ms': `${round(r.portal.mean, 1)}/${r.portal.p50}/${r.portal.p99}`,
    'raw mean/p50/p99 ms': `${round(r.raw.mean, 1)}/${r.raw.p50}/${r.raw.p99}`,
    'mean ratio': r.ratio.mean,
    'p50 ratio': r.ratio.p50,
    'p99 ratio': r.ratio.p99,
    cache: r.cache,
    'errors/non2xx': `${r.portal.errors + r.raw.errors}/${r.portal.non2xx + r.raw.non2xx}`,
  }));
  console.log(`\n${out.date}  node ${out.node}  ${out.cpu} ×${out.cpuCount}`);
  console.table(rows);
  console.log(`partitionCommune (real commune, 23 bản): ${partition.ms.join(', ')} ms (fastest ${partition.minMs} ms)`);
  printHttpCache(httpCache);
  printNational(national);
  printStores(stores);
  if (peer) printPeer(peer);
  printPage(page);
  console.log(`written ${written} in ${out.totalSeconds} s${written.includes('/out/') ? ' (npm run bench -- --save updates the committed tests/bench/results.json)' : ''}`);
}

/** `npm run bench -- --only national`: that part alone, printed and written to tests/bench/out/national.json. */
async function onlyNational() {
  const started = Date.now();
  const national = await benchNational();
  printNational(national);
  const written = writeResults(resultsFile('national.json', []), {
    date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cpuCount: cpus().length,
    national, totalSeconds: Math.round((Date.now() - started) / 1000),
  });
  console.log(`written ${written}`);
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
if (only !== null && only !== 'national') {
  console.error(`--only takes "national" (the only part that runs alone this way; the others: npx tsx tests/bench/<part>.ts)`);
  process.exit(2);
}
(only === 'national' ? onlyNational() : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
