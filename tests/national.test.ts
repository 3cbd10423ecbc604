// Mường Bang in its province and country: the national reference units (seeds/vietnam/) over the real HTTP server,
// GraphQL and OGC API. Every expected figure is computed here from the committed seed files.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bbox as turfBbox, booleanIntersects, bboxPolygon } from '@turf/turf';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { foldDiacritics } from '../geo/fold-diacritics.ts';
import { geodesicAreaKm2 } from '../geo/geodesic-area.ts';
import type { NationalCommuneSeed, NationalProvinceSeed, NationalStatisticsSeed } from '../geo/national/national-seed-types.ts';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { classOf, quantileLimits } from '../geo/national/quantile-classes.ts';
import { NATIONAL_MAX_ZOOM, NATIONAL_NAMES_FROM_ZOOM } from '../geo/national/national-tile-zooms.ts';
import { startServer, gql, type RunningServer } from './helpers/start-server.ts';
import { onPostgres, storedRows } from './helpers/test-store.ts';
import { readNationalTileFile, writeNationalTileFile } from '../server/tiles/national-tile-file.ts';

const seedDir = new URL('../seeds/vietnam/', import.meta.url).pathname;
const gz = <T>(file: string): T => JSON.parse(gunzipSync(readFileSync(seedDir + file)).toString('utf8')) as T;
const communesSeed = gz<NationalCommuneSeed[]>('communes.json.gz');
const provincesSeed = gz<NationalProvinceSeed[]>('provinces.json.gz');
const statistics = JSON.parse(readFileSync(seedDir + 'national-statistics.json', 'utf8')) as NationalStatisticsSeed;

const MUONG_BANG = '03943';
const SON_LA = '14';
const HA_NOI = '01';
// Around Mường Bang: a box of about 40 × 30 km over its outline.
const AROUND_MUONG_BANG = [104.6, 21.0, 105.0, 21.3];

/** Seed communes whose outline meets the box: bounding boxes first, the exact test for those left (as fast as the server, so the test stays quick). */
function seedCodesMeeting(b: number[]): string[] {
  const box = bboxPolygon(b as [number, number, number, number]);
  return communesSeed.filter((c) => {
    if (!c.geometry) return false;
    const [x0, y0, x1, y1] = turfBbox(c.geometry);
    return x0 <= b[2] && b[0] <= x1 && y0 <= b[3] && b[1] <= y1 && booleanIntersects(c.geometry, box);
  }).map((c) => c.code);
}

let server: RunningServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

