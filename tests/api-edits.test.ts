// Sign-in, roles, edits with history, conflicts and reverts — over real HTTP on a temporary SQLite file.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { client, createUserWithCli, signedIn, type Client } from './helpers/session.ts';

let server: RunningServer;
let admin: Client, editor: Client, viewer: Client, anon: Client;
const PW = { admin: 'admin-pass-123', editor: 'editor-pass-123', viewer: 'viewer-pass-123' };

const SET = `mutation ($input: ObservationEdit!) { setObservation(input: $input) { value status version enteredBy source { doc label } } }`;

beforeAll(async () => {
  server = await startServer();
  expect(createUserWithCli(server.dataDir, 'admin', PW.admin)).toContain('Created admin');
  admin = await signedIn(server, 'admin', PW.admin);
  for (const role of ['editor', 'viewer'] as const) {
    const { body } = await admin.gql(`mutation ($u: String!, $p: String!, $r: String!) { createUser(username: $u, password: $p, role: $r) { role } }`,
      { u: role, p: PW[role], r: role });
    expect(body.errors).toBeUndefined();
  }
  editor = await signedIn(server, 'editor', PW.editor);
  viewer = await signedIn(server, 'viewer', PW.viewer);
  anon = client(server);
});
afterAll(async () => { await server?.stop(); });

