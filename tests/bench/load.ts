// `npm run soak:load`: the portal under load on the loopback interface. Three runs of 60 s, each with
// autocannon's 100 connections on mixed reads (coverage, villages, villageFeatures, targets, OGC items,
// CSV export; anonymous and signed-in) while two editors change one value a few times a second. Counts
// errors and non-2xx (CONFLICTs between the editors counted apart), latency p50/p99, the latency of
// each kind of request (a probe sends one of each in turn beside the load), the server's resident
// memory (VmRSS) and its heap after a full collection, before and after each run. The portal runs as
// `npm start` runs it (built JavaScript, dist/server/main.js); its RSS idle after start and after the soak are
// the memory goals of issue 17 (≤ 150 MB, ≤ 300 MB). Fails when the heap grows from run to run. Writes
// tests/bench/load-results.json.
import autocannon from 'autocannon';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../helpers/start-server.ts';
import { createUserWithCli, signedIn, type Client } from '../helpers/session.ts';
import { percentile } from './percentile.ts';

const root = new URL('../..', import.meta.url).pathname;
const RUNS = Number(process.env.LOAD_RUNS ?? 3);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 100);
const EDITS_PER_SECOND = 4;
/** Heap growth (after GC) from the end of the first run to the end of the last that counts as a leak. */
const HEAP_GROWTH_LIMIT_MB = Number(process.env.LOAD_HEAP_GROWTH_MB ?? 16);
const PASSWORD = 'load-pass-123456';
/** Issue 17's memory goals for the built portal, in MB of RSS. */
const RSS_GOAL_MB = { idle: 150, afterSoak: 300 };
/** How long the portal is left alone after start before its idle RSS is read. */
const IDLE_SETTLE_MS = 3000;

const READS = {
  coverage: '{ coverage(indicator: "drugFree") { achieved total share complete groups { id achieved total basis } } }',
  villages: '{ villages { id label centroid geometry(precision: 5) observation(indicator: "drugFree") { value status } } }',
  villageFeatures: '{ villageFeatures(indicators: ["drugFree", "carRoadAccess"], precision: 5) }',
  targets: '{ targets { no status current { value } candidates { id } } }',
};

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

/** The server's heap in MB after a full collection (server/diagnostics/heap-report.ts, over IPC). */
function heapAfterGcMb(server: RunningServer): Promise<number> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type?: string; collected?: boolean; heapUsed?: number }) => {
      if (m?.type !== 'heap') return;
      server.process.off('message', onMessage);
      if (!m.collected) reject(new Error('the server ran without --expose-gc'));
      else resolve(Math.round((m.heapUsed! / 2 ** 20) * 10) / 10);
    };
    server.process.on('message', onMessage);
    server.process.send!({ type: 'heap' });
  });
}


/** One request of each kind in turn, timed, while the load runs: which kinds the slow answers are. */
function probeLoop(server: RunningServer, viewerCookie: string, stop: () => boolean) {
  const gql = (query: string, cookie?: string) => () => fetch(new URL('graphql', server.url), {
    method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ query }),
  });
  const kinds: Record<string, () => Promise<Response>> = {
    coverage: gql(READS.coverage), villages: gql(READS.villages), villageFeatures: gql(READS.villageFeatures), targets: gql(READS.targets),
    ogcItems: () => fetch(new URL('ogc/collections/villages/items?limit=23', server.url)),
    csvExport: () => fetch(new URL('export/villages.csv', server.url)),
    villagesSignedIn: gql(READS.villages, viewerCookie), coverageSignedIn: gql(READS.coverage, viewerCookie),
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  const done = (async () => {
    while (!stop()) {
      for (const [kind, send] of Object.entries(kinds)) {
        const t = performance.now();
        await (await send()).arrayBuffer();
        times[kind].push(performance.now() - t);
      }
    }
  })();
  const summary = () => Object.fromEntries(Object.entries(times).map(([k, v]) => {
    const s = [...v].sort((a, b) => a - b);
    return [k, { n: s.length, p50: Math.round(percentile(s, 0.5) ?? NaN), p99: Math.round(percentile(s, 0.99) ?? NaN), max: Math.round(s.at(-1) ?? NaN) }];
  }));
  return { done, summary };
}

