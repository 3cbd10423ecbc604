// Every query and mutation of server/schema.graphql × anonymous / viewer / editor / admin, over real HTTP:
// allowed from its role up, refused below it (UNAUTHENTICATED for anonymous, FORBIDDEN for a signed-in
// user without the role). An operation added to the schema without a row here fails the first test.
// Then: a sensitive bản value entered by an officer never reaches anonymous visitors, by any way out.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import {
  buildSchema, getNamedType, isEnumType, isLeafType, isListType, isNonNullType, isObjectType,
  type GraphQLField, type GraphQLObjectType, type GraphQLSchema, type GraphQLType,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { client, signedIn, type Client } from './helpers/session.ts';
import { PASSWORD, ROLES, team, type Role } from './helpers/team.ts';

const root = new URL('..', import.meta.url).pathname;
const schema: GraphQLSchema = buildSchema(readFileSync(`${root}server/schema.graphql`, 'utf8'));

let server: RunningServer;
let users: Record<Role, Client>;
const RANK: Record<Role, number> = { anonymous: 0, viewer: 1, editor: 2, admin: 3 };
const SENSITIVE_BAN = 'ml-04'; // Bản Đung, former Mường Lang: named, not in Mường Do
const MARKER = 'Biên bản họp kín 7731';

interface Call { query: string; variables?: Record<string, unknown>; fresh?: boolean }
/**
 * The least role an operation needs, and a call that succeeds for any role at or above it (built per role, with
 * whatever it needs set up first, so that each cell runs alone); `allowed` checks more of an allowed answer.
 */
interface Row { least: Role; call: (role: Role) => Promise<Call> | Call; allowed?: (data: any) => void }

const gqlAs = (c: Client, call: Call) => c.gql(call.query, call.variables);
const version = async (id: string) => (await users.admin.gql(`query ($id: String!) { unit(id: $id) { version } }`, { id })).body.data.unit.version as number;
const csvBase64 = (rows: string[]) => Buffer.from(['unit,indicator,period,value', ...rows].join('\n')).toString('base64');
let periodSeq = 0;

const QUERIES: Record<string, Row> = {
  units: { least: 'anonymous', call: () => ({ query: '{ units(level: "village") { id } }' }) },
  unit: { least: 'anonymous', call: () => ({ query: '{ unit(id: "mb-01") { id } }' }) },
  me: { least: 'anonymous', call: () => ({ query: '{ me { role } }' }) },
  dataQuality: { least: 'anonymous', call: () => ({ query: '{ dataQuality { areaSpreadKm2 } }' }) },
  commune: { least: 'anonymous', call: () => ({ query: '{ commune { name } }' }) },
  detailedCommunes: { least: 'anonymous', call: () => ({ query: '{ detailedCommunes { code } }' }) },
  neighbours: { least: 'anonymous', call: () => ({ query: '{ neighbours { code } }' }) },
  sources: { least: 'anonymous', call: () => ({ query: '{ sources { id } }' }) },
  history: { least: 'viewer', call: () => ({ query: '{ history(unitId: "mb-01") { id } }' }) },
  fieldSubmissions: { least: 'editor', call: () => ({ query: '{ fieldSubmissions { submissionId } }' }) },
  coverage: { least: 'anonymous', call: () => ({ query: '{ coverage(indicator: "drugFree") { achieved } }' }) },
  coverages: { least: 'anonymous', call: () => ({ query: '{ coverages(indicators: ["drugFree"]) { achieved } }' }) },
  indicators: { least: 'anonymous', call: () => ({ query: '{ indicators { key } }' }) },
  observations: { least: 'anonymous', call: () => ({ query: '{ observations(indicator: "population") { value } }' }) },
  allObservations: { least: 'anonymous', call: () => ({ query: '{ allObservations { value } }' }) },
  latestObservations: { least: 'anonymous', call: () => ({ query: '{ latestObservations { value } }' }) },
  aggregate: { least: 'anonymous', call: () => ({ query: '{ aggregate(level: "formerCommune", indicator: "population") { count } }' }) },
  places: { least: 'anonymous', call: () => ({ query: '{ places { id } }' }) },
  resettlementSites: { least: 'anonymous', call: () => ({ query: '{ resettlementSites { id } }' }) },
  targets: { least: 'anonymous', call: () => ({ query: '{ targets { no } }' }) },
  target: { least: 'anonymous', call: () => ({ query: '{ target(no: 1) { no } }' }) },
  villages: { least: 'anonymous', call: () => ({ query: '{ villages(limit: 2) { id } }' }) },
  villagesNear: { least: 'anonymous', call: () => ({ query: '{ villagesNear(lon: 104.8, lat: 21.2, km: 5) { distanceKm } }' }) },
  villageFeatures: { least: 'anonymous', call: () => ({ query: '{ villageFeatures(indicators: ["carRoadAccess"]) }' }) },
  provinces: { least: 'anonymous', call: () => ({ query: '{ provinces { code } }' }) },
  province: { least: 'anonymous', call: () => ({ query: '{ province(code: "14") { code } }' }) },
  communes: { least: 'anonymous', call: () => ({ query: '{ communes(search: "muong bang", first: 2) { totalCount } }' }) },
  nationalCommune: { least: 'anonymous', call: () => ({ query: '{ nationalCommune(code: "03943") { code } }' }) },
  nationalQuality: { least: 'anonymous', call: () => ({ query: '{ nationalQuality { communePopulationSum } }' }) },
  nationalClassLimits: { least: 'anonymous', call: () => ({ query: '{ nationalClassLimits { density } }' }) },
};

