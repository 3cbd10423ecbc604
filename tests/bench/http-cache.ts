// The HTTP-caching half of `npm run bench` (issue 17), on the portal as `npm start` runs it (built
// JavaScript): anonymous GET reads by persisted id answered from the answer cache, and 304 revalidation, each
// against a raw node:http server sending the same bytes and headers in the same run; uncached reads (a portal
// with ANSWER_CACHE_BYTES=0 keeps nothing); and the portal's RSS at idle and after these loads.
// Called by run.ts; `tsx tests/bench/http-cache.ts` runs it alone and prints the table.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../helpers/start-server.ts';
import { loadPersistedOperations } from '../../server/client-types/persisted-operations.ts';

const WARMUP_S = 1;
const DURATION_S = 4;
const CONNECTIONS = 10;
const root = new URL('../..', import.meta.url).pathname;

interface Measure { rps: number; p50: number; p99: number; errors: number; non2xx: number }
export interface CacheRow { name: string; bytes: number; status: number; portal: Measure; raw: Measure; rpsRatio: number }
export interface UncachedRow { name: string; bytes: number; portal: Measure }
export interface HttpCacheBench {
  method: string;
  cached: CacheRow[];
  uncached: UncachedRow[];
  rssMb: { idle: number; afterLoad: number };
}

/**
 * Warm up, then measure one request autocannon repeats on 10 connections (2xx and 304 both count as answered).
 * `expect`: the status class every answer must have; a 304 row that got 200s would measure something else.
 */
async function measure(url: string, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }, expect: '2xx' | '3xx' = '2xx'): Promise<Measure> {
  const opts = { url, connections: CONNECTIONS, ...init };
  await autocannon({ ...opts, duration: WARMUP_S });
  const r = await autocannon({ ...opts, duration: DURATION_S });
  const other = expect === '2xx' ? '3xx' : '2xx';
  if (r[expect] === 0 || r[other] > 0) throw new Error(`${url}: expected ${expect} answers, got ${r['2xx']} 2xx, ${r['3xx']} 3xx, ${r.non2xx} not 2xx`);
  const answered = r['2xx'] + r['3xx'];
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.requests.sent ? Math.max(0, r.requests.total - answered) : 0 };
}

// The baseline: node:http in its own process sending the portal's exact body and caching headers, with 304
// when If-None-Match names its ETag: what any server must at least do to answer the same request.
const RAW_SERVER = `
const http = require('node:http');
const { readFileSync } = require('node:fs');
const body = readFileSync(process.argv[1]);
const head = JSON.parse(process.argv[2]);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.headers['if-none-match'] === head.etag) { res.writeHead(304, head); res.end(); return; }
    res.writeHead(200, { ...head, 'content-length': body.length }); res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log('raw:' + server.address().port));
`;

async function withRaw<T>(body: Buffer, head: Record<string, string>, run: (url: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-raw-'));
  writeFileSync(join(dir, 'body'), body);
  const child: ChildProcess = spawn(process.execPath, ['-e', RAW_SERVER, join(dir, 'body'), JSON.stringify(head)], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => { out += d; const m = /raw:(\d+)/.exec(out); if (m) resolve(m[1]!); });
      child.on('exit', (code) => reject(new Error(`raw server exited with ${code}`)));
    });
    return await run(`http://127.0.0.1:${port}/graphql`);
  } finally {
    if (child.exitCode === null) { const exited = new Promise((r) => child.once('exit', r)); child.kill('SIGTERM'); await exited; }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Resident memory of a process (Linux /proc), in MB. */
function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The GET query string naming a manifest operation (the page's) by id, with variables. */
function byId(operation: string, variables?: Record<string, unknown>): string {
  const manifest = loadPersistedOperations(root);
  const id = Object.keys(manifest).find((k) => new RegExp(`^query ${operation}\\b`).test(manifest[k]!));
  if (!id) throw new Error(`${operation} is not in server/persisted-operations.json`);
  const params = new URLSearchParams({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: id } }) });
  if (variables) params.set('variables', JSON.stringify(variables));
  return `?${params}`;
}

const GET_CASES = [
  { name: 'GET coverage(drugFree)', search: () => byId('AtlasCoverage', { indicator: 'drugFree' }) },
  { name: 'GET villages (page, with outlines)', search: () => byId('AtlasVillages') },
  { name: 'GET commune (page, with outlines)', search: () => byId('AtlasCommune') },
];
const GET_HEADERS = { 'apollo-require-preflight': 'true' };

