// More than one detailed commune, over real HTTP on both stores: an admin makes Tường Hạ (03958, Mường Bang's
// neighbour in Sơn La) detailed, its bản come through the GeoJSON import and its values through the CSV import, and
// nothing of Mường Bang changes — its commune, bản, coverage, exports and OGC items are compared with the answers
// fetched before. A unit of one commune can never be written through the other's import, and anonymous visitors
// never see the new commune's drug status (the one visibility module decides). The vector tiles carry its units with
// the values GraphQL gives, decoded as MapLibre decodes them.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { booleanWithin, polygon } from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { client, createUserWithCli, signedIn, type Client } from './helpers/session.ts';
import { fetchTile, tileAt, tileBox, tileFeatures } from './helpers/vector-tiles.ts';

const CODE = '03958';
let server: RunningServer;
let admin: Client, editor: Client, anon: Client;

const REPORT = `dryRun applied rowsRead rowsValid changes { row unitId field newValue } problems { row column villageId code message }`;
const IMPORT_OBS = `mutation ($input: ObservationImportInput!) { importObservations(input: $input) { ${REPORT} } }`;
const IMPORT_GEO = `mutation ($input: VillageGeometryImportInput!) { importVillageGeometry(input: $input) { ${REPORT} } }`;
const COMMUNE = `id code name officialAreaKm2 measuredAreaKm2 boundaryQuality boundarySourceRef { doc label } population
  areas { kind valueKm2 } formerCommunes { id villageCount } adminCentre { name }`;
const COVERAGE = `indicator achieved min max total unknownVillages villages { unitId value status } groups { id achieved total }`;

/** What Mường Bang answers, fetched before and after the second commune arrives. */
interface MuongBangAnswers { graphql: unknown[]; downloads: string[]; ogc: unknown[]; tiles: unknown[] }

async function ok(c: Client, query: string, variables?: Record<string, unknown>) {
  const { body } = await c.gql(query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}
const cookieOf = (c: Client): Record<string, string> => (c.cookie ? { cookie: c.cookie } : {});
async function download(c: Client, path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(new URL(path.slice(1), server.url), { headers: cookieOf(c) });
  return { status: res.status, text: await res.text() };
}
/** A layer's features in the tile at zoom z holding a point, as this client gets them (a 200 answer). */
async function tileFeaturesAt(c: Client, layer: string, z: number, [lon, lat]: number[]) {
  const { x, y } = tileAt(lon, lat, z);
  const { res, tile } = await fetchTile(server, `${layer}/${z}/${x}/${y}.mvt`, cookieOf(c));
  expect(res.status).toBe(200);
  return tileFeatures(tile, layer);
}
/** OGC items: the features and how many matched (not the links). */
async function ogcFeatures(c: Client, path: string) {
  const { status, text } = await download(c, path);
  expect(status, text).toBe(200);
  const { features, numberMatched } = JSON.parse(text);
  return { features, numberMatched };
}
async function muongBang(): Promise<MuongBangAnswers> {
  const graphql: unknown[] = [];
  const downloads: string[] = [];
  const ogc: unknown[] = [];
  const tiles: unknown[] = [];
  for (const c of [anon, editor]) {
    const answer = await ok(c, `{ commune { ${COMMUNE} } villages(limit: 100) { id label boundaryQuality areaKm2 centroid formerCommune { id } }
      coverages { ${COVERAGE} } allObservations { unitId indicator period value } }`);
    graphql.push(answer);
    // The tiles over its easternmost bản (away from Tường Hạ, west of it): its cells, former communes and commune.
    const at = answer.villages.reduce((east: any, v: any) => (v.centroid[0] > east.centroid[0] ? v : east)).centroid;
    for (const z of [10, 12]) {
      for (const layer of ['villages', 'former-communes', 'commune']) tiles.push(await tileFeaturesAt(c, layer, z, at));
    }
    for (const path of ['/export/villages.csv', '/export/observations.csv', '/export/villages.geojson']) {
      const d = await download(c, path);
      expect(d.status, d.text).toBe(200);
      downloads.push(d.text);
    }
    for (const collection of ['villages', 'former-communes', 'commune']) ogc.push(await ogcFeatures(c, `/ogc/collections/${collection}/items?limit=1000`));
  }
  return { graphql, downloads, ogc, tiles };
}

/** A square of `half` degrees around a point, as a GeoJSON polygon. */
const square = ([lon, lat]: number[], half: number) =>
  polygon([[[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half], [lon - half, lat - half]]]).geometry;
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });

const importGeo = async (c: Client, features: unknown[], input: Record<string, unknown>) =>
  (await ok(c, IMPORT_GEO, { input: { geojson: { type: 'FeatureCollection', features }, dryRun: false, sourceNote: 'Khảo sát GPS 2026', ...input } })).importVillageGeometry;
const importCsv = async (c: Client, csv: string, input: Record<string, unknown>) =>
  (await ok(c, IMPORT_OBS, { input: { fileBase64: Buffer.from(csv).toString('base64'), format: 'CSV', dryRun: false, sourceNote: 'Sổ theo dõi bản 2026', ...input } })).importObservations;

let before: MuongBangAnswers;
let added: any;
let national: any;
let outline: MultiPolygon;
let squares: ReturnType<typeof square>[];
let geoReport: any;
let obsReport: any;
let villageIds: string[];