const MUTATIONS: Record<string, Row> = {
  signIn: { least: 'anonymous', call: (role) => ({ fresh: true, query: 'mutation ($u: String!, $p: String!) { signIn(username: $u, password: $p) { role } }', variables: { u: role === 'anonymous' ? 'viewer' : role, p: PASSWORD } }) },
  signOut: { least: 'anonymous', call: () => ({ fresh: true, query: 'mutation { signOut }' }) },
  createUser: { least: 'admin', call: (role) => ({ query: 'mutation ($u: String!) { createUser(username: $u, password: "long-enough-pw-1", role: "viewer") { role } }', variables: { u: `made-by-${role}-${++periodSeq}` } }) },
  setObservation: {
    least: 'editor',
    call: () => ({ query: 'mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }',
      variables: { i: { unitId: 'fc-muong-do', indicator: 'poorHouseholds', period: `${2040 + ++periodSeq}`, value: 10, sourceNote: 'ma trận quyền', expectedVersion: 0 } } }),
  },
  nameVillage: {
    least: 'editor',
    call: async (role) => ({ query: 'mutation ($i: VillageNameEdit!) { nameVillage(input: $i) { name } }',
      variables: { i: { villageId: 'md-05', name: `Thử ${role}`, sourceNote: 'ma trận quyền', expectedVersion: await version('md-05') } } }),
  },
  placeVillageCentre: {
    least: 'editor',
    // Clearing a centre the bản does not have: the whole edit path runs, the cells stay as they are.
    call: async () => ({ query: 'mutation ($i: VillageCentreEdit!) { placeVillageCentre(input: $i) { id } }',
      variables: { i: { villageId: 'md-06', lon: null, lat: null, sourceNote: 'ma trận quyền', expectedVersion: await version('md-06') } } }),
  },
  replaceBoundary: {
    least: 'editor',
    call: async () => {
      const { body } = await users.admin.gql('{ villages(filter: { search: "md-07" }) { centroid } }');
      const [x, y] = body.data.villages[0].centroid, h = 0.0005;
      return { query: 'mutation ($i: BoundaryEdit!) { replaceBoundary(input: $i) { id } }',
        variables: { i: { unitId: 'md-07', geometry: { type: 'Polygon', coordinates: [[[x - h, y - h], [x + h, y - h], [x + h, y + h], [x - h, y + h], [x - h, y - h]]] }, sourceNote: 'ma trận quyền', expectedVersion: await version('md-07') } } };
    },
  },
  revertChange: {
    least: 'editor',
    call: async () => {
      // A change of its own to revert: a new value (version 1), set by the admin.
      const period = `${2080 + ++periodSeq}`;
      const set = await users.admin.gql('mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }',
        { i: { unitId: 'fc-muong-bang', indicator: 'poorHouseholds', period, value: 11, sourceNote: 'ma trận quyền', expectedVersion: 0 } });
      if (set.body.errors) throw new Error(JSON.stringify(set.body.errors));
      // fc-muong-bang: only this row edits it, so its history stays within one page.
      const { body } = await users.admin.gql('{ history(unitId: "fc-muong-bang") { id field } }');
      const change = body.data.history.find((c: { field: string }) => c.field === `poorHouseholds@${period}`);
      return { query: 'mutation ($id: Int!, $v: Int!) { revertChange(changeId: $id, expectedVersion: $v) { id } }', variables: { id: change.id, v: set.body.data.setObservation.version } };
    },
  },
  publishObservation: {
    least: 'admin',
    // A public value published again on its own document: the whole path runs, nothing becomes visible that was not.
    call: async () => {
      const { body } = await users.admin.gql('{ observations(unitId: "fc-muong-do", indicator: "villageCount") { period version } }');
      const { period, version } = body.data.observations[0];
      return { query: 'mutation ($p: String!, $v: Int!) { publishObservation(unitId: "fc-muong-do", indicator: "villageCount", period: $p, expectedVersion: $v, document: "report-2025", section: "Phần thứ nhất", quote: "ma trận quyền") { version } }',
        variables: { p: period, v: version } };
    },
  },
  syncFieldRecords: {
    least: 'editor',
    call: () => ({ query: 'mutation ($r: [FieldRecordInput!]!) { syncFieldRecords(records: $r) { status code } }', variables: { r: [fieldRecord()] } }),
    allowed: (results) => expect(results).toEqual([{ status: 'APPLIED', code: null }]),
  },
  reviewFieldSubmission: {
    least: 'editor',
    // A record of someone else's to review: nobody reviews their own.
    call: async (role) => {
      const { body } = await (role === 'admin' ? users.editor : users.admin)
        .gql('mutation ($r: [FieldRecordInput!]!) { syncFieldRecords(records: $r) { submissionId } }', { r: [fieldRecord()] });
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return { query: 'mutation ($id: ID!) { reviewFieldSubmission(id: $id, decision: ACCEPT) { status } }', variables: { id: body.data.syncFieldRecords[0].submissionId } };
    },
  },
  addDetailedCommune: {
    least: 'admin',
    // A neighbour not detailed yet, so the cell runs alone and again.
    call: async () => {
      const { body } = await users.admin.gql('{ detailedCommunes { code } }');
      const taken = new Set(body.data.detailedCommunes.map((c: { code: string }) => c.code));
      const code = ['03907', '03910', '03970', '03958'].find((c) => !taken.has(c));
      return { query: 'mutation ($c: String!) { addDetailedCommune(code: $c) { code } }', variables: { c: code } };
    },
  },
  importObservations: {
    least: 'editor',
    call: () => ({ query: 'mutation ($i: ObservationImportInput!) { importObservations(input: $i) { applied problems { code } } }',
      variables: { i: { fileBase64: csvBase64([`fc-muong-do,poorHouseholds,${2060 + ++periodSeq},12`]), format: 'CSV', dryRun: true, sourceNote: 'ma trận quyền' } } }),
    allowed: (report) => expect(report.problems).toEqual([]),
  },
  importVillageGeometry: {
    least: 'editor',
    call: () => ({ query: 'mutation ($i: VillageGeometryImportInput!) { importVillageGeometry(input: $i) { applied problems { code } } }',
      variables: { i: { geojson: { type: 'FeatureCollection', features: [] }, dryRun: true, sourceNote: 'ma trận quyền' } } }),
    allowed: (report) => expect(report.problems).toEqual([]),
  },
};