async function data(query: string, variables?: Record<string, unknown>) {
  const { status, body } = await gql(server, query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(status).toBe(200);
  return body.data;
}

describe('hierarchy: country → province → commune', () => {
  it('has the 34 provinces, each with its commune count as the seed lists them', async () => {
    const { provinces } = await data('{ provinces { code name areaKm2 population communeCount } }');
    expect(provinces).toHaveLength(34);
    expect(provincesSeed).toHaveLength(34);
    for (const p of provincesSeed) {
      const got = provinces.find((x: any) => x.code === p.code);
      expect(got, p.code).toMatchObject({ name: p.name, areaKm2: p.areaKm2, population: p.population });
      expect(got.communeCount, p.code).toBe(communesSeed.filter((c) => c.provinceCode === p.code).length);
    }
    expect(provinces.reduce((n: number, p: any) => n + p.communeCount, 0)).toBe(3321);
  });

  it('has the 3,321 communes', async () => {
    const { communes } = await data('{ communes(first: 0) { totalCount } }');
    expect(communesSeed).toHaveLength(3321);
    expect(communes.totalCount).toBe(3321);
  });

  it('finds Mường Bang by its official code with its official figures and its detailed unit', async () => {
    const seed = communesSeed.find((c) => c.code === MUONG_BANG)!;
    const { nationalCommune: c, commune } = await data(`{ nationalCommune(code: "${MUONG_BANG}") { code name type provinceCode provinceName areaKm2
      measuredAreaKm2 population densityPerKm2 adminCentre formerUnits centroid detailedUnitId } commune { id code } }`);
    expect(c).toMatchObject({ code: MUONG_BANG, name: 'Mường Bang', type: 'Xã', provinceCode: SON_LA, provinceName: 'Sơn La',
      areaKm2: seed.areaKm2, population: seed.population, adminCentre: seed.adminCentre, formerUnits: seed.formerUnits });
    expect(c.densityPerKm2).toBeCloseTo(seed.population / seed.areaKm2, 6);
    expect(c.formerUnits).toEqual(expect.arrayContaining(['Xã Mường Do', 'Xã Mường Lang', 'Xã Mường Bang']));
    // The national record and the detailed commune are one unit, joined by the official code.
    expect(commune.code).toBe(MUONG_BANG);
    expect(c.detailedUnitId).toBe(commune.id);
  });

  it('answers any other commune by code, without detailed data; null for a code that does not exist', async () => {
    const other = communesSeed.find((c) => c.provinceCode === HA_NOI)!;
    const { a, none } = await data(`{ a: nationalCommune(code: "${other.code}") { code name detailedUnitId areaKm2 } none: nationalCommune(code: "99999") { code } }`);
    expect(a).toEqual({ code: other.code, name: other.name, detailedUnitId: null, areaKm2: other.areaKm2 });
    expect(none).toBeNull();
  });
});

describe('communes(search:, bbox:, province:)', () => {
  it('search "muong bang" (no diacritics) finds Mường Bang, as the folded names say', async () => {
    const { communes } = await data('{ communes(search: "muong bang", first: 100) { totalCount nodes { code name } } }');
    const expected = communesSeed.filter((c) => foldDiacritics(`${c.type} ${c.name} ${c.code}`).includes('muong bang')).map((c) => c.code);
    expect(expected).toContain(MUONG_BANG);
    expect(communes.nodes.map((n: any) => n.code)).toEqual(expected);
    expect(communes.totalCount).toBe(expected.length);
    const { communes: accented } = await data('{ communes(search: "MƯỜNG BANG") { nodes { code } } }');
    expect(accented.nodes.map((n: any) => n.code)).toEqual(expected);
  });

  it('bbox returns Sơn La\'s communes around Mường Bang and none of Hà Nội\'s; the same set as the seed outlines meeting the box', async () => {
    const { communes } = await data('query($b: [Float!]) { communes(bbox: $b, first: 100) { totalCount nodes { code provinceCode } } }', { b: AROUND_MUONG_BANG });
    const expected = seedCodesMeeting(AROUND_MUONG_BANG);
    const codes = communes.nodes.map((n: any) => n.code);
    expect(codes).toEqual(expected);
    expect(codes).toContain(MUONG_BANG);
    expect(communes.nodes.filter((n: any) => n.provinceCode === SON_LA).length).toBeGreaterThan(3);
    expect(communes.nodes.some((n: any) => n.provinceCode === HA_NOI)).toBe(false);
  });

  it('province narrows to one province; an unknown province or a bad box is refused naming the argument', async () => {
    const { communes } = await data(`{ communes(province: "${SON_LA}", first: 0) { totalCount } }`);
    expect(communes.totalCount).toBe(communesSeed.filter((c) => c.provinceCode === SON_LA).length);
    const bad = await gql(server, '{ communes(province: "77") { totalCount } }');
    expect(bad.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'province' });
    const box = await gql(server, '{ communes(bbox: [105, 21, 104, 22]) { totalCount } }');
    expect(box.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bbox' });
  });

  it('pagination: cursors walk every commune of Sơn La once, in code order, with no repeats', async () => {
    const expected = communesSeed.filter((c) => c.provinceCode === SON_LA).map((c) => c.code);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { communes }: any = await data('query($a: String) { communes(province: "14", first: 20, after: $a) { totalCount nodes { code } pageInfo { hasNextPage endCursor } } }', { a: after });
      pages++;
      expect(communes.totalCount).toBe(expected.length);
      seen.push(...communes.nodes.map((n: any) => n.code));
      if (!communes.pageInfo.hasNextPage) break;
      after = communes.pageInfo.endCursor;
      expect(pages).toBeLessThan(10);
    }
    expect(pages).toBe(Math.ceil(expected.length / 20));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expected);
  });

  it('refuses a page over 100 and a forged cursor', async () => {
    const big = await gql(server, '{ communes(first: 101) { totalCount } }');
    expect(big.body.errors?.length).toBeGreaterThan(0);
    const forged = await gql(server, '{ communes(after: "bm90LWEtY3Vyc29y") { totalCount } }');
    expect(forged.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('an anonymous request cannot fetch every outline at once: fifteen full pages of geometry are refused before running', async () => {
    const aliases = Array.from({ length: 15 }, (_, i) => `p${i}: communes(first: 100) { nodes { geometry } }`).join(' ');
    const { status, body } = await gql(server, `{ ${aliases} }`);
    expect(status).toBe(400);
    expect(body.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(['answerBytes', 'cost']).toContain(body.errors![0].extensions.limit);
    // One page of 100 full outlines is answered.
    const one = await data('{ communes(first: 100) { nodes { code geometry } } }');
    expect(one.communes.nodes).toHaveLength(100);
  });

  it('geometry: the seed outline in full, fewer vertices when simplified', async () => {
    const seed = communesSeed.find((c) => c.code === MUONG_BANG)!;
    const { full, simple } = await data(`{ full: nationalCommune(code: "${MUONG_BANG}") { geometry }
      simple: nationalCommune(code: "${MUONG_BANG}") { geometry(simplifyMeters: 500) } }`);
    expect(full.geometry).toEqual(seed.geometry);
    const count = (g: any) => g.coordinates.flat(2).length;
    expect(count(simple.geometry)).toBeLessThan(count(full.geometry) / 2);
    expect(turfBbox(simple.geometry)[0]).toBeCloseTo(turfBbox(full.geometry)[0], 2);
  });
});

describe('data quality from the seeds', () => {
  it('the stored measured areas are the seed outlines measured on the ellipsoid (a sample re-measured)', () => {
    const sample = communesSeed.filter((_, i) => i % 300 === 0);
    expect(sample.length).toBeGreaterThan(10);
    for (const c of sample) expect(c.measuredAreaKm2, c.code).toBeCloseTo(geodesicAreaKm2(c.geometry!), 2);
  });

  it('flags the communes whose measured and official areas differ beyond the threshold, and sums the population against the national figure', async () => {
    const { nationalQuality: q } = await data(`{ nationalQuality { provinceCount communeCount areasCompared areaFlagRatio areaFlagMinKm2
      areaDisagreements { code officialAreaKm2 measuredAreaKm2 relativeDifference } communePopulationSum populationRatio
      nationalPopulation { value year source quote } withoutGeometry duplicateCodes } }`);
    const flagged = communesSeed.filter((c) => {
      const d = c.measuredAreaKm2! - c.areaKm2;
      return Math.abs(d) > q.areaFlagMinKm2 && Math.abs(d / c.areaKm2) > q.areaFlagRatio;
    });
    expect(flagged.length).toBeGreaterThan(0);
    expect(q.areaDisagreements.map((a: any) => a.code).sort()).toEqual(flagged.map((c) => c.code).sort());
    expect(q.areaDisagreements.map((a: any) => a.code)).not.toContain(MUONG_BANG);
    const sum = communesSeed.reduce((s, c) => s + c.population, 0);
    expect(q.communePopulationSum).toBe(sum);
    expect(q.nationalPopulation.value).toBe(statistics.population.value);
    expect(q.nationalPopulation.quote).toBe(statistics.population.source.quote);
    expect(q.populationRatio).toBeCloseTo(sum / statistics.population.value, 6);
    expect(q.provinceCount).toBe(provincesSeed.length);
    expect(q.communeCount).toBe(communesSeed.length);
    expect(q.withoutGeometry).toEqual(communesSeed.filter((c) => !c.geometry).map((c) => c.code));
    const codes = communesSeed.map((c) => c.code);
    expect(q.duplicateCodes).toEqual(codes.filter((c, i) => codes.indexOf(c) !== i));
  });

  it('the data-quality classes: every compared commune counted once, the last class is the flagged list, a commune\'s record says the same', async () => {
    const { nationalQuality: q } = await data(`{ nationalQuality { areasCompared areaFlagRatio areaFlagMinKm2 areaClassLimits areaClassCounts
      areaDisagreements { code } } }`);
    expect(q.areaClassCounts).toHaveLength(q.areaClassLimits.length + 2);
    expect(q.areaClassCounts.reduce((a: number, b: number) => a + b, 0)).toBe(q.areasCompared);
    expect(q.areaClassCounts.at(-1)).toBe(q.areaDisagreements.length);
    // Recounted here from the seeds with the thresholds the API states.
    const classOfSeed = (c: NationalCommuneSeed) => {
      const d = c.measuredAreaKm2! - c.areaKm2;
      const r = Math.abs(d / c.areaKm2);
      if (Math.abs(d) > q.areaFlagMinKm2 && r > q.areaFlagRatio) return q.areaClassLimits.length + 1;
      const i = q.areaClassLimits.findIndex((limit: number) => r < limit);
      return i === -1 ? q.areaClassLimits.length : i;
    };
    const recount = new Array(q.areaClassCounts.length).fill(0);
    for (const c of communesSeed.filter((x) => x.measuredAreaKm2 !== null)) recount[classOfSeed(c)]++;
    expect(recount).toEqual(q.areaClassCounts);
    // The most different flagged commune: its record carries the class and the difference.
    const code = q.areaDisagreements[0].code;
    const seed = communesSeed.find((c) => c.code === code)!;
    const { nationalCommune } = await data('query($code: String!) { nationalCommune(code: $code) { areaKm2 measuredAreaKm2 areaAgreement { differenceKm2 relativeDifference flagged differenceClass } } }', { code });
    expect(nationalCommune.areaAgreement).toMatchObject({ flagged: true, differenceClass: q.areaClassLimits.length + 1 });
    expect(nationalCommune.areaAgreement.differenceKm2).toBeCloseTo(seed.measuredAreaKm2! - seed.areaKm2, 6);
    const { nationalCommune: mb } = await data(`{ nationalCommune(code: "${MUONG_BANG}") { areaAgreement { flagged differenceClass } } }`);
    expect(mb.areaAgreement).toEqual({ flagged: false, differenceClass: classOfSeed(communesSeed.find((c) => c.code === MUONG_BANG)!) });
  });
});

describe('OGC API: provinces and communes', () => {
  const ogc = (path: string) => fetch(new URL(`ogc${path}`, server.url));

  it('lists both collections with the source and its MIT licence', async () => {
    const { collections } = (await (await ogc('/collections')).json()) as any;
    for (const id of ['provinces', 'communes']) {
      const c = collections.find((x: any) => x.id === id);
      expect(c, id).toBeDefined();
      expect(c.attribution).toContain('MIT');
      expect(c.extent.spatial.bbox[0][0]).toBeLessThan(c.extent.spatial.bbox[0][2]);
    }
  });

  it('communes items: valid GeoJSON, paged by limit and offset, filtered by bbox as GraphQL is', async () => {
    const res = await ogc(`/collections/communes/items?bbox=${AROUND_MUONG_BANG.join(',')}&limit=5&offset=0`);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const page = (await res.json()) as any;
    const expected = seedCodesMeeting(AROUND_MUONG_BANG);
    expect(page.type).toBe('FeatureCollection');
    expect(page.numberMatched).toBe(expected.length);
    expect(page.numberReturned).toBe(5);
    expect(page.features.map((f: any) => f.id)).toEqual(expected.slice(0, 5));
    for (const f of page.features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('MultiPolygon');
      for (const polygon of f.geometry.coordinates) for (const ring of polygon) expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(typeof f.properties.areaKm2).toBe('number');
    }
    expect(page.links.find((l: any) => l.rel === 'next').href).toContain('offset=5');
    const one = (await (await ogc(`/collections/communes/items/${MUONG_BANG}`)).json()) as any;
    expect(one.properties).toMatchObject({ code: MUONG_BANG, name: 'Mường Bang', provinceCode: SON_LA });
    expect(one.geometry).toEqual(communesSeed.find((c) => c.code === MUONG_BANG)!.geometry);
  });

  it('communes items: a limit above 100 is served as 100 (OGC API Features), with a next link to the rest', async () => {
    const page = (await (await ogc('/collections/communes/items?limit=1000')).json()) as any;
    expect(page.numberMatched).toBe(communesSeed.length);
    expect(page.numberReturned).toBe(100);
    expect(page.features).toHaveLength(100);
    expect(page.links.find((l: any) => l.rel === 'next').href).toContain('offset=100');
  });

  it('provinces items: the 34 provinces, and a box over Hà Nội finds Hà Nội, not Sơn La', async () => {
    const all = (await (await ogc('/collections/provinces/items?limit=100')).json()) as any;
    expect(all.numberMatched).toBe(34);
    expect(all.features.every((f: any) => f.geometry.type === 'MultiPolygon')).toBe(true);
    const hanoi = (await (await ogc('/collections/provinces/items?bbox=105.80,21.00,105.86,21.05')).json()) as any;
    const ids = hanoi.features.map((f: any) => f.id);
    expect(ids).toContain(HA_NOI);
    expect(ids).not.toContain(SON_LA);
  });
});

/** The z/x/y tile holding a point. */
const tileOf = ([lon, lat]: number[], z: number) => {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
};

describe('vector tiles: communes and provinces', () => {
  const tileAt = async (layer: string, z: number, centre: number[]) => {
    const [x, y] = tileOf(centre, z);
    const res = await fetch(new URL(`tiles/${layer}/${z}/${x}/${y}.mvt`, server.url));
    expect(res.status).toBe(200);
    const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
    const l = tile.layers[layer];
    expect(l, layer).toBeDefined();
    return Array.from({ length: l.length }, (_, i) => l.feature(i).properties);
  };

  it('a communes tile at the max zoom around Mường Bang carries it with the quantile classes computed from the seeds, and its Sơn La neighbours', async () => {
    const muongBang = communesSeed.find((c) => c.code === MUONG_BANG)!;
    const features = await tileAt('communes', NATIONAL_MAX_ZOOM, muongBang.centre);
    const mb = features.find((p) => p.code === MUONG_BANG);
    expect(mb).toBeDefined();
    const density = (c: NationalCommuneSeed) => c.population / c.areaKm2;
    const limits = quantileLimits(communesSeed.filter((c) => c.areaKm2 > 0).map(density), 5);
    expect(mb!.densityClass).toBe(classOf(density(muongBang), limits));
    expect(mb!.populationClass).toBe(classOf(muongBang.population, quantileLimits(communesSeed.map((c) => c.population), 5)));
    expect(mb!.name).toBe('Mường Bang');
    // The data-quality layer's class, as the API gives it for the commune.
    const { nationalCommune } = await data(`{ nationalCommune(code: "${MUONG_BANG}") { areaAgreement { differenceClass } } }`);
    expect(mb!.areaDifferenceClass).toBe(nationalCommune.areaAgreement.differenceClass);
    // Everything it carries, no property more or less, on either store (PostGIS reads a column for each).
    expect(mb).toEqual({
      id: MUONG_BANG, code: MUONG_BANG, name: muongBang.name, type: muongBang.type, provinceCode: SON_LA,
      density: expect.closeTo(density(muongBang), 9), areaKm2: muongBang.areaKm2, population: muongBang.population,
      densityClass: classOf(density(muongBang), limits), areaKm2Class: classOf(muongBang.areaKm2, quantileLimits(communesSeed.map((c) => c.areaKm2), 5)),
      populationClass: mb!.populationClass, areaDifferenceClass: nationalCommune.areaAgreement.differenceClass,
    });
    expect(features.filter((p) => p.provinceCode === SON_LA).length).toBeGreaterThan(3);
    const { nationalClassLimits } = await data('{ nationalClassLimits { density } }');
    nationalClassLimits.density.forEach((v: number, i: number) => expect(v).toBeCloseTo(limits[i], 6));
  });

  it('above the max zoom (the outlines hold no more detail; the page overzooms) a tile of either layer is a 400 naming z and the zooms served', async () => {
    const [x, y] = tileOf(communesSeed.find((c) => c.code === MUONG_BANG)!.centre, NATIONAL_MAX_ZOOM + 1);
    const layers = ['communes', 'provinces'];
    for (const layer of layers) {
      const res = await fetch(new URL(`tiles/${layer}/${NATIONAL_MAX_ZOOM + 1}/${x}/${y}.mvt`, server.url));
      expect(res.status, layer).toBe(400);
      const error = ((await res.json()) as any).errors[0];
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'z' });
      expect(error.message).toContain(`from 4 to ${NATIONAL_MAX_ZOOM} for layer ${layer}`);
    }
    expect(layers).toHaveLength(2);
  });

  it('below the names zoom a commune carries its code and classes only; a tile no commune meets is empty', async () => {
    const muongBang = communesSeed.find((c) => c.code === MUONG_BANG)!;
    const features = await tileAt('communes', NATIONAL_NAMES_FROM_ZOOM - 1, muongBang.centre);
    const mb = features.find((p) => p.code === MUONG_BANG)!;
    expect(Object.keys(mb).sort()).toEqual(['areaDifferenceClass', 'areaKm2Class', 'code', 'densityClass', 'id', 'populationClass']);
    // The Pacific east of the Philippines, far from any commune of Vietnam: a tile with no feature, zero bytes.
    const [x, y] = tileOf([128, 15], NATIONAL_NAMES_FROM_ZOOM - 1);
    const sea = await fetch(new URL(`tiles/communes/${NATIONAL_NAMES_FROM_ZOOM - 1}/${x}/${y}.mvt`, server.url));
    expect(sea.status).toBe(200);
    expect((await sea.arrayBuffer()).byteLength).toBe(0);
  });

  it('an anonymous national tile is kept in the answer cache: a second request is a hit, its ETag answers 304, its brotli bytes are the tile', async () => {
    const [x, y] = tileOf(communesSeed.find((c) => c.code === MUONG_BANG)!.centre, 8);
    const url = new URL(`tiles/communes/8/${x}/${y}.mvt`, server.url);
    const first = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    const plain = Buffer.from(await first.arrayBuffer());
    expect(first.headers.get('x-atlas-cache')).toBe('miss');
    expect(plain.length).toBeGreaterThan(0);
    const second = await fetch(url);
    await second.arrayBuffer();
    expect(second.status).toBe(200);
    expect(second.headers.get('x-atlas-cache')).toBe('hit');
    const again = await fetch(url, { headers: { 'if-none-match': second.headers.get('etag')! } });
    expect(again.status).toBe(304);
    // Raw bytes as sent to a browser asking for brotli (fetch would decode them itself).
    const br = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      get(url, { headers: { 'accept-encoding': 'br' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    expect(br.encoding).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain)).toBe(true);
  });

  it('a provinces tile at country scale holds Sơn La; a zoom out of range is refused naming z', async () => {
    const features = await tileAt('provinces', 5, communesSeed.find((c) => c.code === MUONG_BANG)!.centre);
    expect(features.map((p) => p.code)).toContain(SON_LA);
    const res = await fetch(new URL('tiles/communes/2/1/1.mvt', server.url));
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'z' });
  });
});

