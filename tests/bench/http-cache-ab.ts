// A/B of the answer cache's hot paths: an earlier build of the portal (A) against this one (B), timed in turns in the
// same run, with a raw node:http server sending the same bytes as the baseline: a cached GET by persisted id, its
// 304, and cached anonymous POSTs of the three queries of `npm run bench`'s first table. Besides requests per second
// (which the load of a shared machine distorts), the CPU time each request cost each process (/proc, utime + stime).
//   git archive <commit> | tar -x -C /tmp/before && ln -s "$PWD/node_modules" /tmp/before/node_modules
//   (cd /tmp/before && node server/build-server.mjs) && node server/build-server.mjs
//   npx tsx tests/bench/http-cache-ab.ts /tmp/before        (ROUNDS=4 DUR=3 ONLY=POST to change the defaults)
// Never part of `npm test`; loopback only.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPersistedOperations } from '../../server/client-types/persisted-operations.ts';

const root = new URL('../..', import.meta.url).pathname;
const beforeDir = process.argv[2];
if (!beforeDir) { console.error('usage: npx tsx tests/bench/http-cache-ab.ts <folder of the earlier build (its dist/server/main.js built)>'); process.exit(2); }
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const DURATION_S = Number(process.env.DUR ?? 3);
const only = process.env.ONLY?.split(',');

/** CPU time the process has used so far, ms (the kernel counts in ticks of 10 ms). */
const cpuMs = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const median = (xs: number[]) => { const v = [...xs].sort((a, b) => a - b); const m = v.length >> 1; return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2; };