/** A value recorded in the field (a new client id and period each time). */
function fieldRecord() {
  return { clientId: crypto.randomUUID(), kind: 'OBSERVATION', villageId: 'md-03', recordedAt: '2026-11-30T07:00:00+07:00', baseVersion: 0,
    indicator: 'carRoadAccess', period: `${2100 + ++periodSeq}`, value: true, sourceNote: 'ma trận quyền' };
}

const operations = (type: GraphQLObjectType | null | undefined) => Object.keys(type?.getFields() ?? {}).sort();

beforeAll(async () => {
  server = await startServer();
  users = await team(server);
}, 120_000);
afterAll(async () => { await server?.stop(); });

describe('access matrix', () => {
  it('has a row for every query and mutation of the schema, and none for operations it lacks', () => {
    expect(Object.keys(QUERIES).sort()).toEqual(operations(schema.getQueryType()));
    expect(Object.keys(MUTATIONS).sort()).toEqual(operations(schema.getMutationType()));
  });

  const cells: Array<[string, string, Role]> = [];
  for (const [kind, rows] of [['query', QUERIES], ['mutation', MUTATIONS]] as const) {
    for (const name of Object.keys(rows)) for (const role of ROLES) cells.push([kind, name, role]);
  }

  it.each(cells)('%s %s as %s', async (kind, name, role) => {
    const row = (kind === 'query' ? QUERIES : MUTATIONS)[name];
    const call = await row.call(role);
    const as = call.fresh ? (role === 'anonymous' ? client(server) : await signedIn(server, role, PASSWORD)) : users[role];
    const { body } = await gqlAs(as, call);
    if (RANK[role] >= RANK[row.least]) {
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      expect(body.data[name]).not.toBeUndefined();
      row.allowed?.(body.data[name]);
    } else {
      expect(body.errors?.[0]?.extensions?.code).toBe(role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      expect(body.data?.[name] ?? null).toBeNull();
    }
  });
});

// ---- Sensitive values -------------------------------------------------------------------------------

/** Arguments for any field, by name: enough for every field of the schema to be asked. */
const ARGS: Record<string, string> = {
  indicator: '"drugFree"', indicators: '["drugFree", "carRoadAccess"]', unitId: `"${SENSITIVE_BAN}"`, id: `"${SENSITIVE_BAN}"`,
  level: '"village"', no: '20', lon: '104.86', lat: '21.09', km: '50', limit: '100',
};

/** A selection of every field of a type, `depth` levels down, with the required arguments from ARGS. */
function selection(type: GraphQLType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named) || isEnumType(named)) return '';
  if (!isObjectType(named) || depth === 0) return '';
  const fields = Object.values(named.getFields()).flatMap((f: GraphQLField<unknown, unknown>) => {
    const args = f.args.filter((a) => (isNonNullType(a.type) && a.defaultValue === undefined) || (ARGS[a.name] && a.name !== 'limit'));
    const argText = args.length ? `(${args.map((a) => `${a.name}: ${ARGS[a.name] ?? (() => { throw new Error(`no value for ${named.name}.${f.name}(${a.name})`); })()}`).join(', ')})` : '';
    const sub = selection(f.type, depth - 1);
    if (!isLeafType(getNamedType(f.type)) && !sub) return [];
    return [`${f.name}${argText}${sub ? ` ${sub}` : ''}`];
  });
  return fields.length ? `{ ${fields.join(' ')} }` : '';
}

