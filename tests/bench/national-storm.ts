// An anonymous storm on the national communes (`npx tsx tests/bench/national-storm.ts`): CLIENTS clients each send
// `communes(bbox:…, first:100)` with full outlines, every box different so no answer comes from a cache, while one
// client times the trivial `{ commune { name } }` alone and then under the storm. Bounded: ≤ 16 clients, ≤ 20 s.
import { startServer } from '../helpers/start-server.ts';
import { percentile } from './percentile.ts';

const CLIENTS = Math.min(16, Number(process.env.STORM_CLIENTS ?? 16));
const STORM_MS = 8_000;
const TRIVIAL = '{ commune { name } }';

const p = (xs: number[], fraction: number) => Math.round(percentile(xs, fraction) * 10) / 10;

async function post(url: string, query: string): Promise<{ ms: number; bytes: number; status: number }> {
  const t = performance.now();
  const res = await fetch(`${url}graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' }, body: JSON.stringify({ query }),
  });
  const text = await res.text();
  return { ms: performance.now() - t, bytes: text.length, status: res.status };
}

/** A box of 0.6–1.2° somewhere over northern and central Vietnam (random: no two alike). */
function randomBoxQuery(): string {
  const w = 0.6 + Math.random() * 0.6;
  const x = 103 + Math.random() * 5;
  const y = 16 + Math.random() * 6;
  return `{ communes(bbox:[${x.toFixed(4)},${y.toFixed(4)},${(x + w).toFixed(4)},${(y + w).toFixed(4)}], first:100){ totalCount nodes{ code name geometry } } }`;
}

async function trivialTimes(url: string, until: number): Promise<number[]> {
  const ms: number[] = [];
  while (performance.now() < until) {
    ms.push((await post(url, TRIVIAL)).ms);
    await new Promise((r) => setTimeout(r, 20));
  }
  return ms;
}

const server = await startServer({ built: true });
try {
  for (let i = 0; i < 20; i++) await post(server.url, TRIVIAL); // warm up
  await post(server.url, randomBoxQuery());
  const quiet = await trivialTimes(server.url, performance.now() + 2_000);
  const alone: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) { const r = await post(server.url, randomBoxQuery()); alone.push(r.ms); bytes = Math.max(bytes, r.bytes); }
  const until = performance.now() + STORM_MS;
  const statuses = new Map<number, number>();
  const storm = Array.from({ length: CLIENTS }, async () => {
    while (performance.now() < until) {
      const r = await post(server.url, randomBoxQuery());
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
  });
  const stormed = await trivialTimes(server.url, until);
  await Promise.all(storm);
  console.log(JSON.stringify({
    clients: CLIENTS,
    bboxAlone: { p50: p(alone, 0.5), largestAnswerBytes: bytes },
    bboxAnswersByStatus: Object.fromEntries(statuses),
    trivialQuiet: { runs: quiet.length, p50: p(quiet, 0.5), p99: p(quiet, 0.99) },
    trivialUnderStorm: { runs: stormed.length, p50: p(stormed, 0.5), p99: p(stormed, 0.99) },
  }, null, 1));
} finally {
  await server.stop();
}