/** The built portal of a folder, as `npm start` runs it, on a port, on the shared database. */
function startPortal(cwd: string, port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--max-semi-space-size=4', 'dist/server/main.js'], {
    cwd, env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ATLAS_SKIP_WEB_BUILD: '1' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve) => { let out = ''; child.stdout!.on('data', (d) => { out += d; if (/http:\/\//.test(out)) resolve(child); }); });
}

// The baseline of tests/bench/http-cache.ts and run.ts: the portal's bytes; for a GET its caching headers, 304 on its tag.
const RAW_SERVER = `
const http = require('node:http');
const body = require('node:fs').readFileSync(process.argv[1]);
const head = JSON.parse(process.argv[2]);
http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (head.etag && req.headers['if-none-match'] === head.etag) { res.writeHead(304, head); res.end(); return; }
    res.writeHead(200, { ...head, 'content-length': body.length }); res.end(body);
  });
}).listen(Number(process.argv[3]), '127.0.0.1', () => console.log('raw'));
`;

interface Init { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }
interface Case { name: string; search: string; init: Init; body: Buffer; head: Record<string, string> }

async function measure(url: string, init: Init, pid: number) {
  const opts = { url, connections: 10, ...init };
  await autocannon({ ...opts, duration: 1 });
  const c0 = cpuMs(pid);
  const r = await autocannon({ ...opts, duration: DURATION_S });
  const used = cpuMs(pid) - c0;
  if (r.non2xx - r['3xx'] > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} not 2xx, ${r.errors} errors`);
  return { rps: r.requests.average, usPerRequest: (used * 1000) / r.requests.total, statuses: `${r['2xx']} 2xx, ${r['3xx']} 3xx` };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-ab-'));
  const bodies = mkdtempSync(join(tmpdir(), 'atlas-ab-raw-'));
  const a = await startPortal(beforeDir!, 4931, dataDir); // seeds the database
  const b = await startPortal(root, 4932, dataDir);
  const url = (port: number) => `http://127.0.0.1:${port}/graphql`;
  try {
    const manifest = loadPersistedOperations(root);
    const coverageId = Object.keys(manifest).find((k) => manifest[k]!.startsWith('query AtlasCoverage('))!;
    const search = `?${new URLSearchParams({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: coverageId } }), variables: JSON.stringify({ indicator: 'drugFree' }) })}`;
    const get: Init = { method: 'GET', headers: { 'apollo-require-preflight': 'true' } };
    // autocannon sends no Accept-Encoding: the plain answer, and its tag.
    const plain = async (port: number, path: string, init: Init) => {
      const res = await fetch(url(port) + path, { ...init, headers: { ...init.headers, 'accept-encoding': 'identity' } });
      return { res, body: Buffer.from(await res.arrayBuffer()) };
    };
    const g = await plain(4932, search, get);
    await plain(4931, search, get);
    const etag = g.res.headers.get('etag')!;
    const getHead = { etag, 'content-type': g.res.headers.get('content-type')!, 'cache-control': g.res.headers.get('cache-control')!, vary: 'Accept-Encoding' };
    const cases: Case[] = [
      { name: 'GET coverage(drugFree)', search, init: get, body: g.body, head: getHead },
      { name: 'GET coverage(drugFree) → 304', search, init: { ...get, headers: { ...get.headers, 'if-none-match': etag } }, body: g.body, head: getHead },
    ];
    const SOURCE = 'source { doc title section ref label }';
    const posts = {
      'POST coverage(drugFree)': `{ coverage(indicator: "drugFree") { indicator indicatorName achieved total share complete target targetComparator
      targetNo targetMet unknownVillages ${SOURCE} consistentWithSource
      groups { id code name achieved total share complete unknownVillages basis ${SOURCE} formula } } }`,
      'POST villageFeatures(3 indicators)': `{ villageFeatures(indicators: ["drugFree", "culturalVillage", "carRoadAccess"]) }`,
      'POST villages(filtered){geometry}': `{ villages(filter: { formerCommune: "Mường Lang", indicator: "drugFree", state: [UNKNOWN] }) { id name geometry } }`,
    };
    for (const [name, query] of Object.entries(posts)) {
      const init: Init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) };
      const p = await plain(4932, '', init);
      await plain(4931, '', init);
      cases.push({ name, search: '', init, body: p.body, head: { 'content-type': p.res.headers.get('content-type')! } });
    }
    const rows = [];
    for (const c of cases) {
      if (only && !only.some((o) => c.name.includes(o))) continue;
      writeFileSync(join(bodies, 'body'), c.body);
      const raw = spawn(process.execPath, ['-e', RAW_SERVER, join(bodies, 'body'), JSON.stringify(c.head), '4939'], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise((r) => raw.stdout!.once('data', r));
      const sides = { A: [4931, a.pid!], B: [4932, b.pid!], raw: [4939, raw.pid!] } as const;
      const got: Record<keyof typeof sides, Array<{ rps: number; usPerRequest: number }>> = { A: [], B: [], raw: [] };
      try {
        for (let round = 0; round < ROUNDS; round++) {
          for (const side of (round % 2 ? ['B', 'A', 'raw'] : ['A', 'B', 'raw']) as Array<keyof typeof sides>) {
            const [port, pid] = sides[side];
            got[side].push(await measure(url(port) + c.search, c.init, pid));
          }
        }
      } finally { raw.kill(); }
      const m = (side: keyof typeof sides, k: 'rps' | 'usPerRequest') => Math.round(median(got[side].map((x) => x[k])));
      rows.push({
        case: c.name, bytes: c.body.length, 'A rps': m('A', 'rps'), 'B rps': m('B', 'rps'), 'raw rps': m('raw', 'rps'),
        'A ÷ raw': Math.round((m('A', 'rps') / m('raw', 'rps')) * 100) / 100, 'B ÷ raw': Math.round((m('B', 'rps') / m('raw', 'rps')) * 100) / 100,
        'A µs/req': m('A', 'usPerRequest'), 'B µs/req': m('B', 'usPerRequest'), 'raw µs/req': m('raw', 'usPerRequest'),
      });
    }
    console.log(`A = ${beforeDir}, B = ${root}; medians of ${ROUNDS} rounds of ${DURATION_S} s in turns, 10 connections; CPU per request from /proc`);
    console.table(rows);
  } finally {
    a.kill(); b.kill();
    rmSync(bodies, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