/** Every query of the schema with a full selection (history included: refused for anonymous). */
function everyQuery(): Array<[string, string]> {
  return Object.values(schema.getQueryType()!.getFields()).map((f) => {
    const args = f.args.filter((a) => (isNonNullType(a.type) && a.defaultValue === undefined) || ARGS[a.name]);
    const argText = args.length ? `(${args.map((a) => `${a.name}: ${ARGS[a.name] ?? (isListType(a.type) ? '[]' : '""')}`).join(', ')})` : '';
    return [f.name, `{ ${f.name}${argText} ${selection(f.type, 4)} }`];
  });
}

const EXTRA_QUERIES: Array<[string, string]> = [
  ['villages by value', '{ villages(filter: { indicator: "drugFree", value: true }) { id } }'],
  ['villages by value false', '{ villages(filter: { indicator: "drugFree", value: false }) { id } }'],
  ['villages by state', '{ villages(filter: { indicator: "drugFree", state: [REPORTED, DERIVED, ESTIMATED] }) { id } }'],
  ['villages unknown', '{ villages(filter: { indicator: "drugFree", state: [UNKNOWN] }) { id } }'],
  ['observations of bản', '{ observations(level: "village", indicator: "drugFree") { unitId value source { label } } }'],
  ['aggregate bản', '{ aggregate(level: "village", indicator: "drugFree") { count unknown yes } }'],
  ['all targets', '{ targets { no current { value count } status candidates { id } moreVillagesNeeded } }'],
];