/** Cached GET reads and 304s against raw, on a running built portal. */
async function cachedRows(portal: RunningServer): Promise<CacheRow[]> {
  const base = new URL('graphql', portal.url).href.replace('localhost', '127.0.0.1');
  const rows: CacheRow[] = [];
  for (const c of GET_CASES) {
    const url = `${base}${c.search()}`;
    // autocannon sends no Accept-Encoding: the plain answer, whose ETag is the plain one (each encoding has its own;
    // fetch would ask for gzip, and a 304 row revalidating gzip's tag would get 200s with the whole body).
    const res = await fetch(url, { headers: { ...GET_HEADERS, 'accept-encoding': 'identity' } });
    const body = Buffer.from(await res.arrayBuffer());
    const etag = res.headers.get('etag');
    if (res.status !== 200 || !etag) throw new Error(`${c.name}: ${res.status} ${body.toString('utf8').slice(0, 300)}`);
    const head = { etag, 'content-type': res.headers.get('content-type')!, 'cache-control': res.headers.get('cache-control')!, vary: 'Accept-Encoding' };
    const portalM = await measure(url, { method: 'GET', headers: GET_HEADERS });
    const rawM = await withRaw(body, head, (raw) => measure(`${raw}${c.search()}`, { method: 'GET', headers: GET_HEADERS }));
    rows.push({ name: c.name, bytes: body.length, status: 200, portal: portalM, raw: rawM, rpsRatio: Math.round((portalM.rps / rawM.rps) * 100) / 100 });
    if (c === GET_CASES[0]) {
      const headers = { ...GET_HEADERS, 'if-none-match': etag };
      const portal304 = await measure(url, { method: 'GET', headers }, '3xx');
      const raw304 = await withRaw(body, head, (raw) => measure(`${raw}${c.search()}`, { method: 'GET', headers }, '3xx'));
      rows.push({ name: `${c.name} → 304`, bytes: 0, status: 304, portal: portal304, raw: raw304, rpsRatio: Math.round((portal304.rps / raw304.rps) * 100) / 100 });
    }
  }
  return rows;
}

/** Reads no cache answers: each request goes through Apollo, the resolvers and serialisation. */
async function uncachedRows(portal: RunningServer): Promise<UncachedRow[]> {
  const url = new URL('graphql', portal.url).href.replace('localhost', '127.0.0.1');
  const post = (query: string, variables?: Record<string, unknown>) => ({ method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const coverage = Object.values(loadPersistedOperations(root)).find((t) => t.startsWith('query AtlasCoverage('))!;
  const cases = [
    { name: 'POST villages { id name geometry } (23 bản)', init: post('{ villages { id name geometry } }') },
    // The schema has no village(id:); one bản is a page of one.
    { name: 'POST one bản { id name geometry }', init: post('{ villages(offset: 4, limit: 1) { id name geometry } }') },
    { name: 'POST coverage(drugFree), the page\'s query', init: post(coverage, { indicator: 'drugFree' }) },
  ];
  const rows: UncachedRow[] = [];
  for (const { name, init } of cases) {
    const res = await fetch(url, init);
    const text = await res.text();
    if (res.status !== 200 || JSON.parse(text).errors) throw new Error(`${name}: ${res.status} ${text.slice(0, 300)}`);
    if (res.headers.get('x-atlas-cache') === 'hit') throw new Error(`${name}: answered from the cache`);
    rows.push({ name, bytes: Buffer.byteLength(text), portal: await measure(url, init) });
  }
  return rows;
}

/** The whole HTTP-caching bench: seeds a database, restarts on it (idle RSS without seeding), loads, measures. */
export async function benchHttpCache(): Promise<HttpCacheBench> {
  const seeded = await startServer({ built: true });
  const dataDir = seeded.dataDir;
  await seeded.stop({ keepData: true });
  try {
    const portal = await startServer({ built: true, dataDir });
    let cached: CacheRow[];
    let idle: number;
    let afterLoad: number;
    try {
      await settle(3000);
      idle = rssMb(portal.process.pid!);
      cached = await cachedRows(portal);
      afterLoad = rssMb(portal.process.pid!);
    } finally { await portal.stop(); }
    const bare = await startServer({ built: true, dataDir, env: { ANSWER_CACHE_BYTES: '0' } });
    let uncached: UncachedRow[];
    try {
      uncached = await uncachedRows(bare);
      afterLoad = Math.max(afterLoad, rssMb(bare.process.pid!));
    } finally { await bare.stop(); }
    return {
      method: `built portal (node dist/server/main.js); autocannon, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${DURATION_S} s each, loopback, no Accept-Encoding; raw = node:http in its own process sending the same bytes and caching headers (304 on its ETag); uncached = a portal started with ANSWER_CACHE_BYTES=0; RSS from /proc after 3 s idle on an existing database and after these loads`,
      cached, uncached, rssMb: { idle, afterLoad },
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The bench's rows as a table. */
export function printHttpCache(b: HttpCacheBench): void {
  console.table(b.cached.map((r) => ({
    case: r.name, bytes: r.bytes, 'portal rps': Math.round(r.portal.rps), 'raw rps': Math.round(r.raw.rps), 'rps ratio': r.rpsRatio,
    'portal p50/p99 ms': `${r.portal.p50}/${r.portal.p99}`, 'raw p50/p99 ms': `${r.raw.p50}/${r.raw.p99}`,
    'errors/unanswered': `${r.portal.errors + r.raw.errors}/${r.portal.non2xx + r.raw.non2xx}`,
  })));
  console.table(b.uncached.map((r) => ({ 'uncached case': r.name, bytes: r.bytes, rps: Math.round(r.portal.rps), 'p50/p99 ms': `${r.portal.p50}/${r.portal.p99}`, errors: r.portal.errors })));
  console.log(`portal RSS (built): ${b.rssMb.idle} MB idle, ${b.rssMb.afterLoad} MB after the loads above`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  benchHttpCache().then(printHttpCache, (e) => { console.error(e); process.exit(1); });
}