describe('sign-in', () => {
  it('sets an HttpOnly SameSite=Strict cookie, rotated on each sign-in', async () => {
    const c = client(server);
    const first = await c.gql(`mutation { signIn(username: "viewer", password: "${PW.viewer}") { role } }`);
    expect(first.body.data.signIn.role).toBe('viewer');
    expect(first.setCookie).toMatch(/HttpOnly/i);
    expect(first.setCookie).toMatch(/SameSite=Strict/i);
    const oldCookie = c.cookie;
    await c.gql(`mutation { signIn(username: "viewer", password: "${PW.viewer}") { role } }`);
    expect(c.cookie).not.toBe(oldCookie);
    const stale = client(server);
    stale.cookie = oldCookie;
    expect((await stale.gql('{ me { username } }')).body.data.me).toBeNull();
    expect((await c.gql('{ me { username role } }')).body.data.me).toEqual({ username: 'viewer', role: 'viewer' });
    await c.gql('mutation { signOut }');
    expect((await c.gql('{ me { username } }')).body.data.me).toBeNull();
  });

  it('refuses a wrong password, then every try for a while after five failures', async () => {
    const c = client(server);
    for (let i = 0; i < 5; i++) {
      const { body } = await c.gql(`mutation { signIn(username: "ratelimited", password: "wrong-${i}") { role } }`);
      expect(body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const { body } = await c.gql(`mutation { signIn(username: "ratelimited", password: "anything") { role } }`);
    expect(body.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(body.errors![0].extensions.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe('roles', () => {
  const input = { unitId: 'mb-05', indicator: 'carRoadAccess', period: '2026', value: true, sourceNote: 'Khảo sát 2026', expectedVersion: 0 };
  it('anonymous visitors and viewers cannot edit; editors can', async () => {
    expect((await anon.gql(SET, { input })).body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await viewer.gql(SET, { input })).body.errors![0].extensions.code).toBe('FORBIDDEN');
    const { body } = await editor.gql(SET, { input });
    expect(body.errors).toBeUndefined();
    expect(body.data.setObservation).toMatchObject({ value: true, status: 'REPORTED', version: 1, enteredBy: 'editor', source: { doc: 'officer-entry' } });
    expect(body.data.setObservation.source.label).toContain('Khảo sát 2026');
  });

  it('only admins create users', async () => {
    const q = `mutation { createUser(username: "x1y2z3", password: "long-enough-pw", role: "admin") { role } }`;
    expect((await editor.gql(q)).body.errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await anon.gql(q)).body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('sensitive values entered by officers', () => {
  it('reach signed-in users only; anonymous visitors keep the group figures', async () => {
    const input = { unitId: 'mb-02', indicator: 'drugFree', period: '2026', value: false, sourceNote: 'Biên bản họp bản 3/2026', expectedVersion: 0 };
    expect((await editor.gql(SET, { input })).body.errors).toBeUndefined();
    expect((await viewer.gql(`{ villages(filter: { search: "ban lao" }) { observation(indicator: "drugFree") { value } } }`)).body.data.villages[0].observation).toEqual({ value: false });
    expect((await anon.gql(`{ villages(filter: { search: "ban lao" }) { observation(indicator: "drugFree") { value } } }`)).body.data.villages[0].observation).toBeNull();
    const feats = (await anon.gql(`{ villageFeatures(indicators: ["drugFree"]) }`)).body.data.villageFeatures.features;
    expect(feats.find((f: any) => f.id === 'mb-02').properties.drugFree).toBeNull();
    expect((await anon.gql(`{ villages(filter: { indicator: "drugFree", value: false }) { id } }`)).body.data.villages).toEqual([]);
    expect((await anon.gql(`{ observations(indicator: "drugFree", unitId: "mb-02") { value } }`)).body.data.observations).toEqual([]);
    expect((await anon.gql(`{ history(unitId: "mb-02") { id } }`)).body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const cov = (await anon.gql(`{ coverage(indicator: "drugFree") { achieved total } }`)).body.data.coverage;
    expect(cov).toEqual({ achieved: 19, total: 23 });
  });
});

describe('edits, history, conflicts and reverts', () => {
  const cultural = (unitId: string) => ({ unitId, indicator: 'culturalVillage', period: '2026', sourceNote: 'Quyết định công nhận 2026' });
  /** A bản's culturalVillage@2026 set by the editor (true), then corrected by the admin (false): versions 1 and 2. */
  async function editTwice(unitId: string) {
    const first = await editor.gql(SET, { input: { ...cultural(unitId), value: true, expectedVersion: 0 } });
    expect(first.body.data.setObservation.version).toBe(1);
    const second = await admin.gql(SET, { input: { ...cultural(unitId), value: false, expectedVersion: 1, why: 'sửa lại' } });
    expect(second.body.data.setObservation.version).toBe(2);
  }

  it('a stale version gets CONFLICT and changes nothing', async () => {
    const base = cultural('ml-03');
    await editTwice('ml-03');
    const stale = await editor.gql(SET, { input: { ...base, value: true, expectedVersion: 1 } });
    expect(stale.body.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2, expectedVersion: 1 });
    const now = await viewer.gql(`{ observations(indicator: "culturalVillage", unitId: "ml-03") { value version } }`);
    expect(now.body.data.observations).toEqual([{ value: false, version: 2 }]);
  });

  it('keeps every change in the history and reverts any entry as a new one', async () => {
    await editTwice('ml-06');
    const { body } = await viewer.gql(`{ history(unitId: "ml-06") { id who field oldValue newValue why reverts } }`);
    const h = body.data.history;
    expect(h.map((c: any) => c.who)).toEqual(['editor', 'admin']);
    expect(h[0]).toMatchObject({ field: 'culturalVillage@2026', oldValue: null });
    expect(h[1].oldValue.value).toBe(true);
    expect(h[1].newValue.value).toBe(false);
    expect(h[1].why).toBe('sửa lại');
    // The version seen is required: a revert that names none is refused before anything runs.
    const unnamed = await editor.gql(`mutation { revertChange(changeId: ${h[1].id}, why: "nhầm") { id } }`);
    expect(unnamed.body.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(unnamed.body.errors![0].message).toContain('expectedVersion');
    expect((await viewer.gql(`{ history(unitId: "ml-06") { id } }`)).body.data.history).toHaveLength(2);
    const revert = await editor.gql(`mutation { revertChange(changeId: ${h[1].id}, expectedVersion: 2, why: "nhầm") { id reverts who } }`);
    expect(revert.body.data.revertChange).toMatchObject({ reverts: h[1].id, who: 'editor' });
    const now = await viewer.gql(`{ observations(indicator: "culturalVillage", unitId: "ml-06") { value version } }`);
    expect(now.body.data.observations).toEqual([{ value: true, version: 3 }]);
    const stale = await editor.gql(`mutation { revertChange(changeId: ${h[0].id}, expectedVersion: 2) { id } }`);
    expect(stale.body.errors![0].extensions.code).toBe('CONFLICT');
    const undoCreate = await editor.gql(`mutation { revertChange(changeId: ${h[0].id}, expectedVersion: 3) { id } }`);
    expect(undoCreate.body.errors).toBeUndefined();
    expect((await viewer.gql(`{ observations(indicator: "culturalVillage", unitId: "ml-06") { value } }`)).body.data.observations).toEqual([]);
    const all = (await viewer.gql(`{ history(unitId: "ml-06") { id } }`)).body.data.history;
    expect(all).toHaveLength(4);
  });

  it('pages the history (append-only, it grows without bound): at most 100 entries an answer', async () => {
    const input = { unitId: 'md-06', indicator: 'population', period: '2026', sourceNote: 'Sổ hộ khẩu bản' };
    for (let v = 0; v < 105; v++) {
      const { body } = await editor.gql(SET, { input: { ...input, value: 300 + v, expectedVersion: v } });
      expect(body.errors).toBeUndefined();
    }
    const H = `query ($l: Int, $o: Int) { history(unitId: "md-06", limit: $l, offset: $o) { id newValue } }`;
    const first = (await viewer.gql(`{ history(unitId: "md-06") { id newValue } }`)).body.data.history;
    expect(first).toHaveLength(100);
    expect(first.map((c: any) => c.newValue.value)).toEqual(Array.from({ length: 100 }, (_, i) => 300 + i)); // oldest first
    const rest = (await viewer.gql(H, { l: 100, o: 100 })).body.data.history;
    expect(rest.map((c: any) => c.newValue.value)).toEqual([400, 401, 402, 403, 404]);
    expect((await viewer.gql(H, { l: 3, o: 98 })).body.data.history.map((c: any) => c.id)).toEqual([...first.slice(98).map((c: any) => c.id), rest[0].id]);
    const tooMany = (await viewer.gql(H, { l: 101, o: 0 })).body.errors![0];
    expect(tooMany.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'limit' });
    expect(tooMany.message).toContain('limit must be between 0 and 100');
    expect((await viewer.gql(H, { l: 10, o: -1 })).body.errors![0].extensions.field).toBe('offset');
  });

  it('a target with bản unknown: bản marked as meeting it lower the upper bound and leave the candidates; one marked as not stays', async () => {
    const T = '{ target(no: 12) { villagesNeeded moreVillagesNeeded moreVillagesNeededAtMost candidates { id } } }';
    const before = (await viewer.gql(T)).body.data.target;
    expect(before).toMatchObject({ villagesNeeded: 17, moreVillagesNeeded: null, moreVillagesNeededAtMost: 17 });
    expect(before.candidates).toHaveLength(23);
    const mark = (unitId: string, value: boolean) => editor.gql(SET, { input: { unitId, indicator: 'safeSecurityVillage', period: '2026', value, sourceNote: 'Xét công nhận 2026', expectedVersion: 0 } });
    for (const id of ['mb-01', 'md-01', 'ml-01']) expect((await mark(id, true)).body.errors).toBeUndefined();
    expect((await mark('ml-02', false)).body.errors).toBeUndefined();
    const after = (await viewer.gql(T)).body.data.target;
    expect(after).toMatchObject({ villagesNeeded: 17, moreVillagesNeeded: null, moreVillagesNeededAtMost: 14 });
    expect(after.candidates.map((v: any) => v.id)).toEqual(before.candidates.map((v: any) => v.id).filter((id: string) => !['mb-01', 'md-01', 'ml-01'].includes(id)));
    expect(after.candidates.map((v: any) => v.id)).toContain('ml-02');
  });

  it('refuses bad values naming the field, and writes nothing', async () => {
    const bad = [
      [{ unitId: 'mb-09', indicator: 'drugFree', period: '2026', value: 3, sourceNote: 'x x x', expectedVersion: 0 }, 'value'],
      [{ unitId: 'mb-99', indicator: 'drugFree', period: '2026', value: true, sourceNote: 'x x x', expectedVersion: 0 }, 'unitId'],
      [{ unitId: 'fc-muong-lang', indicator: 'povertyRate', period: '2026', value: 140, sourceNote: 'x x x', expectedVersion: 0 }, 'value'],
      [{ unitId: 'fc-muong-lang', indicator: 'drugFree', period: '2026', value: 5, sourceNote: 'x x x', expectedVersion: 0 }, 'denominator'],
      [{ unitId: 'fc-muong-lang', indicator: 'povertyRate', period: '2026', value: 20, status: 'ESTIMATED', sourceNote: 'x x x', expectedVersion: 0 }, 'formula'],
    ] as const;
    for (const [input, field] of bad) {
      const { body } = await editor.gql(SET, { input });
      expect(body.errors![0].extensions.field, JSON.stringify(input)).toBe(field);
    }
    expect((await viewer.gql(`{ history(unitId: "mb-09") { id } }`)).body.data.history).toEqual([]);
  });
});

describe('bản names, centres and boundaries', () => {
  it('names a bản and finds it by the new name without diacritics', async () => {
    const v = (await viewer.gql(`{ villages(filter: { search: "md-04" }) { version } }`)).body.data.villages[0];
    const { body } = await editor.gql(`mutation { nameVillage(input: { villageId: "md-04", name: "Bản Suối Tọ", sourceNote: "Danh sách bản 2026", expectedVersion: ${v.version} }) { name label nameKnown version } }`);
    expect(body.data.nameVillage).toMatchObject({ name: 'Suối Tọ', label: 'Bản Suối Tọ', nameKnown: true, version: v.version + 1 });
    expect((await anon.gql(`{ villages(filter: { search: "suoi to" }) { id } }`)).body.data.villages).toEqual([{ id: 'md-04' }]);
    const stale = await editor.gql(`mutation { nameVillage(input: { villageId: "md-04", name: "X", sourceNote: "abc", expectedVersion: ${v.version} }) { name } }`);
    expect(stale.body.errors![0].extensions.code).toBe('CONFLICT');
    // Reverting the naming: a stale version gets CONFLICT and keeps the name; the current one restores the old name.
    const naming = (await viewer.gql(`{ history(unitId: "md-04") { id field } }`)).body.data.history.filter((c: any) => c.field === 'name').at(-1);
    const staleRevert = await editor.gql(`mutation { revertChange(changeId: ${naming.id}, expectedVersion: ${v.version}) { id } }`);
    expect(staleRevert.body.errors![0].extensions).toMatchObject({ code: 'CONFLICT', expectedVersion: v.version, currentVersion: v.version + 1 });
    expect((await anon.gql(`{ villages(filter: { search: "suoi to" }) { id } }`)).body.data.villages).toEqual([{ id: 'md-04' }]);
    const revertName = await editor.gql(`mutation { revertChange(changeId: ${naming.id}, expectedVersion: ${v.version + 1}) { field reverts } }`);
    expect(revertName.body.data.revertChange).toEqual({ field: 'name', reverts: naming.id });
    expect((await anon.gql(`{ villages(filter: { search: "suoi to" }) { id } }`)).body.data.villages).toEqual([]);
  });

  it('places a bản centre: the schematic cells are recomputed around it and stay inside the commune', async () => {
    const before = (await anon.gql(`{ villages { id version centroid geometry } }`)).body.data.villages;
    const mb = before.find((v: any) => v.id === 'mb-06');
    const point = mb.centroid;
    const target = [point[0] + 0.003, point[1] + 0.002];
    const { body } = await editor.gql(`mutation ($i: VillageCentreEdit!) { placeVillageCentre(input: $i) { id centreKnown centroid geometry } }`,
      { i: { villageId: 'mb-06', lon: target[0], lat: target[1], sourceNote: 'GPS nhà văn hoá bản', expectedVersion: mb.version } });
    expect(body.errors).toBeUndefined();
    const after = body.data.placeVillageCentre;
    const moved = after.find((v: any) => v.id === 'mb-06');
    expect(moved.centreKnown).toBe(true);
    expect(moved.centroid).toEqual(target);
    expect(booleanPointInPolygon(target, moved.geometry)).toBe(true);
    expect(moved.geometry).not.toEqual(mb.geometry);
    expect(after).toHaveLength(23);
  });

  it('refuses a swapped, outside or self-intersecting position or boundary', async () => {
    const v = (await viewer.gql(`{ villages(filter: { search: "ml-05" }) { version centroid } }`)).body.data.villages[0];
    const place = (lon: number, lat: number) => editor.gql(`mutation ($i: VillageCentreEdit!) { placeVillageCentre(input: $i) { id } }`,
      { i: { villageId: 'ml-05', lon, lat, sourceNote: 'GPS', expectedVersion: v.version } });
    const swapped = (await place(v.centroid[1], v.centroid[0])).body.errors![0];
    expect(swapped.message).toMatch(/swapped/);
    expect(swapped.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lon', reason: 'SWAPPED_LAT_LON' });
    expect((await place(105.5, 21.0)).body.errors![0].message).toMatch(/outside the commune/);
    const boundary = (geometry: unknown) => editor.gql(`mutation ($i: BoundaryEdit!) { replaceBoundary(input: $i) { id boundaryQuality } }`,
      { i: { unitId: 'ml-05', geometry, sourceNote: 'Khảo sát', expectedVersion: v.version } });
    const [x, y] = v.centroid;
    const bow = { type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y + 0.01], [x + 0.01, y], [x, y + 0.01], [x, y]]] };
    expect((await boundary(bow)).body.errors![0].extensions.reason).toBe('SELF_INTERSECTION');
    const h = 0.001; // a 200 m square around the bản's label point, which lies inside the commune
    const square = (dx: number) => ({ type: 'Polygon', coordinates: [[[x + dx - h, y - h], [x + dx + h, y - h], [x + dx + h, y + h], [x + dx - h, y + h], [x + dx - h, y - h]]] });
    expect((await boundary(square(2))).body.errors![0].message).toMatch(/outside the commune/);
    const ok = await boundary(square(0));
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.replaceBoundary.boundaryQuality).toBe('SURVEYED');
  });
});