beforeAll(async () => {
  server = await startServer();
  createUserWithCli(server.dataDir, 'admin', 'admin-pass-123');
  admin = await signedIn(server, 'admin', 'admin-pass-123');
  await ok(admin, `mutation { createUser(username: "editor", password: "editor-pass-123", role: "editor") { role } }`);
  editor = await signedIn(server, 'editor', 'editor-pass-123');
  anon = client(server);
  before = await muongBang();

  national = (await ok(anon, `{ nationalCommune(code: "${CODE}") { code name type areaKm2 centroid detailedUnitId } }`)).nationalCommune;
  added = (await ok(admin, `mutation { addDetailedCommune(code: "${CODE}", why: "Mở rộng atlas sang xã lân cận") { ${COMMUNE} geometry } }`)).addDetailedCommune;
  outline = added.geometry;

  // Three bản around the commune's label point, each a 600 m square a kilometre apart (checked inside the outline below).
  const [lon, lat] = national.centroid;
  squares = [[lon - 0.01, lat], [lon, lat], [lon + 0.01, lat]].map((c) => square(c, 0.003));
  geoReport = await importGeo(editor, squares.map((g, i) => feature({ code: `TH-0${i + 1}`, name: `Bản Thử ${'ABC'[i]}` }, g)), { commune: CODE });
  villageIds = (await ok(editor, `{ villages(commune: "${CODE}") { id } }`)).villages.map((v: any) => v.id);
  const [a, b, c] = villageIds;
  obsReport = await importCsv(editor, [
    'Mã bản,Chỉ tiêu,Năm,Giá trị',
    `${a},drugFree,2026,có`, `${b},drugFree,2026,không`, `${c},drugFree,2026,có`,
    `${a},carRoadAccess,2026,có`, `${b},carRoadAccess,2026,có`, `${c},carRoadAccess,2026,không`,
    `TH-02,povertyRate,2026,"12,5"`,
  ].join('\n'), { commune: CODE });
}, 240_000);
afterAll(async () => { await server?.stop(); });

