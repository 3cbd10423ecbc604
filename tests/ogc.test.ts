// OGC API – Features at /ogc over real HTTP on a temporary SQLite file, read by fetch and by GDAL's ogrinfo.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bbox as turfBbox } from '@turf/turf';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startServer, gql, type RunningServer } from './helpers/start-server.ts';

const run = promisify(execFile);

let server: RunningServer;
let ogc: string;
beforeAll(async () => {
  server = await startServer();
  ogc = new URL('ogc', server.url).href;
});
afterAll(async () => { await server?.stop(); });

const COLLECTIONS = ['villages', 'former-communes', 'commune', 'places', 'neighbours', 'provinces', 'communes'];
const CONF = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/';

async function get(path: string) {
  const res = await fetch(path.startsWith('http') ? path : `${ogc}${path}`);
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, body: (await res.json()) as any };
}

async function ok(path: string, mediaType = 'application/json') {
  const r = await get(path);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.type.split(';')[0]).toBe(mediaType);
  return r.body;
}

const GEOJSON = 'application/geo+json';

async function graphql(query: string, variables?: Record<string, unknown>) {
  const { body } = await gql(server, query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

async function booleanKeys(): Promise<string[]> {
  const { indicators } = await graphql(`{ indicators { key kind } }`);
  return indicators.filter((i: any) => i.kind === 'boolean').map((i: any) => i.key);
}

describe('landing page, conformance, collections', () => {
  it('links self, conformance and data with absolute URLs', async () => {
    const landing = await ok('');
    expect(landing.title).toContain('Mường Bang');
    const rels = Object.fromEntries(landing.links.map((l: any) => [l.rel, l.href]));
    expect(rels.self).toBe(ogc);
    expect(rels.conformance).toBe(`${ogc}/conformance`);
    expect(rels.data).toBe(`${ogc}/collections`);
    expect(rels['service-desc']).toBeUndefined();
    expect(await ok('?f=json')).toEqual(landing);
  });

  it('declares core and geojson, not oas30 (no OpenAPI document is served)', async () => {
    const { conformsTo } = await ok('/conformance');
    expect(conformsTo).toEqual(expect.arrayContaining([`${CONF}core`, `${CONF}geojson`]));
    expect(conformsTo).not.toContain(`${CONF}oas30`);
  });

  it('lists the five collections with bilingual titles, extents, item links and the boundary attribution', async () => {
    const { collections, links } = await ok('/collections');
    expect(links.find((l: any) => l.rel === 'self').href).toBe(`${ogc}/collections`);
    expect(collections.map((c: any) => c.id)).toEqual(COLLECTIONS);
    for (const c of collections) {
      expect(c.title, c.id).toMatch(/\(.+\)|—/);
      expect(c.description).toContain(' / ');
      expect(c.itemType).toBe('feature');
      expect(c.crs).toContain('http://www.opengis.net/def/crs/OGC/1.3/CRS84');
      const [[x0, y0, x1, y1]] = c.extent.spatial.bbox;
      expect(x0).toBeLessThan(x1);
      expect(y0).toBeLessThan(y1);
      expect(c.links.find((l: any) => l.rel === 'items')).toMatchObject({ href: `${ogc}/collections/${c.id}/items`, type: GEOJSON });
      expect(await ok(`/collections/${c.id}`)).toEqual(c);
    }
    const byId = Object.fromEntries(collections.map((c: any) => [c.id, c]));
    // The official boundary and everything cut from it cite the sapnhap record and its MIT licence.
    for (const id of ['commune', 'villages', 'former-communes', 'neighbours']) {
      expect(byId[id].attribution, id).toContain('Official 2025 commune-level unit record');
      expect(byId[id].attribution, id).toContain('MIT');
      expect(byId[id].sources.some((s: any) => s.licence?.startsWith('MIT')), id).toBe(true);
    }
    expect(byId.villages.attribution).toContain('schematic partition');
    // Places have no coordinates yet: their extent is the commune's.
    expect(byId.places.extent).toEqual(byId.commune.extent);
  });

  it('serves a JSON Schema per collection that types yes/no indicators as booleans', async () => {
    const villages = await ok('/collections/villages');
    const link = villages.links.find((l: any) => l.rel === 'describedby');
    expect(link.type).toBe('application/schema+json');
    const schema = await ok(link.href.slice(ogc.length), 'application/schema+json');
    const props = schema.properties.properties.properties;
    for (const key of await booleanKeys()) {
      expect(props[key], key).toEqual({ type: 'boolean' });
      expect(props[`${key}_status`]).toEqual({ type: 'string' });
    }
    const places = await ok('/collections/places/schema', 'application/schema+json');
    expect(places.properties.properties.properties.investmentBillionVnd).toEqual({ type: 'number' });
  });
});

describe('items', () => {
  it('are the 23 bản with every boolean indicator as in GraphQL villageFeatures (canSee applied)', async () => {
    const keys = await booleanKeys();
    const fc = await ok('/collections/villages/items', GEOJSON);
    expect(fc).toMatchObject({ type: 'FeatureCollection', numberMatched: 23, numberReturned: 23 });
    expect(fc.links.some((l: any) => l.rel === 'next' || l.rel === 'prev')).toBe(false);
    const { villageFeatures } = await graphql(`query ($k: [String!]!) { villageFeatures(indicators: $k) }`, { k: keys });
    expect(fc.features.map((f: any) => f.id)).toEqual(villageFeatures.features.map((f: any) => f.id));
    fc.features.forEach((f: any, i: number) => {
      expect(f.properties).toEqual(villageFeatures.features[i].properties);
      expect(f.geometry).toEqual(villageFeatures.features[i].geometry);
    });
    const md = fc.features.filter((f: any) => f.properties.formerCommune === 'Mường Do');
    expect(md).toHaveLength(7);
    // Mường Do's 7/7 implies its bản (INFERRED): on its unnamed cells for anonymous visitors, never on a named bản.
    for (const f of md) {
      if (f.properties.nameKnown) {
        expect(f.properties).toMatchObject({ drugFree: null, drugFree_status: 'UNKNOWN' });
        continue;
      }
      expect(f.properties).toMatchObject({ drugFree: true, drugFree_status: 'INFERRED' });
      expect(f.properties.drugFree_source).toContain('Phần thứ hai I.7.2');
    }
  });

  it('page with limit and offset, linking next and prev until every bản is seen once', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${ogc}/collections/villages/items?limit=10`;
    const pages: any[] = [];
    while (url) {
      const page = await ok(url, GEOJSON);
      pages.push(page);
      expect(page.numberMatched).toBe(23);
      expect(page.numberReturned).toBe(page.features.length);
      seen.push(...page.features.map((f: any) => f.id));
      url = page.links.find((l: any) => l.rel === 'next')?.href;
      if (url) expect(page.links.find((l: any) => l.rel === 'next').type).toBe(GEOJSON);
    }
    expect(pages.map((p) => p.numberReturned)).toEqual([10, 10, 3]);
    const { villages } = await graphql(`{ villages { id } }`);
    expect(seen).toEqual(villages.map((v: any) => v.id));
    expect(pages[0].links.find((l: any) => l.rel === 'prev')).toBeUndefined();
    expect(pages[2].links.find((l: any) => l.rel === 'prev').href).toContain('offset=10');
    const back = await ok(pages[2].links.find((l: any) => l.rel === 'prev').href, GEOJSON);
    expect(back.features.map((f: any) => f.id)).toEqual(seen.slice(10, 20));
    const tail = await ok('/collections/villages/items?limit=5&offset=20', GEOJSON);
    expect(tail.features.map((f: any) => f.id)).toEqual(seen.slice(20));
    expect((await ok('/collections/villages/items?offset=30', GEOJSON)).features).toEqual([]);
  });

  it('filter by bbox to the bản whose cells meet the box, as GraphQL villages(filter: {bbox}) does', async () => {
    const { villages } = await graphql(`{ villages { id centroid geometry } }`);
    const cellBox = Object.fromEntries(villages.map((v: any) => [v.id, turfBbox(v.geometry)]));
    const [cx, cy] = villages[5].centroid;
    const boxes = [[104.70, 21.05, 104.80, 21.30], [cx - 0.005, cy - 0.005, cx + 0.005, cy + 0.005], [104.85, 21.0, 105.0, 21.15], [0, 0, 1, 1]];
    for (const box of boxes) {
      const { villages: expected } = await graphql(`query ($b: [Float!]) { villages(filter: { bbox: $b }) { id } }`, { b: box });
      const page = await ok(`/collections/villages/items?bbox=${box.join(',')}`, GEOJSON);
      const ids = page.features.map((f: any) => f.id);
      expect(ids, `bbox ${box}`).toEqual(expected.map((v: any) => v.id));
      expect(page.numberMatched).toBe(ids.length);
      const meets = villages.map((v: any) => v.id).filter((id: string) => {
        const [x0, y0, x1, y1] = cellBox[id];
        return x0 <= box[2] && box[0] <= x1 && y0 <= box[3] && box[1] <= y1;
      });
      // The R-tree's candidates (cell bboxes meeting the box) are exactly the answer for these boxes.
      expect(ids, `cells meeting ${box}`).toEqual(meets);
      if (page.links.find((l: any) => l.rel === 'next')) expect(page.links.find((l: any) => l.rel === 'next').href).toContain('bbox=');
    }
    expect((await ok(`/collections/villages/items?bbox=${boxes[1].join(',')}`, GEOJSON)).features.map((f: any) => f.id)).toContain(villages[5].id);
    expect((await ok('/collections/villages/items?bbox=0,0,1,1', GEOJSON)).numberMatched).toBe(0);
    // An antimeridian-crossing box (west edge east of the east edge) that wraps over the commune finds every bản.
    expect((await ok('/collections/villages/items?bbox=100,20,-170,22', GEOJSON)).numberMatched).toBe(23);
  });

  it('filter the small collections by bbox too; places without coordinates never meet a box', async () => {
    const commune = await ok('/collections/commune/items', GEOJSON);
    expect(commune.features).toHaveLength(1);
    expect(commune.features[0].properties.boundaryQuality).toBe('OFFICIAL');
    expect((await ok('/collections/commune/items?bbox=0,0,1,1', GEOJSON)).numberMatched).toBe(0);
    const fcs = await ok('/collections/former-communes/items', GEOJSON);
    expect(fcs.features.map((f: any) => f.properties.boundaryQuality)).toEqual(['SCHEMATIC', 'SCHEMATIC', 'SCHEMATIC']);
    expect(fcs.features.map((f: any) => f.properties.villageCount).reduce((a: number, b: number) => a + b)).toBe(23);
    const neighbours = await ok('/collections/neighbours/items', GEOJSON);
    expect(neighbours.numberMatched).toBe(8);
    const [x0, y0, x1, y1] = turfBbox(commune.features[0].geometry);
    const around = await ok(`/collections/neighbours/items?bbox=${[x0, y0, x1, y1].join(',')}`, GEOJSON);
    expect(around.numberMatched).toBeGreaterThan(0);
    for (const f of around.features) {
      const [a0, b0, a1, b1] = turfBbox(f.geometry);
      expect(a0 <= x1 && x0 <= a1 && b0 <= y1 && y0 <= b1).toBe(true);
    }
    const places = await ok('/collections/places/items', GEOJSON);
    expect(places.numberMatched).toBeGreaterThan(0);
    const dinh = places.features.find((f: any) => f.id === 'tdc-suoi-dinh');
    expect(dinh.geometry).toBeNull();
    expect(dinh.properties).toMatchObject({ plannedHouseholds: 90, settledHouseholds: 60, investmentBillionVnd: 20.73, plannedHouseholds_status: 'REPORTED' });
    expect(dinh.properties.plannedHouseholds_source).toContain('Phần thứ hai I.4');
    expect((await ok(`/collections/places/items?bbox=${[x0, y0, x1, y1].join(',')}`, GEOJSON)).numberMatched).toBe(0);
  });

  it('give one feature by id, with self and collection links', async () => {
    const f = await ok('/collections/villages/items/mb-04', GEOJSON);
    expect(f).toMatchObject({ type: 'Feature', id: 'mb-04', properties: { id: 'mb-04', label: 'Bản Hợp Phong' } });
    expect(f.links.find((l: any) => l.rel === 'self').href).toBe(`${ogc}/collections/villages/items/mb-04`);
    expect(f.links.find((l: any) => l.rel === 'collection').href).toBe(`${ogc}/collections/villages`);
    expect((await ok('/collections/places/items/tdc-suoi-dinh', GEOJSON)).geometry).toBeNull();
  });
});

describe('errors are JSON and name the parameter', () => {
  it('400 for bad bbox, limit, offset, f and unknown parameters', async () => {
    const cases: Array<[string, string]> = [
      ['bbox=1,2,3', 'bbox'], ['bbox=a,b,c,d', 'bbox'], ['bbox=104,22,105,21', 'bbox'], ['bbox=104,21,105,95', 'bbox'], ['bbox=', 'bbox'],
      ['limit=1001', 'limit'], ['limit=0', 'limit'], ['limit=ten', 'limit'], ['limit=2.5', 'limit'], ['offset=-1', 'offset'],
      ['f=xml', 'f'], ['colour=red', 'colour'], ['limit=5&limit=6', 'limit'], ['bbox-crs=EPSG:3857&bbox=0,0,1,1', 'bbox-crs'],
    ];
    for (const [query, parameter] of cases) {
      const r = await get(`/collections/villages/items?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.type).toContain('application/json');
      expect(r.body, query).toMatchObject({ code: 'InvalidParameterValue', parameter });
      expect(r.body.description).toContain(' / ');
    }
    expect((await ok('/collections/villages/items?limit=1000', GEOJSON)).numberReturned).toBe(23);
  });

  it('404 for an unknown collection, feature or path', async () => {
    for (const path of ['/collections/nope', '/collections/nope/items', '/collections/villages/items/nope', '/nowhere']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.type).toContain('application/json');
      expect(r.body.code).toBe('NotFound');
    }
    expect((await get('/collections/villages/items/nope')).body.description).toContain('nope');
  });
});

