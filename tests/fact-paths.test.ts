// One truth for every number: coverage, villageFeatures, the OGC items and the CSV export read the same
// fact engine, over real HTTP on a temporary SQLite file, for the seeded facts and for generated ones.
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createUserWithCli, signedIn, type Client } from './helpers/session.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';

const PW = 'mat-khau-bien-tap-dai';
let server: RunningServer;
let anon: Client;
let editor: Client;
beforeAll(async () => {
  server = await startServer();
  expect(createUserWithCli(server.dataDir, 'editor', PW, 'editor')).toContain('Created');
  editor = await signedIn(server, 'editor', PW);
  anon = client(server);
});
afterAll(async () => {
  await server?.stop();
});

async function ok(c: Client, query: string, variables?: Record<string, unknown>) {
  const { body } = await c.gql(query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

async function download(c: Client, path: string): Promise<Buffer> {
  const res = await fetch(new URL(path.replace(/^\//, ''), server.url), { headers: c.cookie ? { cookie: c.cookie } : {} });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

type Values = Map<string, boolean | null>;

/** Each bản's value of `key` as every path gives it, and coverage's counts. */
async function everyPath(c: Client, key: string) {
  const { coverage } = await ok(c, `query ($k: String!) { coverage(indicator: $k) { min max total complete
    groups { id min max total } villages { unitId value basis } } }`, { k: key });
  const { villageFeatures } = await ok(c, `query ($k: [String!]!) { villageFeatures(indicators: $k) }`, { k: [key] });
  const ogc = JSON.parse((await download(c, '/ogc/collections/villages/items?limit=100')).toString('utf8'));
  const [headers, ...rows] = parse(await download(c, `/export/villages.csv?indicators=${key}`), { bom: true }) as string[][];
  const valueColumn = headers.findIndex((h) => h.endsWith(`(${key}: value)`));
  expect(valueColumn).toBeGreaterThan(0);
  const csvValue = (v: string) => (v === '' ? null : v === 'true');
  return {
    coverage,
    paths: {
      coverage: new Map(coverage.villages.map((v: any) => [v.unitId, v.value])) as Values,
      villageFeatures: new Map(villageFeatures.features.map((f: any) => [f.id, f.properties[key]])) as Values,
      ogc: new Map(ogc.features.map((f: any) => [f.id, f.properties[key]])) as Values,
      csv: new Map(rows.map((r) => [r[0], csvValue(r[valueColumn])])) as Values,
    },
  };
}

/** Every path gives the same bản values, and coverage's counts hold them. */
function expectOneTruth({ coverage, paths }: Awaited<ReturnType<typeof everyPath>>) {
  expect(paths.coverage.size).toBe(23);
  for (const [name, values] of Object.entries(paths)) expect(Object.fromEntries(values), name).toEqual(Object.fromEntries(paths.coverage));
  const yes = [...paths.coverage.values()].filter((v) => v === true).length;
  const no = [...paths.coverage.values()].filter((v) => v === false).length;
  expect(coverage.min).toBeGreaterThanOrEqual(yes);
  expect(coverage.max).toBeLessThanOrEqual(23 - no);
  expect(coverage.groups.reduce((s: number, g: any) => s + g.min, 0)).toBeLessThanOrEqual(coverage.min);
  expect(coverage.groups.reduce((s: number, g: any) => s + g.max, 0)).toBeGreaterThanOrEqual(coverage.max);
}

describe('one truth for every yes/no indicator', () => {
  it('coverage, villageFeatures, OGC items and the CSV export agree bản by bản, anonymous and signed in', async () => {
    const { indicators } = await ok(anon, '{ indicators { key kind } }');
    const keys = indicators.filter((i: any) => i.kind === 'boolean').map((i: any) => i.key);
    expect(keys.length).toBeGreaterThan(5);
    for (const c of [anon, editor]) for (const key of keys) expectOneTruth(await everyPath(c, key));
  });

  it('communityDigitalTeam reads 23/23 everywhere: every bản inferred from the commune\'s 23/23', async () => {
    const { coverage, paths } = await everyPath(anon, 'communityDigitalTeam');
    expect(coverage).toMatchObject({ min: 23, max: 23, total: 23, complete: true });
    for (const values of Object.values(paths)) expect([...values.values()].filter((v) => v === true)).toHaveLength(23);
    expect(coverage.villages.every((v: any) => v.basis === 'GROUP_ALL')).toBe(true);
    expect(coverage.groups.map((g: any) => [g.min, g.total])).toEqual([[10, 10], [7, 7], [6, 6]]);
  });

  it('a count cites every fact it rests on, each with its own quote, and a bản fact only for its own former commune', async () => {
    const q = `query ($k: String!) { coverage(indicator: $k) { sources { section quote }
      groups { id sources { section quote } } } }`;
    const quotesOf = (sources: Array<{ quote: string | null }>) => sources.map((x) => x.quote ?? '');
    // drugFree: Mường Bang's 7/10 is 19/23 less Mường Do's 7/7 and Mường Lang's 5/6 (two facts of one section).
    const drug = (await ok(anon, q, { k: 'drugFree' })).coverage;
    const mb = drug.groups.find((g: any) => g.id === 'fc-muong-bang');
    expect(mb.sources).toHaveLength(3);
    expect(quotesOf(mb.sources).some((x) => x.includes('19/23'))).toBe(true);
    expect(quotesOf(mb.sources).some((x) => x.includes('100% bản'))).toBe(true);
    expect(quotesOf(mb.sources).some((x) => x.includes('83,3%'))).toBe(true);
    // culturalVillage: the commune's bounds rest on Mường Do's 3/7 and Mường Lang's 5/6.
    const cultural = (await ok(anon, q, { k: 'culturalVillage' })).coverage;
    expect(quotesOf(cultural.sources).some((x) => x.includes('3/7'))).toBe(true);
    expect(quotesOf(cultural.sources).some((x) => x.includes('5/6'))).toBe(true);
    // securitySelfManagement: bản Manh's footnote (Mường Lang) is not cited for Mường Bang or Mường Do.
    const security = (await ok(anon, q, { k: 'securitySelfManagement' })).coverage;
    for (const id of ['fc-muong-bang', 'fc-muong-do']) {
      const g = security.groups.find((x: any) => x.id === id);
      expect(g.sources.length).toBeGreaterThan(0);
      expect(g.sources.map((x: any) => x.section)).not.toContain('Phần thứ hai I.8.5, chú thích 2');
    }
  });

  it('culturalVillage: the commune count adds 2024 and 2025 figures, and says so (PERIODS_DIFFER)', async () => {
    const { coverage } = await ok(anon, '{ coverage(indicator: "culturalVillage") { min assumptions reason { key params } } }');
    expect(coverage.min).toBe(8);
    expect(coverage.assumptions).toContain('PERIODS_DIFFER');
    expect(coverage.reason.params.periods).toBe('2024, 2025');
  });

  it('drug status: anonymous visitors get no named bản\'s deduced value; signed-in users get Bông Sồi\'s from Mường Do\'s 7/7', async () => {
    const { villages } = await ok(anon, '{ villages { id name } }');
    const named = new Set<string>(villages.filter((v: any) => v.name).map((v: any) => v.id));
    const pub = await everyPath(anon, 'drugFree');
    for (const values of Object.values(pub.paths)) for (const id of named) expect(values.get(id), id).toBeNull();
    expect(pub.coverage).toMatchObject({ min: 19, max: 19 });
    expect(pub.coverage.groups.find((g: any) => g.id === 'fc-muong-do')).toMatchObject({ min: 7, max: 7 });
    const signed = await everyPath(editor, 'drugFree');
    for (const values of Object.values(signed.paths)) expect(values.get('md-01')).toBe(true);
  });

  it('naming an unnamed cell takes its deduced drug status out of the public view', async () => {
    const before = await everyPath(anon, 'drugFree');
    expect(before.paths.coverage.get('md-02')).toBe(true);
    const { unit } = await ok(anon, '{ unit(id: "md-02") { version } }');
    await ok(editor, `mutation ($v: Int!) { nameVillage(input: { villageId: "md-02", name: "Thử Tên", sourceNote: "Danh sách bản 2026", expectedVersion: $v }) { id } }`, { v: unit.version });
    const after = await everyPath(anon, 'drugFree');
    for (const values of Object.values(after.paths)) expect(values.get('md-02')).toBeNull();
    expect(after.coverage).toMatchObject({ min: 19, max: 19 });
  });
});

describe('counts given only as bounds', () => {
  it('"trên 4/6" for Mường Lang and "dưới 20/23" for the commune are intervals on every path, never exact counts', async () => {
    const set = (unitId: string, value: number, denominator: number, comparator: string) => ok(editor, `mutation ($i: ObservationEdit!) { setObservation(input: $i) { comparator } }`,
      { i: { unitId, indicator: 'concreteInternalRoad', period: '2026', value, denominator, comparator, sourceNote: 'Biên bản kiểm tra', expectedVersion: 0 } });
    expect((await set('fc-muong-lang', 4, 6, 'GREATER_THAN')).setObservation.comparator).toBe('GREATER_THAN');
    await set('xa-muong-bang', 20, 23, 'LESS_THAN');
    const result = await everyPath(editor, 'concreteInternalRoad');
    expectOneTruth(result);
    const { coverage } = await ok(editor, `{ coverage(indicator: "concreteInternalRoad") { min max complete reason { key params }
      groups { id min max reason { key params } sources { section } } villages { unitId value reason { key } } } }`);
    // Mường Do 7/7, Mường Lang 5…6, Mường Bang 0…10: 12…23, narrowed by "< 20" to 12…19.
    expect(coverage).toMatchObject({ min: 12, max: 19, complete: false, reason: { key: 'BOUNDED_FACT', params: { comparator: '<', achieved: 20, total: 23 } } });
    const ml = coverage.groups.find((g: any) => g.id === 'fc-muong-lang');
    expect(ml).toMatchObject({ min: 5, max: 6, reason: { key: 'BOUNDED_FACT', params: { unit: 'fc-muong-lang', comparator: '>', achieved: 4, total: 6 } } });
    expect(ml.sources).toHaveLength(1);
    const mlBans = coverage.villages.filter((v: any) => v.unitId.startsWith('ml-'));
    expect(mlBans).toHaveLength(6);
    for (const v of mlBans) expect(v).toMatchObject({ value: null, reason: { key: 'BOUNDED_FACT' } });
  });
});

describe('generated fact sets, entered by an editor', () => {
  const FORMERS = [['fc-muong-bang', 'mb', 10], ['fc-muong-do', 'md', 7], ['fc-muong-lang', 'ml', 6]] as const;
  const ids = FORMERS.flatMap(([, p, n]) => Array.from({ length: n }, (_, i) => `${p}-${String(i + 1).padStart(2, '0')}`));
  const world = fc.record({
    truth: fc.array(fc.boolean(), { minLength: 23, maxLength: 23 }),
    own: fc.array(fc.boolean(), { minLength: 23, maxLength: 23 }),
    group: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    whole: fc.boolean(),
  });

  it('every path agrees, and the counts contain the truth, for facts an editor enters (two fresh indicators)', async () => {
    const samples = fc.sample(world, { numRuns: 2, seed: 2030 });
    const keys = ['standardCulturalHouse', 'safeSecurityVillage'];
    let runs = 0;
    for (const [k, w] of samples.entries()) {
      const key = keys[k];
      const set = (unitId: string, value: boolean | number, denominator: number | null) => ok(editor, `mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }`,
        { i: { unitId, indicator: key, period: '2026', value, denominator, sourceNote: 'Biên bản kiểm tra', expectedVersion: 0 } });
      for (const [i, id] of ids.entries()) if (w.own[i]) await set(id, w.truth[i], null);
      let offset = 0;
      for (const [g, [fcId, , n]] of FORMERS.entries()) {
        if (w.group[g]) await set(fcId, w.truth.slice(offset, offset + n).filter(Boolean).length, n);
        offset += n;
      }
      if (w.whole) await set('xa-muong-bang', w.truth.filter(Boolean).length, 23);
      const result = await everyPath(editor, key);
      expectOneTruth(result);
      const count = w.truth.filter(Boolean).length;
      expect(result.coverage.min).toBeLessThanOrEqual(count);
      expect(result.coverage.max).toBeGreaterThanOrEqual(count);
      for (const [i, id] of ids.entries()) {
        const v = result.paths.coverage.get(id);
        if (v !== null) expect(v).toBe(w.truth[i]);
        if (w.own[i]) expect(v).toBe(w.truth[i]);
      }
      runs++;
    }
    expect(runs).toBe(2);
  });
});
