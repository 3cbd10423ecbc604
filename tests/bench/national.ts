// The national scale bench (part of `npm run bench`; alone: `npx tsx tests/bench/national.ts`): the 3,321 communes
// of seeds/vietnam/ through the portal (bbox and search over GraphQL, vector tiles z5–z10 when the portal serves the
// communes layer), the national index in process, and the fact engine over SYNTHETIC detail (generated bản, never
// data) for a province and the country, with a work-size table (1×, 10×, 100×). The national units live in one
// in-memory index shared by both stores, so these figures hold for SQLite and PostgreSQL alike.
import { resolveIndicator } from '../../geo/facts/resolve-indicator.ts';
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

export interface NationalBench {
  graphql: { bbox: ReturnType<typeof stats>; search: ReturnType<typeof stats> };
  index: { load: number; bbox: ReturnType<typeof stats>; search: ReturnType<typeof stats> };
  tiles: Array<{ z: number; tiles: number; bytes: number } & ReturnType<typeof stats>> | string;
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

export async function benchNational(): Promise<NationalBench> {
  const load = await timed(() => nationalIndex());
  const index = nationalIndex();
  const indexBbox: number[] = [];
  for (const b of boxes(200)) indexBbox.push(await timed(() => index.inBox(b)));
  const terms = ['muong bang', 'phuong 1', 'xa tan', 'ha noi', 'son', 'dak', 'thanh', 'binh'];
  const indexSearch: number[] = [];
  for (let i = 0; i < 200; i++) indexSearch.push(await timed(() => index.search(terms[i % terms.length])));

  const portal = await startServer();
  const graphqlBbox: number[] = [];
  const graphqlSearch: number[] = [];
  let tiles: NationalBench['tiles'] = 'the portal serves no communes tile layer';
  try {
    const gql = (query: string, variables: Record<string, unknown>) => fetch(new URL('graphql', portal.url), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }),
    }).then(async (r) => { const body = await r.json() as { errors?: unknown }; if (body.errors) throw new Error(JSON.stringify(body.errors)); });
    await gql('{ communes(first: 1) { totalCount } }', {}); // loads the index in the portal
    for (const b of boxes(REQUESTS)) graphqlBbox.push(await timed(() => gql('query($b: [Float!]) { communes(bbox: $b, first: 100) { totalCount nodes { code name population } } }', { b })));
    for (let i = 0; i < REQUESTS; i++) {
      // Different text each time (a trailing space is folded away by the search but not by the answer cache).
      graphqlSearch.push(await timed(() => gql('query($s: String) { communes(search: $s, first: 20) { totalCount nodes { code name } } }', { s: `${terms[i % terms.length]}${' '.repeat(Math.floor(i / terms.length))}` })));
    }
    const probe = await fetch(new URL('tiles/communes/5/25/14.mvt', portal.url));
    if (probe.status === 200) {
      tiles = [];
      for (let z = 5; z <= 10; z++) {
        const [cx, cy] = tileOf(MUONG_BANG_CENTRE, z);
        const ms: number[] = [];
        let bytes = 0;
        // A 5 × 5 block of tiles around Mường Bang, each asked once (first requests: made, not cached).
        for (let dx = -2; dx <= 2; dx++) for (let dy = -2; dy <= 2; dy++) {
          ms.push(await timed(async () => { const r = await fetch(new URL(`tiles/communes/${z}/${cx + dx}/${cy + dy}.mvt`, portal.url)); bytes += (await r.arrayBuffer()).byteLength; }));
        }
        tiles.push({ z, tiles: ms.length, bytes, ...stats(ms) });
      }
    }
  } finally {
    await portal.stop();
  }

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
    graphql: { bbox: stats(graphqlBbox), search: stats(graphqlSearch) },
    index: { load: round(load), bbox: stats(indexBbox), search: stats(indexSearch) },
    tiles,
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
  console.table({
    'GraphQL communes(bbox:) over HTTP': r.graphql.bbox,
    'GraphQL communes(search:) over HTTP': r.graphql.search,
    'index bbox (in process)': r.index.bbox,
    'index search (in process)': r.index.search,
  });
  console.log(`index load (first use): ${r.index.load} ms`);
  if (typeof r.tiles === 'string') console.log(`tiles: ${r.tiles}`);
  else console.table(r.tiles);
  console.log(`coverage over SYNTHETIC detail: Sơn La ${r.coverage.province.communes} communes, ${r.coverage.province.bans} bản: p50 ${r.coverage.province.ms.p50} ms; ` +
    `country ${r.coverage.country.communes} communes, ${r.coverage.country.bans} bản: p50 ${r.coverage.country.ms.p50} ms`);
  console.table(r.workSize);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchNational().then((r) => { printNational(r); }, (e) => { console.error(e); process.exit(1); });
}