describe("GDAL's ogrinfo as the client", () => {
  const ogrinfo = async (...args: string[]) => {
    try {
      const { stdout } = await run('ogrinfo', args, { timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GDAL_HTTP_TIMEOUT: '30' } });
      return stdout;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('ogrinfo is missing: apt-get install gdal-bin (.ci/run does this)');
      throw e;
    }
  };
  const fieldsOf = (out: string) => Object.fromEntries([...out.matchAll(/^(\w+): (\S+(?: \S+)?) \(\d+\.\d+\)$/gm)].map((m) => [m[1], m[2]]));

  it('lists the collections', async () => {
    const out = await ogrinfo('-ro', '-so', `OAPIF:${ogc}`);
    const layers = [...out.matchAll(/^\d+: (\S+)/gm)].map((m) => m[1]);
    expect(layers).toEqual(COLLECTIONS);
    expect(out).toMatch(/1: villages \(title: .*\) \(Multi Polygon\)/);
  });

  it('reads the villages layer: 23 features, typed fields, the values GraphQL gives', async () => {
    const summary = await ogrinfo('-ro', '-so', `OAPIF:${ogc}`, 'villages');
    expect(summary).toMatch(/^Feature Count: 23$/m);
    expect(summary).toMatch(/^Geometry: Multi Polygon$/m);
    const fields = fieldsOf(summary);
    expect(fields).toMatchObject({ id: 'String', name: 'String', label: 'String', nameKnown: 'Integer(Boolean)', formerCommune: 'String', boundaryQuality: 'String' });
    const keys = await booleanKeys();
    for (const key of keys) {
      expect(fields[key], key).toBe('Integer(Boolean)');
      for (const suffix of ['_status', '_source', '_period']) expect(fields[key + suffix], key + suffix).toBe('String');
    }

    const all = await ogrinfo('-ro', '-al', '-q', '-geom=NO', `OAPIF:${ogc}`, 'villages');
    const blocks = all.split(/^OGRFeature\(villages\):\d+$/m).slice(1);
    expect(blocks).toHaveLength(23);
    const read = blocks.map((b) => Object.fromEntries([...b.matchAll(/^ {2}(\w+) \([^)]*\)+ = (.*)$/gm)].map((m) => [m[1], m[2]])));
    const { villageFeatures } = await graphql(`query ($k: [String!]!) { villageFeatures(indicators: $k) }`, { k: keys });
    const asOgr = (v: unknown) => (v === null ? '(null)' : v === true ? '1' : v === false ? '0' : String(v));
    read.forEach((row, i) => {
      const p = villageFeatures.features[i].properties;
      expect(row.id).toBe(p.id);
      expect(row.label).toBe(p.label);
      for (const key of keys) {
        expect(row[key], `${p.id} ${key}`).toBe(asOgr(p[key]));
        expect(row[`${key}_status`]).toBe(p[`${key}_status`]);
        expect(row[`${key}_source`]).toBe(asOgr(p[`${key}_source`]));
      }
    });
    // Mường Do's 7/7 on its six unnamed cells; named Bông Sồi's deduced drug status is withheld from anonymous clients.
    expect(read.filter((r) => r.drugFree === '1')).toHaveLength(6);
  });

  it('forwards a spatial filter as bbox and follows next links: the same bản as GraphQL', async () => {
    const box = [104.70, 21.05, 104.80, 21.30];
    const { villages } = await graphql(`query ($b: [Float!]) { villages(filter: { bbox: $b }) { id } }`, { b: box });
    const out = await ogrinfo('-ro', '-al', '-q', '-geom=NO', '-spat', ...box.map(String), `OAPIF:${ogc}`, 'villages');
    const ids = [...out.matchAll(/^ {2}id \(String\) = (.*)$/gm)].map((m) => m[1]);
    expect(ids).toEqual(villages.map((v: any) => v.id));
  });
});