describe.runIf(onPostgres)('PostgreSQL: the national units are answered from its PostGIS tables', () => {
  // A commune of Hà Nội moved (in the database only) to the open sea east of the Philippines and renamed there.
  const moved = communesSeed.filter((c) => c.provinceCode === HA_NOI).at(-1)!;
  const SEA: [number, number] = [126, 18];
  const seaBox = [SEA[0] - 0.5, SEA[1] - 0.5, SEA[0] + 0.5, SEA[1] + 0.5];

  it('a row changed directly in national_communes shows in communes(bbox:), the OGC items and the tiles', async () => {
    await storedRows(server.dataDir, `UPDATE national_communes SET name = 'Đảo Thử',
      geom = ST_Translate(geom, ${SEA[0]} - ST_X(ST_Centroid(geom)), ${SEA[1]} - ST_Y(ST_Centroid(geom))) WHERE code = '${moved.code}'`);
    try {
      const { communes } = await data('query($b: [Float!]) { communes(bbox: $b) { totalCount nodes { code name } } }', { b: seaBox });
      expect(seedCodesMeeting(seaBox)).toEqual([]);
      expect(communes).toEqual({ totalCount: 1, nodes: [{ code: moved.code, name: 'Đảo Thử' }] });
      const ogc = (await (await fetch(new URL(`ogc/collections/communes/items?bbox=${seaBox.join(',')}`, server.url))).json()) as any;
      expect(ogc.features.map((f: any) => f.id)).toEqual([moved.code]);
      const [x, y] = tileOf(SEA, NATIONAL_NAMES_FROM_ZOOM);
      const res = await fetch(new URL(`tiles/communes/${NATIONAL_NAMES_FROM_ZOOM}/${x}/${y}.mvt`, server.url));
      const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers.communes;
      expect(layer.length).toBe(1);
      expect(layer.feature(0).properties).toMatchObject({ code: moved.code, name: 'Đảo Thử' });
    } finally {
      await storedRows(server.dataDir, `UPDATE national_communes SET name = '${moved.name}',
        geom = ST_SetSRID(ST_GeomFromGeoJSON('${JSON.stringify(moved.geometry)}'), 4326) WHERE code = '${moved.code}'`);
    }
  });

  it('the migration loaded every unit of seeds/vietnam, with outlines, folded search keys and map classes', async () => {
    const [counts] = await storedRows(server.dataDir, `SELECT (SELECT count(*) FROM national_provinces)::int AS provinces,
      (SELECT count(*) FROM national_communes)::int AS communes, (SELECT count(*) FROM national_communes WHERE geom IS NOT NULL)::int AS outlined`);
    expect(counts).toEqual({ provinces: provincesSeed.length, communes: communesSeed.length, outlined: communesSeed.filter((c) => c.geometry).length });
    const [mb] = await storedRows(server.dataDir, `SELECT search_key, density_class, ST_NPoints(geom) AS points FROM national_communes WHERE code = '${MUONG_BANG}'`);
    const seed = communesSeed.find((c) => c.code === MUONG_BANG)!;
    expect(mb.search_key).toBe(foldDiacritics(`${seed.type} ${seed.name} ${seed.code}`));
    expect(mb.points).toBe(seed.geometry!.coordinates.flat(2).length);
    expect(mb.density_class).toBe(classOf(seed.population / seed.areaKm2, quantileLimits(communesSeed.filter((c) => c.areaKm2 > 0).map((c) => c.population / c.areaKm2), 5)));
  });
});