/** Two editors on the same value, each from the version it last saw: some edits meet CONFLICT, as in real use. */
function editLoop(editors: Client[], run: number, stop: () => boolean) {
  const stats = { ok: 0, conflicts: 0, otherErrors: 0, errorSamples: [] as string[] };
  const seen = editors.map(() => 0);
  const loops = editors.map(async (e, i) => {
    for (let n = 0; !stop(); n++) {
      const t = Date.now();
      const { body } = await e.gql('mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }', {
        i: { unitId: 'fc-muong-lang', indicator: 'poorHouseholds', period: `2030-${run}`, value: n, sourceNote: 'thử tải', expectedVersion: seen[i] },
      });
      if (!body.errors) { stats.ok++; seen[i] = body.data.setObservation.version; }
      else if (body.errors[0].extensions?.code === 'CONFLICT') { stats.conflicts++; seen[i] = body.errors[0].extensions.currentVersion; }
      else { stats.otherErrors++; if (stats.errorSamples.length < 5) stats.errorSamples.push(JSON.stringify(body.errors).slice(0, 300)); }
      await new Promise((r) => setTimeout(r, Math.max(0, (1000 * editors.length) / EDITS_PER_SECOND - (Date.now() - t))));
    }
  });
  return { stats, done: Promise.all(loops) };
}

async function oneRun(server: RunningServer, viewerCookie: string, editors: Client[], run: number) {
  const pid = server.process.pid!;
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, rssMb(pid)); }, 1000);
  let graphqlErrors = 0;
  const errorSamples: string[] = [];
  const onResponse = (status: number, body: string) => {
    if (status === 200 && body.startsWith('{"errors"')) { graphqlErrors++; if (errorSamples.length < 5) errorSamples.push(body.slice(0, 300)); }
  };
  const post = (query: string, headers: Record<string, string> = {}) => ({
    method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }), onResponse,
  });
  let stop = false;
  const edits = editLoop(editors, run, () => stop);
  const probe = probeLoop(server, viewerCookie, () => stop);
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 30,
    requests: [
      post(READS.coverage), post(READS.villages), post(READS.villageFeatures), post(READS.targets),
      { method: 'GET', path: '/ogc/collections/villages/items?limit=23' },
      { method: 'GET', path: '/export/villages.csv' },
      // A signed-in viewer: answers computed for the role, never from the anonymous cache.
      post(READS.villages, { cookie: viewerCookie }), post(READS.coverage, { cookie: viewerCookie }),
    ],
  });
  stop = true;
  await edits.done;
  await probe.done;
  clearInterval(sampler);
  await new Promise((r) => setTimeout(r, 2000)); // let the server settle before the "after" sample
  const after = rssMb(pid);
  const heapAfter = await heapAfterGcMb(server);
  return {
    run,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    probeLatencyMsByKind: probe.summary(),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    graphqlErrors,
    errorSamples,
    edits: edits.stats,
    rssMb: { before, peak: Math.max(peak, after), after },
    heapAfterGcMb: heapAfter,
  };
}