describe('adding a detailed commune', () => {
  it('takes its name, official area and outline from the national reference data, and invents nothing else', () => {
    expect(added.code).toBe(CODE);
    expect(added.name).toBe(`${national.type} ${national.name}`);
    expect(added.officialAreaKm2).toBe(national.areaKm2);
    expect(added.boundaryQuality).toBe('OFFICIAL');
    expect(added.boundarySourceRef.doc).toBe('vietnam-3d-map-2025');
    expect(Math.abs(added.measuredAreaKm2 - national.areaKm2) / national.areaKm2).toBeLessThan(0.05);
    expect(added.formerCommunes).toEqual([]);
    expect(added.population).toBeNull();
    expect(added.adminCentre).toBeNull();
    expect(added.areas.map((a: any) => a.kind)).toEqual(['OFFICIAL', 'MEASURED']);
  });

  it('is listed with Mường Bang first, and the national unit links to it', async () => {
    const data = await ok(anon, `{ detailedCommunes { code } nationalCommune(code: "${CODE}") { detailedUnitId } commune(code: "${CODE}") { id } }`);
    expect(data.detailedCommunes.map((c: any) => c.code)).toEqual(['03943', CODE]);
    expect(data.nationalCommune.detailedUnitId).toBe(added.id);
    expect(data.commune.id).toBe(added.id);
  });

  it('is refused a second time (CONFLICT), to non-admins, and for a code that is no commune', async () => {
    const again = (await admin.gql(`mutation { addDetailedCommune(code: "${CODE}") { id } }`)).body;
    expect(again.errors?.[0].extensions.code).toBe('CONFLICT');
    expect((await editor.gql(`mutation { addDetailedCommune(code: "03907") { id } }`)).body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await anon.gql(`mutation { addDetailedCommune(code: "03907") { id } }`)).body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const unknown = (await admin.gql(`mutation { addDetailedCommune(code: "99999") { id } }`)).body.errors?.[0];
    expect(unknown.extensions.code).toBe('NOT_FOUND');
    expect(unknown.message).toContain('99999');
    expect((await anon.gql(`{ commune(code: "03907") { id } }`)).body.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('is recorded in the history, with the official area', async () => {
    const history = (await ok(editor, `{ history(unitId: "${added.id}") { who field newValue } }`)).history;
    expect(history.map((h: any) => [h.who, h.field])).toEqual([['admin', 'created'], ['admin', 'officialAreaKm2@2025']]);
    expect(history[0].newValue.code).toBe(CODE);
    expect(history[0].newValue.boundary.quality).toBe('OFFICIAL');
  });
});

describe('its bản and values through the existing imports', () => {
  it('adds the three bản of the file inside its outline, under it, with surveyed boundaries', async () => {
    for (const g of squares) expect(booleanWithin(g, outline)).toBe(true);
    expect(geoReport.problems).toEqual([]);
    expect(geoReport.applied).toBe(true);
    expect(geoReport.changes.map((c: any) => c.field)).toEqual(['created', 'created', 'created']);
    const villages = (await ok(anon, `{ villages(commune: "${CODE}") { id label boundaryQuality formerCommune { id } } }`)).villages;
    expect(villages.map((v: any) => v.label)).toEqual(['Bản Thử A', 'Bản Thử B', 'Bản Thử C']);
    expect(villages.map((v: any) => v.id)).toEqual(geoReport.changes.map((c: any) => c.unitId));
    expect(villages.every((v: any) => v.boundaryQuality === 'SURVEYED' && v.formerCommune === null)).toBe(true);
  });

  it('writes the values of the file to those bản', async () => {
    expect(obsReport.problems).toEqual([]);
    expect(obsReport.applied).toBe(true);
    expect(new Set(obsReport.changes.map((c: any) => c.unitId))).toEqual(new Set(villageIds));
    // The file's rows in order: TH-02's drug status, its road access, then its poverty rate (named by its code).
    const history = (await ok(editor, `{ history(unitId: "${villageIds[1]}") { who field } }`)).history;
    expect(history.map((h: any) => [h.who, h.field])).toEqual([['editor', 'created'], ['editor', 'drugFree@2026'], ['editor', 'carRoadAccess@2026'], ['editor', 'povertyRate@2026']]);
  });

  it('counts coverage over its own bản only, by the same fact engine', async () => {
    const { coverage } = await ok(editor, `{ coverage(indicator: "drugFree", commune: "${CODE}") { ${COVERAGE} } }`);
    expect(coverage.total).toBe(3);
    expect(coverage.achieved).toBe(2);
    expect(coverage.groups).toEqual([]);
    expect(coverage.villages.map((v: any) => [v.unitId, v.value])).toEqual([[villageIds[0], true], [villageIds[1], false], [villageIds[2], true]]);
    const road = (await ok(anon, `{ coverages(indicators: ["carRoadAccess"], commune: "${CODE}") { ${COVERAGE} } }`)).coverages[0];
    expect([road.achieved, road.total, road.unknownVillages]).toEqual([2, 3, 0]);
  });

  it('exports and serves as OGC items its own bản and values when asked by commune', async () => {
    const csv = await download(editor, `/export/observations.csv?commune=${CODE}`);
    expect(csv.status).toBe(200);
    const rows = csv.text.trim().split('\n').slice(1).filter((r) => /,(2025|2026),/.test(r));
    expect(rows.length).toBe(8); // the official area and the seven rows of the file (a later edit writes 2027)
    expect(rows.every((r) => r.startsWith(added.id) || villageIds.some((id) => r.startsWith(id)))).toBe(true);
    const items = await ogcFeatures(editor, `/ogc/collections/villages/items?commune=${CODE}`);
    expect(items.features.map((f: any) => [f.id, f.properties.drugFree])).toEqual([[villageIds[0], true], [villageIds[1], false], [villageIds[2], true]]);
    const outlineItems = await ogcFeatures(anon, `/ogc/collections/commune/items?commune=${CODE}`);
    expect(outlineItems.features.map((f: any) => f.id)).toEqual([added.id]);
    const missing = await download(anon, '/export/villages.csv?commune=03907');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text).parameter).toBe('commune');
  });

  it('never shows anonymous visitors its drug status, which no public source states', async () => {
    const data = await ok(anon, `{ coverage(indicator: "drugFree", commune: "${CODE}") { ${COVERAGE} }
      villages(commune: "${CODE}") { id observation(indicator: "drugFree") { value } resolvedValue(indicator: "drugFree") { value } } }`);
    expect(data.coverage.villages.map((v: any) => v.value)).toEqual([null, null, null]);
    expect(data.coverage.unknownVillages).toBe(3);
    expect(data.villages.map((v: any) => [v.observation, v.resolvedValue.value])).toEqual([[null, null], [null, null], [null, null]]);
    const csv = await download(anon, `/export/observations.csv?commune=${CODE}`);
    expect(csv.text).not.toContain('drugFree');
    expect(csv.text).toContain('carRoadAccess');
    const items = await ogcFeatures(anon, `/ogc/collections/villages/items?commune=${CODE}`);
    expect(items.features.map((f: any) => f.properties.drugFree)).toEqual([null, null, null]);
  });
});

describe('the two communes never mix', () => {
  it('leaves every answer about Mường Bang exactly as it was before', async () => {
    const after = await muongBang();
    expect((before.graphql[0] as any).villages.length).toBe(23);
    expect(after.graphql).toEqual(before.graphql);
    expect(after.downloads).toEqual(before.downloads);
    expect(after.ogc).toEqual(before.ogc);
    expect((before.tiles[0] as unknown[]).length).toBeGreaterThan(0);
    expect((before.tiles[2] as unknown[]).length).toBe(1);
    // Its tiles too: the same features with the same values, and none of Tường Hạ's units.
    expect(after.tiles).toEqual(before.tiles);
  });

  it('refuses, naming the row and the bản, a value for a Mường Bang bản in the second commune\'s file, and writes nothing', async () => {
    const r = await importCsv(editor, `Mã bản,Chỉ tiêu,Năm,Giá trị\n${villageIds[0]},povertyRate,2026,"10"\nmb-01,povertyRate,2026,"10"\n`, { commune: CODE });
    expect(r.applied).toBe(false);
    expect(r.problems.map((p: any) => [p.row, p.code, p.villageId])).toEqual([[3, 'OTHER_COMMUNE', 'mb-01']]);
    expect(r.problems[0].message).toContain('Mường Bang');
    expect((await ok(editor, `{ observations(indicator: "povertyRate", unitId: "mb-01") { period } }`)).observations.map((o: any) => o.period)).not.toContain('2026');
  });

  it('refuses a second-commune bản in a Mường Bang file in the same way', async () => {
    const r = await importCsv(editor, `Mã bản,Chỉ tiêu,Năm,Giá trị\nTH-01,carRoadAccess,2026,có\n`, {});
    expect(r.applied).toBe(false);
    expect(r.problems.map((p: any) => [p.row, p.code, p.villageId])).toEqual([[2, 'OTHER_COMMUNE', villageIds[0]]]);
  });

  it('refuses a bản outside the second commune\'s outline, a Mường Bang bản named in its geometry file, and an overlap', async () => {
    const muongBangCell = (before.graphql[0] as any).villages[0].centroid;
    const r = await importGeo(editor, [
      feature({ code: 'TH-09', name: 'Bản Ngoài' }, square(muongBangCell, 0.002)),
      feature({ id: 'mb-02' }, squares[0]),
      feature({ code: 'TH-08', name: 'Bản Chồng' }, square(national.centroid, 0.004)),
    ], { commune: CODE });
    expect(r.applied).toBe(false);
    expect(r.problems.map((p: any) => [p.row, p.code])).toEqual([[1, 'OUTSIDE_COMMUNE'], [2, 'OTHER_COMMUNE'], [3, 'OVERLAP']]);
    expect(r.problems[1].villageId).toBe('mb-02');
    expect((await ok(anon, `{ villages(commune: "${CODE}") { id } }`)).villages.length).toBe(3);
  });

  it('takes a single edit of one of its bản, checked as any edit is (an indicator not kept for a bản is refused)', async () => {
    const id = villageIds[2];
    const set = (await ok(editor, `mutation ($i: ObservationEdit!) { setObservation(input: $i) { value } }`,
      { i: { unitId: id, indicator: 'povertyRate', period: '2027', value: 9.5, status: 'REPORTED', sourceNote: 'Sổ theo dõi bản', expectedVersion: 0 } })).setObservation;
    expect(set.value).toBe(9.5);
    const seen = (await ok(anon, `{ villages(commune: "${CODE}") { id observation(indicator: "povertyRate") { period value } } }`)).villages.find((v: any) => v.id === id);
    expect(seen.observation).toEqual({ period: '2027', value: 9.5 });
    const wrong = (await editor.gql(`mutation ($i: ObservationEdit!) { setObservation(input: $i) { value } }`,
      { i: { unitId: id, indicator: 'villageCount', period: '2027', value: 1, status: 'REPORTED', sourceNote: 'Sổ theo dõi bản', expectedVersion: 0 } })).body.errors?.[0];
    expect(wrong.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('finds its bản by place, as Mường Bang\'s', () => {
  it('answers the bbox and within filters, villageFeatures and the OGC bbox over its own bản', async () => {
    const [lon, lat] = national.centroid;
    // A box and a shape meeting the middle square only (the others are a kilometre away).
    const bbox = [lon - 0.001, lat - 0.001, lon + 0.001, lat + 0.001];
    const within = square([lon, lat], 0.001);
    const data = await ok(editor, `query ($b: [Float!], $w: JSON) {
      byBox: villages(commune: "${CODE}", filter: { bbox: $b }) { id }
      byShape: villages(commune: "${CODE}", filter: { within: $w }) { id }
      features: villageFeatures(commune: "${CODE}", filter: { bbox: $b }, indicators: ["drugFree"]) }`, { b: bbox, w: within });
    expect(data.byBox.map((v: any) => v.id)).toEqual([villageIds[1]]);
    expect(data.byShape.map((v: any) => v.id)).toEqual([villageIds[1]]);
    expect(data.features.features.map((f: any) => f.id ?? f.properties.id)).toEqual([villageIds[1]]);
    const items = await ogcFeatures(anon, `/ogc/collections/villages/items?commune=${CODE}&bbox=${bbox.join(',')}`);
    expect(items.features.map((f: any) => f.id)).toEqual([villageIds[1]]);
    // Mường Bang's bbox answers stay its own: the same box names none of its bản.
    expect((await ok(editor, `query ($b: [Float!]) { villages(filter: { bbox: $b }) { id } }`, { b: bbox })).villages).toEqual([]);
  });

  it('answers villagesNear with its bản, nearest first, as the store finds them', async () => {
    const [lon, lat] = national.centroid;
    const near = (await ok(anon, `{ villagesNear(lon: ${lon}, lat: ${lat}, km: 3) { village { id label formerCommune { id } } distanceKm } }`)).villagesNear;
    expect(near.map((n: any) => n.village.id).sort()).toEqual([...villageIds].sort());
    expect(near[0].village.id).toBe(villageIds[1]);
    expect(near[0].village.label).toBe('Bản Thử B');
    expect(near[0].distanceKm).toBeLessThan(0.1);
  });
});

describe('every call taking a unit id finds its bản, with the same visibility rules', () => {
  it('reads unit(id:) of its bản and of the commune itself', async () => {
    const q = `{ village: unit(id: "${villageIds[0]}") { id level parentId } commune: unit(id: "${added.id}") { id level childIds } }`;
    for (const c of [admin, anon]) {
      const data = await ok(c, q);
      expect(data.village).toEqual({ id: villageIds[0], level: 'village', parentId: added.id });
      expect(data.commune.id).toBe(added.id);
      expect(data.commune.childIds).toEqual(villageIds);
    }
  });

  it('reads observations(unitId:) of its bản, its drug status for signed-in users only', async () => {
    const q = `{ observations(unitId: "${villageIds[0]}") { indicator period value } }`;
    const signedInValues = (await ok(editor, q)).observations;
    expect(signedInValues).toContainEqual({ indicator: 'drugFree', period: '2026', value: true });
    expect(signedInValues).toContainEqual({ indicator: 'carRoadAccess', period: '2026', value: true });
    const anonValues = (await ok(anon, q)).observations;
    expect(anonValues).toContainEqual({ indicator: 'carRoadAccess', period: '2026', value: true });
    expect(anonValues.map((o: any) => o.indicator)).not.toContain('drugFree');
  });

  it('reverts a change of one of its bản\'s values, as any change is reverted', async () => {
    const id = villageIds[0];
    const set = (await ok(editor, `mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }`,
      { i: { unitId: id, indicator: 'povertyRate', period: '2028', value: 7.5, status: 'REPORTED', sourceNote: 'Sổ theo dõi bản', expectedVersion: 0 } })).setObservation;
    const change = (await ok(editor, `{ history(unitId: "${id}") { id field } }`)).history.findLast((c: any) => c.field === 'povertyRate@2028');
    const reverted = (await ok(editor, `mutation ($c: Int!, $v: Int!) { revertChange(changeId: $c, expectedVersion: $v) { unitId field reverts } }`,
      { c: change.id, v: set.version })).revertChange;
    expect(reverted).toEqual({ unitId: id, field: 'povertyRate@2028', reverts: change.id });
    const values = (await ok(editor, `{ observations(unitId: "${id}", indicator: "povertyRate") { period } }`)).observations;
    expect(values.map((o: any) => o.period)).not.toContain('2028');
  });

  it('refuses an import whose row was edited since its dry run, naming the bản by its name', async () => {
    const id = villageIds[1];
    const csv = ['Mã bản,Chỉ tiêu,Năm,Giá trị', `${id},povertyRate,2029,"11,5"`].join('\n');
    const dry = (await ok(editor, `mutation ($input: ObservationImportInput!) { importObservations(input: $input) { dataVersion problems { message } } }`,
      { input: { fileBase64: Buffer.from(csv).toString('base64'), format: 'CSV', dryRun: true, sourceNote: 'Sổ theo dõi bản 2026', commune: CODE } })).importObservations;
    expect(dry.problems).toEqual([]);
    await ok(editor, `mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }`,
      { i: { unitId: id, indicator: 'povertyRate', period: '2029', value: 10, status: 'REPORTED', sourceNote: 'Sổ theo dõi bản', expectedVersion: 0 } });
    const refused = (await editor.gql(IMPORT_OBS, { input: { fileBase64: Buffer.from(csv).toString('base64'), format: 'CSV', dryRun: false,
      sourceNote: 'Sổ theo dõi bản 2026', commune: CODE, expectedDataVersion: dry.dataVersion } })).body.errors?.[0];
    expect(refused.extensions.code).toBe('CONFLICT');
    expect(refused.message).toContain('Dòng 2 (Bản Thử B, povertyRate@2029');
  });

  it('takes a surveyed boundary of one of its bản, checked against its own outline', async () => {
    const id = villageIds[0];
    const { version, areaKm2 } = (await ok(editor, `{ villages(commune: "${CODE}") { id version areaKm2 } }`)).villages.find((v: any) => v.id === id);
    const [lon, lat] = national.centroid;
    const smaller = square([lon - 0.01, lat], 0.0025);
    const edit = `mutation ($i: BoundaryEdit!) { replaceBoundary(input: $i) { id boundaryQuality areaKm2 geometry } }`;
    const replaced = (await ok(editor, edit, { i: { unitId: id, geometry: smaller, sourceNote: 'Đo GPS 2026', expectedVersion: version } })).replaceBoundary;
    expect(replaced.id).toBe(id);
    expect(replaced.boundaryQuality).toBe('SURVEYED');
    expect(replaced.areaKm2).toBeGreaterThan(0);
    expect(replaced.areaKm2).toBeLessThan(areaKm2);
    expect(replaced.geometry.coordinates[0]).toEqual(smaller.coordinates[0]);
  });

  it('takes a desk centre of one of its bản inside its own outline, and keeps its surveyed boundary', async () => {
    const id = villageIds[2];
    const was = (await ok(editor, `{ villages(commune: "${CODE}") { id version areaKm2 } }`)).villages.find((v: any) => v.id === id);
    const [lon, lat] = national.centroid;
    const edit = `mutation ($i: VillageCentreEdit!) { placeVillageCentre(input: $i) { id centroid centreKnown boundaryQuality areaKm2 } }`;
    const all = (await ok(editor, edit, { i: { villageId: id, lon: lon + 0.011, lat, sourceNote: 'GPS tại bản', expectedVersion: was.version } })).placeVillageCentre;
    // The answer is its commune's bản, none of Mường Bang's; the cell is its surveyed boundary, not a schematic one.
    expect(all.map((v: any) => v.id)).toEqual(villageIds);
    const placed = all.find((v: any) => v.id === id);
    expect(placed).toEqual({ id, centroid: [lon + 0.011, lat], centreKnown: true, boundaryQuality: 'SURVEYED', areaKm2: was.areaKm2 });
    const muongBangCell = (before.graphql[0] as any).villages[0].centroid;
    const outside = (await editor.gql(edit, { i: { villageId: id, lon: muongBangCell[0], lat: muongBangCell[1], sourceNote: 'GPS', expectedVersion: was.version + 1 } })).body.errors?.[0];
    expect(outside.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('takes a field record for its bản, and the centre must lie in its own outline', async () => {
    const SYNC = `mutation ($records: [FieldRecordInput!]!) { syncFieldRecords(records: $records) { status code message } }`;
    const record = {
      clientId: '6f1c2a40-8d1e-4b5a-9c3d-2e7f00000001', kind: 'OBSERVATION', villageId: villageIds[1], recordedAt: '2026-11-30T07:10:00+07:00',
      baseVersion: 0, indicator: 'carRoadAccess', period: '2027', value: false, sourceNote: 'Quan sát tại bản, họp bản 30/11/2026',
    };
    const [applied] = (await ok(editor, SYNC, { records: [record] })).syncFieldRecords;
    expect(applied).toEqual({ status: 'APPLIED', code: null, message: null });
    const values = (await ok(editor, `{ observations(unitId: "${villageIds[1]}", indicator: "carRoadAccess") { period value } }`)).observations;
    expect(values).toContainEqual({ period: '2027', value: false });
    // The review queue shows it with its bản (one queue for every commune), and another officer can accept it.
    const queue = (await ok(admin, `{ fieldSubmissions { submissionId clientId village { id name } } }`)).fieldSubmissions;
    const queued = queue.find((q: any) => q.clientId === record.clientId);
    expect(queued.village.id).toBe(villageIds[1]);
    const reviewed = (await ok(admin, `mutation ($id: ID!) { reviewFieldSubmission(id: $id, decision: ACCEPT) { status village { id } } }`,
      { id: queued.submissionId })).reviewFieldSubmission;
    expect(reviewed).toEqual({ status: 'ACCEPTED', village: { id: villageIds[1] } });
    const muongBangCell = (before.graphql[0] as any).villages[0].centroid;
    const [outside] = (await ok(editor, SYNC, { records: [{
      ...record, clientId: '6f1c2a40-8d1e-4b5a-9c3d-2e7f00000002', kind: 'CENTRE', indicator: null, period: null, value: null,
      lon: muongBangCell[0], lat: muongBangCell[1], accuracyMeters: 5,
    }] })).syncFieldRecords;
    expect([outside.status, outside.code]).toEqual(['REJECTED', 'OUTSIDE_COMMUNE']);
  });
});

describe('a named commune\'s geometry file is keyed by code', () => {
  const boundaryOf = async (id: string) => (await ok(editor, `{ villages(commune: "${CODE}") { id areaKm2 } }`)).villages.find((v: any) => v.id === id).areaKm2;

  it('refuses a new code whose name is another bản\'s (naming both codes), and moves no stored boundary', async () => {
    const [lon, lat] = national.centroid;
    const away = square([lon, lat + 0.01], 0.003);
    expect(booleanWithin(away, outline)).toBe(true);
    const area = await boundaryOf(villageIds[0]);
    const r = await importGeo(editor, [feature({ code: 'TH-20', name: 'Bản Thử A' }, away)], { commune: CODE });
    expect(r.applied).toBe(false);
    expect(r.changes).toEqual([]);
    expect(r.problems.map((p: any) => [p.row, p.code, p.column])).toEqual([[1, 'DUPLICATE_NAME', 'properties.name']]);
    expect(r.problems[0].message).toContain('TH-20');
    expect(r.problems[0].message).toContain('TH-01');
    expect((await ok(editor, `{ villages(commune: "${CODE}") { id } }`)).villages.length).toBe(3);
    expect(await boundaryOf(villageIds[0])).toBe(area);
  });

  it('refuses a known code given with another name (naming the row, the code and both names)', async () => {
    const area = await boundaryOf(villageIds[0]);
    const r = await importGeo(editor, [feature({ code: 'TH-01', name: 'Khác' }, square(national.centroid.map((x: number, i: number) => x - (i === 0 ? 0.01 : 0)), 0.002))], { commune: CODE });
    expect(r.applied).toBe(false);
    expect(r.problems.map((p: any) => [p.row, p.code, p.villageId])).toEqual([[1, 'NAME_MISMATCH', villageIds[0]]]);
    for (const text of ['TH-01', 'Thử A', 'Khác']) expect(r.problems[0].message).toContain(text);
    expect(await boundaryOf(villageIds[0])).toBe(area);
    // The same code with its own name is taken: the boundary is replaced.
    const same = await importGeo(editor, [feature({ code: 'TH-01', name: 'Bản Thử A' }, square([national.centroid[0] - 0.01, national.centroid[1]], 0.002))], { commune: CODE });
    expect(same.problems).toEqual([]);
    expect(same.changes.map((c: any) => [c.unitId, c.field])).toEqual([[villageIds[0], 'boundary']]);
    expect(await boundaryOf(villageIds[0])).toBeLessThan(area);
  });
});

describe('publishing a drug status needs a public document about the bản\'s own commune', () => {
  const PUBLISH = `mutation ($u: String!, $p: String!, $v: Int!, $d: String!, $q: String!) {
    publishObservation(unitId: $u, indicator: "drugFree", period: $p, expectedVersion: $v, document: $d, section: "Phần thứ hai I.7.2", quote: $q) {
      value published version source { doc quote } } }`;
  const versionOf = async (unitId: string, period: string) =>
    ((await ok(admin, `{ observations(unitId: "${unitId}", indicator: "drugFree") { period version } }`)).observations
      .find((o: any) => o.period === period)?.version ?? 0) as number;
  /** What an anonymous visitor gets of a commune's drug status: the bản values, the coverage and the OGC items. */
  const anonymousDrugStatus = async (commune: string | null, unitId: string) => ({
    graphql: await ok(anon, `query ($c: String) { observations(unitId: "${unitId}", indicator: "drugFree") { period value }
      coverage(indicator: "drugFree", commune: $c) { achieved min max unknownVillages villages { unitId value status } } }`, { c: commune }),
    ogc: await ogcFeatures(anon, `/ogc/collections/villages/items?limit=1000${commune ? `&commune=${commune}` : ''}`),
  });

  it('refuses a Tường Hạ bản\'s drug status from Mường Bang\'s report, naming the document, the bản and its commune, and shows anonymous visitors nothing more', async () => {
    const id = villageIds[0];
    const v = await versionOf(id, '2026');
    expect(v).toBeGreaterThan(0);
    const seen = await anonymousDrugStatus(CODE, id);
    expect(seen.graphql.observations).toEqual([]);
    const refused = (await admin.gql(PUBLISH, { u: id, p: '2026', v, d: 'report-2025', q: 'Bản Thử A đạt tiêu chuẩn bản không có ma túy' })).body.errors?.[0];
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'document', reason: 'DOCUMENT_OF_OTHER_COMMUNE', document: 'report-2025', unitId: id,
      communeCode: CODE, documentCommunes: ['03943'] });
    for (const text of ['report-2025', 'Thử A', id, 'Tường Hạ', CODE, 'Xã Mường Bang (03943)']) expect(refused.message).toContain(text);
    expect(refused.message).not.toContain('…');
    // Nothing written: the same version, no history entry, and anonymous visitors see what they saw.
    expect(await versionOf(id, '2026')).toBe(v);
    const history = (await ok(editor, `{ history(unitId: "${id}") { field why } }`)).history;
    expect(history.filter((h: any) => /report-2025/.test(h.why ?? ''))).toEqual([]);
    expect(await anonymousDrugStatus(CODE, id)).toEqual(seen);
  });

  it('refuses a bản\'s drug status from the national reference data (about every commune, stating no bản\'s value), in both communes, and keeps messages whole', async () => {
    const cases = [
      { u: villageIds[0], d: 'vietnam-3d-map-2025', q: 'Bản Thử A đạt tiêu chuẩn bản không có ma túy', commune: CODE },
      { u: 'mb-01', d: 'vietnam3dmap', q: 'Bản Bang đạt tiêu chuẩn bản không có ma túy', commune: null },
    ];
    for (const c of cases) {
      const seen = await anonymousDrugStatus(c.commune, c.u);
      const refused = (await admin.gql(PUBLISH, { u: c.u, p: '2026', v: await versionOf(c.u, '2026'), d: c.d, q: c.q })).body.errors?.[0];
      expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'document', reason: 'DOCUMENT_ABOUT_EVERY_COMMUNE', document: c.d, unitId: c.u });
      // Both halves whole: the Vietnamese sentence is not cut between the document's two quoted names.
      expect(refused.message).not.toContain('…');
      expect(refused.message).toContain(`${c.u}) theo tài liệu đó / Document "${c.d}"`);
      expect(await anonymousDrugStatus(c.commune, c.u)).toEqual(seen);
    }
  });

  it('lists which communes each document is about', async () => {
    const sources = (await ok(anon, `{ sources { id communes } }`)).sources;
    expect(sources.find((s: any) => s.id === 'report-2025').communes).toEqual(['03943']);
    // The national reference data, registered when Tường Hạ was added, is about every commune.
    expect(sources.find((s: any) => s.id === 'vietnam-3d-map-2025').communes).toBeNull();
  });

  it('publishes a Mường Bang bản\'s drug status from the report, as admin only, and keeps it in the history', async () => {
    const set = (await ok(editor, `mutation ($i: ObservationEdit!) { setObservation(input: $i) { version published } }`,
      { i: { unitId: 'ml-05', indicator: 'drugFree', period: '2025', value: false, sourceNote: 'Biên bản họp bản', expectedVersion: await versionOf('ml-05', '2025') } })).setObservation;
    expect(set.published).toBe(false);
    const quote = 'Bản Nguồn chưa đạt tiêu chuẩn bản không có ma túy';
    const vars = { u: 'ml-05', p: '2025', v: set.version, d: 'report-2025', q: quote };
    expect((await editor.gql(PUBLISH, vars)).body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await anon.gql(PUBLISH, vars)).body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await anonymousDrugStatus(null, 'ml-05')).graphql.observations).toEqual([]);
    const published = (await ok(admin, PUBLISH, vars)).publishObservation;
    expect(published).toEqual({ value: false, published: true, version: set.version + 1, source: { doc: 'report-2025', quote } });
    const last = (await ok(editor, `{ history(unitId: "ml-05") { who field newValue } }`)).history.at(-1);
    expect(last).toMatchObject({ who: 'admin', field: 'drugFree@2025' });
    expect(last.newValue.publication).toMatchObject({ by: 'admin', quote, source: { doc: 'report-2025' } });
    expect((await anonymousDrugStatus(null, 'ml-05')).graphql.observations).toEqual([{ period: '2025', value: false }]);
  });

  it('publishes from the report only the value it states: former Mường Lang\'s 5/6 typed as 6 is refused, naming both', async () => {
    // Former Mường Do's 7/7, as the report states it, may be published on it again.
    const same = (await ok(admin, PUBLISH, { u: 'fc-muong-do', p: '2025', v: await versionOf('fc-muong-do', '2025'), d: 'report-2025', q: '100% bản đạt tiêu chuẩn "không có ma túy"' }));
    expect(same.publishObservation).toMatchObject({ value: 7, published: true });
    const set = (await ok(editor, `mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }`,
      { i: { unitId: 'fc-muong-lang', indicator: 'drugFree', period: '2025', value: 6, denominator: 6, sourceNote: 'Họp xã', expectedVersion: await versionOf('fc-muong-lang', '2025') } })).setObservation;
    const seen = await anonymousDrugStatus(null, 'fc-muong-lang');
    // The unpublished 6/6 waits for an admin: anonymous visitors keep the report's published 5/6.
    expect(seen.graphql.observations).toEqual([{ period: '2025', value: 5 }]);
    const refused = (await admin.gql(PUBLISH, { u: 'fc-muong-lang', p: '2025', v: set.version, d: 'report-2025', q: '83,3% bản đạt tiêu chuẩn “Không có ma tuý”' })).body.errors?.[0];
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'document', reason: 'VALUE_NOT_IN_DOCUMENT', document: 'report-2025', unitId: 'fc-muong-lang',
      documentValue: '5/6', storedValue: '6/6' });
    expect(refused.message).toContain('Mường Lang');
    expect(await versionOf('fc-muong-lang', '2025')).toBe(set.version);
    expect(await anonymousDrugStatus(null, 'fc-muong-lang')).toEqual(seen);
  });
});

describe('its units on the vector tiles, as GraphQL gives them', () => {
  const KEYS = ['drugFree', 'carRoadAccess', 'povertyRate'];
  /** The tiles' margin around their box, as a share of their width (64 of 4096 units). */
  const BUFFER = 64 / 4096;
  const ids = (list: Array<Record<string, unknown>>) => list.map((v) => String(v.id)).sort();
  /** villageFeatures for this client (of Tường Hạ, or of Mường Bang when `commune` is null): each bản's properties by id. */
  const villageFeaturesOf = async (c: Client, commune: string | null = CODE) => new Map<string, Record<string, unknown>>(
    (await ok(c, `query ($k: [String!]!, $c: String) { villageFeatures(commune: $c, indicators: $k) }`, { k: KEYS, c: commune }))
      .villageFeatures.features.map((f: any) => [f.properties.id, f.properties]));
  /** Which bản a tile must hold: those of each commune whose cell meets it (its buffer included), by the API's bbox filter. */
  const meetingTile = async (z: number, [lon, lat]: number[]): Promise<{ ours: string[]; muongBang: string[] }> => {
    const { x, y } = tileAt(lon, lat, z);
    const found = await ok(editor, `query ($b: [Float!]) { ours: villages(commune: "${CODE}", filter: { bbox: $b }) { id }
      muongBang: villages(filter: { bbox: $b }) { id } }`, { b: tileBox(z, x, y, BUFFER) });
    return { ours: ids(found.ours), muongBang: ids(found.muongBang) };
  };

  it('holds at z10–z12 the bản of each commune that meet the tile, each with the values villageFeatures gives each viewer in its commune', async () => {
    for (const z of [10, 11, 12]) {
      const meeting = await meetingTile(z, national.centroid);
      expect(meeting.ours).toContain(villageIds[1]);
      for (const c of [anon, editor]) {
        // Each bản as its own commune's villageFeatures gives it to this viewer.
        const api = new Map([...await villageFeaturesOf(c), ...await villageFeaturesOf(c, null)]);
        const inTile = await tileFeaturesAt(c, 'villages', z, national.centroid);
        expect(ids(inTile), `z${z}`).toEqual([...meeting.ours, ...meeting.muongBang].sort());
        for (const p of inTile) {
          const want = api.get(String(p.id))!;
          // (an unnamed bản's null name is an absent property, as every null)
          expect([p.name ?? null, p.label, p.boundaryQuality, p.formerCommuneCode ?? null]).toEqual([want.name, want.label, want.boundaryQuality, want.formerCommuneCode]);
          for (const k of KEYS) {
            // A tile has no null: an unknown value is an absent property, its status says UNKNOWN.
            expect(p[k] ?? null, `z${z} ${p.id} ${k}`).toEqual(want[k]);
            expect(p[`${k}_status`], `z${z} ${p.id} ${k}_status`).toEqual(want[`${k}_status`]);
          }
        }
      }
    }
  });

  it('gives an anonymous visitor none of its unpublished drug status; an editor gets it, privately', async () => {
    const anonymous = (await tileFeaturesAt(anon, 'villages', 12, national.centroid)).filter((p) => villageIds.includes(String(p.id)));
    expect(anonymous.length).toBeGreaterThan(0);
    // Its other values are there: the tile is not simply empty.
    const middle = anonymous.find((p) => p.id === villageIds[1])!;
    expect(typeof middle.carRoadAccess).toBe('boolean');
    for (const p of anonymous) {
      expect(p.drugFree, String(p.id)).toBeUndefined();
      expect(p.drugFree_status, String(p.id)).toBe('UNKNOWN');
    }
    const { x, y } = tileAt(national.centroid[0], national.centroid[1], 12);
    const signedIn = await fetchTile(server, `villages/12/${x}/${y}.mvt`, cookieOf(editor));
    expect(signedIn.res.headers.get('cache-control')).toBe('private, no-store');
    const seen = tileFeatures(signedIn.tile, 'villages').find((p) => p.id === villageIds[1])!;
    // The file gave TH-02 "không": known to the editor, as imported.
    expect(seen.drugFree).toBe(false);
    expect(seen.drugFree_status).toBe((await villageFeaturesOf(editor)).get(villageIds[1])!.drugFree_status);
  });

  it('has its commune with the fact engine\'s counts over its own bản, and no former commune of its own', async () => {
    const muongBangFormers = (before.graphql[0] as any).commune.formerCommunes.map((f: any) => f.id);
    for (const c of [anon, editor]) {
      const { coverage } = await ok(c, `{ coverage(indicator: "drugFree", commune: "${CODE}") { min max total } }`);
      const commune = (await tileFeaturesAt(c, 'commune', 10, national.centroid)).find((p) => p.id === added.id)!;
      expect([commune.code, commune.name, commune.boundaryQuality]).toEqual([CODE, added.name, 'OFFICIAL']);
      expect([commune.drugFree_min, commune.drugFree_max, commune.drugFree_total]).toEqual([coverage.min, coverage.max, coverage.total]);
      expect(coverage.total).toBe(villageIds.length);
      // Only Mường Bang's former communes, where the tile meets them.
      const formers = await tileFeaturesAt(c, 'former-communes', 10, national.centroid);
      expect(formers.filter((p) => !muongBangFormers.includes(p.id))).toEqual([]);
    }
  });

  it('shows an import of values into it in the tile over it: a new ETag and the imported value', async () => {
    const { x, y } = tileAt(national.centroid[0], national.centroid[1], 12);
    const path = `villages/12/${x}/${y}.mvt`;
    const was = await fetchTile(server, path);
    const etag = was.res.headers.get('etag')!;
    expect(tileFeatures(was.tile, 'villages').find((p) => p.id === villageIds[1])!.povertyRate).not.toBe(4.5);
    const report = await importCsv(editor, `Mã bản,Chỉ tiêu,Năm,Giá trị\n${villageIds[1]},povertyRate,2030,"4,5"\n`, { commune: CODE });
    expect(report.applied).toBe(true);
    const now = await fetchTile(server, path, { 'if-none-match': etag });
    expect(now.res.status).toBe(200);
    expect(now.res.headers.get('etag')).not.toBe(etag);
    const middle = tileFeatures(now.tile, 'villages').find((p) => p.id === villageIds[1])!;
    expect([middle.povertyRate, middle.povertyRate_period]).toEqual([4.5, '2030']);
    expect(middle.povertyRate_status).toBe((await villageFeaturesOf(anon)).get(villageIds[1])!.povertyRate_status);
  });

  it('shows a bản imported into its west, in a z12 tile that meets none of Mường Bang\'s bản, with its value', async () => {
    // Five kilometres west of its label point: inside its outline, in a z12 tile away from Mường Bang.
    const at = [national.centroid[0] - 0.05, national.centroid[1]];
    const cell = square(at, 0.003);
    expect(booleanWithin(cell, outline)).toBe(true);
    const meetingBefore = await meetingTile(12, at);
    expect(meetingBefore.muongBang).toEqual([]);
    const { x, y } = tileAt(at[0], at[1], 12);
    const path = `villages/12/${x}/${y}.mvt`;
    const was = await fetchTile(server, path);
    expect(was.res.status).toBe(200);
    expect(ids(tileFeatures(was.tile, 'villages'))).toEqual(meetingBefore.ours);
    const etag = was.res.headers.get('etag')!;

    const geo = await importGeo(editor, [feature({ code: 'TH-04', name: 'Bản Thử D' }, cell)], { commune: CODE });
    expect(geo.problems).toEqual([]);
    const newId = geo.changes[0].unitId;
    const values = await importCsv(editor, `Mã bản,Chỉ tiêu,Năm,Giá trị\nTH-04,carRoadAccess,2026,có\n`, { commune: CODE });
    expect(values.applied).toBe(true);

    const now = await fetchTile(server, path, { 'if-none-match': etag });
    expect(now.res.status).toBe(200);
    expect(now.res.headers.get('etag')).not.toBe(etag);
    const inTile = tileFeatures(now.tile, 'villages');
    const meeting = await meetingTile(12, at);
    expect(meeting.ours).toContain(newId);
    expect(meeting.muongBang).toEqual([]);
    expect(ids(inTile)).toEqual(meeting.ours);
    const added4 = inTile.find((p) => p.id === newId)!;
    expect([added4.label, added4.boundaryQuality, added4.carRoadAccess]).toEqual(['Bản Thử D', 'SURVEYED', true]);
    expect(added4.carRoadAccess_status).toBe((await villageFeaturesOf(anon)).get(newId)!.carRoadAccess_status);
  });
});