describe.runIf(!onPostgres)('SQLite: the national tiles are cut from the start of a portal and kept in its data directory', () => {
  it('a new portal cuts them without a tile being asked for and writes them to DATA_DIR/national-tiles; restarted, it serves that file', async () => {
    // NATIONAL_TILE_DIR empty: the portal's own default, not the tests' shared folder.
    const first = await startServer({ env: { NATIONAL_TILE_DIR: '' } });
    const dir = join(first.dataDir, 'national-tiles');
    try {
      for (let i = 0; i < 1000 && !(existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.bin'))); i++) await new Promise((r) => setTimeout(r, 200));
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^national-tiles-[0-9a-f]{16}\.bin$/);
      const file = join(dir, files[0]);
      const zooms = (await readNationalTileFile(file))!;
      expect(zooms.map((z) => `${z.layer}/${z.z}`).sort()).toEqual(['communes', 'provinces'].flatMap((l) => [4, 5, 6, 7, 8, 9].map((z) => `${l}/${z}`)).sort());
      await first.stop({ keepData: true });
      // The file changed on purpose: Mường Bang's z9 communes tile replaced by the provinces tile of the same place.
      const [x, y] = tileOf(communesSeed.find((c) => c.code === MUONG_BANG)!.centre, 9);
      const at = (layer: string) => zooms.find((z) => z.layer === layer && z.z === 9)!.tiles.find(([tx, ty]) => tx === x && ty === y)!;
      at('communes')[2] = at('provinces')[2];
      await writeNationalTileFile(file, zooms);
      const again = await startServer({ dataDir: first.dataDir, env: { NATIONAL_TILE_DIR: '' } });
      try {
        const res = await fetch(new URL(`tiles/communes/9/${x}/${y}.mvt`, again.url));
        const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
        expect(Object.keys(tile.layers)).toEqual(['provinces']);
      } finally { await again.stop(); }
    } finally {
      await first.stop();
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  }, 240_000); // a cut of every zoom: seconds on a quiet machine, much longer on a loaded one

  it('a tile asked for while the cut runs is cut on its own, the same bytes as its zoom keeps', async () => {
    const portal = await startServer({ env: { NATIONAL_TILE_DIR: '' } });
    const dir = join(portal.dataDir, 'national-tiles');
    try {
      const [x, y] = tileOf(communesSeed.find((c) => c.code === MUONG_BANG)!.centre, 9);
      const res = await fetch(new URL(`tiles/communes/9/${x}/${y}.mvt`, portal.url), { headers: { 'accept-encoding': 'identity' } });
      const asked = new Uint8Array(await res.arrayBuffer());
      expect(new VectorTile(new PbfReader(asked)).layers.communes.length).toBeGreaterThan(3);
      for (let i = 0; i < 1000 && !(existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.bin'))); i++) await new Promise((r) => setTimeout(r, 200));
      const zooms = (await readNationalTileFile(join(dir, readdirSync(dir)[0])))!;
      const kept = zooms.find((z) => z.layer === 'communes' && z.z === 9)!.tiles.find(([tx, ty]) => tx === x && ty === y)![2];
      expect(Buffer.from(asked).equals(Buffer.from(kept))).toBe(true);
    } finally {
      await portal.stop();
    }
  }, 240_000);
});