async function main() {
  // The first start creates and seeds the database; the portal is then started again on it, as it runs from then on.
  const seeding = await startServer({ built: true });
  await seeding.stop({ keepData: true });
  const server = await startServer({ nodeArgs: ['--expose-gc'], ipc: true, built: true, dataDir: seeding.dataDir });
  await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
  const rssIdleMb = rssMb(server.process.pid!);
  console.log(`built portal idle after start: RSS ${rssIdleMb} MB (goal ≤ ${RSS_GOAL_MB.idle} MB)`);
  createUserWithCli(server.dataDir, 'admin', PASSWORD);
  const admin = await signedIn(server, 'admin', PASSWORD);
  for (const [u, r] of [['viewer', 'viewer'], ['editor', 'editor'], ['editor2', 'editor']]) {
    const { body } = await admin.gql('mutation ($u: String!, $p: String!, $r: String!) { createUser(username: $u, password: $p, role: $r) { role } }', { u, p: PASSWORD, r });
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  }
  const viewer = await signedIn(server, 'viewer', PASSWORD);
  const editors = [await signedIn(server, 'editor', PASSWORD), await signedIn(server, 'editor2', PASSWORD)];
  const heapAtStartMb = await heapAfterGcMb(server);
  const runs = [];
  for (let run = 1; run <= RUNS; run++) {
    const r = await oneRun(server, viewer.cookie!, editors, run);
    runs.push(r);
    console.log(`run ${run}: ${r.requests} requests (${r.requestsPerSecond}/s), p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, ` +
      `non-2xx ${r.non2xx}, errors ${r.errors}, GraphQL errors ${r.graphqlErrors}, edits ${r.edits.ok} ok / ${r.edits.conflicts} CONFLICT / ${r.edits.otherErrors} other, ` +
      `RSS ${r.rssMb.before} → ${r.rssMb.peak} (peak) → ${r.rssMb.after} MB, heap after GC ${r.heapAfterGcMb} MB`);
    const slowest = Object.entries(r.probeLatencyMsByKind).sort((a, b) => b[1].max - a[1].max)[0];
    console.log(`  probe: ${Object.entries(r.probeLatencyMsByKind).map(([k, v]) => `${k} p50 ${v.p50} / max ${v.max} ms`).join(', ')}; slowest ${slowest[0]}`);
  }
  const alive = (await admin.gql('{ me { role } }')).body.data?.me?.role === 'admin';
  await server.stop();
  rmSync(seeding.dataDir, { recursive: true, force: true });
  const results = {
    at: new Date().toISOString(),
    setup: { connections: CONNECTIONS, secondsPerRun: SECONDS, runs: RUNS, editsPerSecond: EDITS_PER_SECOND, host: '127.0.0.1 (loopback)', node: process.version, server: 'built (node --expose-gc dist/server/main.js)' },
    runs,
    totals: {
      requests: runs.reduce((s, r) => s + r.requests, 0),
      failures: runs.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts + r.graphqlErrors + r.edits.otherErrors, 0),
      conflicts: runs.reduce((s, r) => s + r.edits.conflicts, 0),
      rssIdleAfterStartMb: rssIdleMb, rssAfterFirstRunMb: runs[0]?.rssMb.after, rssAfterLastRunMb: runs.at(-1)?.rssMb.after,
      rssPeakMb: Math.max(...runs.map((r) => r.rssMb.peak)), rssGoalMb: RSS_GOAL_MB,
      heapAtStartMb, heapAfterFirstRunMb: runs[0]?.heapAfterGcMb, heapAfterLastRunMb: runs.at(-1)?.heapAfterGcMb,
      heapGrowthMb: Math.round(((runs.at(-1)?.heapAfterGcMb ?? 0) - (runs[0]?.heapAfterGcMb ?? 0)) * 10) / 10,
      heapGrowthLimitMb: HEAP_GROWTH_LIMIT_MB,
    },
    serverAnsweredAfterwards: alive,
  };
  const out = join(root, process.env.LOAD_OUT ?? 'tests/bench/load-results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Results written to ${out}`);
  console.log(`built portal RSS: idle after start ${rssIdleMb} MB (goal ≤ ${RSS_GOAL_MB.idle}), after the soak ${results.totals.rssAfterLastRunMb} MB ` +
    `(peak ${results.totals.rssPeakMb} MB; goal ≤ ${RSS_GOAL_MB.afterSoak})`);
  const heapFlat = results.totals.heapGrowthMb <= HEAP_GROWTH_LIMIT_MB;
  if (!heapFlat) console.error(`Heap grew ${results.totals.heapGrowthMb} MB from the first run to the last (limit ${HEAP_GROWTH_LIMIT_MB} MB).`);
  process.exit(results.totals.failures === 0 && alive && heapFlat ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(1); });