const HTTP_PATHS = [
  'export/villages.geojson', 'export/villages.csv', 'export/villages.xlsx', 'export/observations.csv', 'export/observations.xlsx',
  'export/observations.csv?indicator=drugFree', 'export/villages.csv?indicators=drugFree',
  'ogc/collections', 'ogc/collections/villages', 'ogc/collections/villages/schema', 'ogc/collections/villages/items',
  `ogc/collections/villages/items/${SENSITIVE_BAN}`, 'ogc/collections/villages/items?bbox=104.5,20.9,105.2,21.5&limit=5&offset=10',
];

/** What a client sees through every way out: GraphQL (every query, full selections) and every download. */
async function everything(as: Client): Promise<Record<string, unknown>> {
  const seen: Record<string, unknown> = {};
  for (const [name, query] of [...everyQuery(), ...EXTRA_QUERIES]) {
    const { body } = await as.gql(query);
    seen[`graphql ${name}`] = body;
  }
  for (const path of HTTP_PATHS) {
    const res = await fetch(new URL(path, server.url), { headers: as.cookie ? { cookie: as.cookie } : {} });
    expect(res.status, path).toBe(200);
    if (path.endsWith('.xlsx')) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      seen[path] = book.worksheets.map((ws) => ws.getSheetValues());
    } else {
      seen[path] = await res.text();
    }
  }
  return seen;
}

describe('a sensitive bản value entered by an officer', () => {
  it('never reaches anonymous visitors by any query, export or OGC path; viewers see it', async () => {
    const queries = everyQuery();
    expect(queries.map(([n]) => n).sort()).toEqual(operations(schema.getQueryType()));
    const anonymousBefore = await everything(users.anonymous);
    for (const [name, body] of Object.entries(anonymousBefore)) {
      if (name === 'graphql history' || name === 'graphql fieldSubmissions') expect((body as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      else if (name.startsWith('graphql')) expect((body as any).errors, `${name}: ${JSON.stringify((body as any).errors)}`).toBeUndefined();
    }

    const { body } = await users.editor.gql('mutation ($i: ObservationEdit!) { setObservation(input: $i) { version source { doc } } }',
      { i: { unitId: SENSITIVE_BAN, indicator: 'drugFree', period: '2026', value: true, sourceNote: MARKER, expectedVersion: 0 } });
    expect(body.errors).toBeUndefined();
    expect(body.data.setObservation.source.doc).toBe('officer-entry');

    // Anonymous visitors: everything exactly as before the edit, and the source note nowhere.
    const anonymousAfter = await everything(users.anonymous);
    expect(JSON.stringify(anonymousAfter)).not.toContain(MARKER);
    for (const key of Object.keys(anonymousBefore)) expect(anonymousAfter[key], key).toEqual(anonymousBefore[key]);

    // Signed-in viewers see the value and its source through GraphQL, the exports and OGC.
    const viewer = await everything(users.viewer);
    const ban = (await users.viewer.gql(`{ villages(filter: { search: "${SENSITIVE_BAN}" }) { observation(indicator: "drugFree") { value source { label } } } }`)).body.data.villages[0];
    expect(ban.observation.value).toBe(true);
    expect(ban.observation.source.label).toContain(MARKER);
    for (const path of ['export/villages.csv', 'export/observations.csv', 'export/villages.geojson', `ogc/collections/villages/items/${SENSITIVE_BAN}`]) {
      expect(String(viewer[path]), path).toContain(MARKER);
    }
    expect(JSON.stringify(viewer['graphql villages by value'])).toContain(SENSITIVE_BAN);
  }, 180_000); // three passes over every query and download: slow on a shared machine
});
