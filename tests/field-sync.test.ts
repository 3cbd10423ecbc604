// The field app's server side: syncFieldRecords (idempotent, conflicts and the officer's choice), the review queue
// and photos — over real HTTP, on SQLite and PostgreSQL/PostGIS.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { team, type Role } from './helpers/team.ts';
import type { Client } from './helpers/session.ts';

let server: RunningServer;
let users: Record<Role, Client> & Record<string, Client>;

const SYNC = `mutation ($records: [FieldRecordInput!]!) { syncFieldRecords(records: $records) {
  clientId status code field message serverValue serverVersion serverChangedBy serverChangedAt submissionId } }`;
const SET = `mutation ($input: ObservationEdit!) { setObservation(input: $input) { version } }`;
const REVIEW = `mutation ($id: ID!, $d: FieldReviewDecision!, $note: String) { reviewFieldSubmission(id: $id, decision: $d, note: $note) {
  submissionId status reviewNote reviewedBy } }`;
const SUBMISSIONS = `query ($s: FieldSubmissionStatus!) { fieldSubmissions(status: $s) {
  submissionId clientId kind village { id } indicator period value officer recordedAt receivedAt position { lon lat accuracyMeters } sourceNote photoUrl status reviewNote } }`;
const HISTORY = `query ($u: String!) { history(unitId: $u) { id entity field who why newValue origin { clientId recordedAt sourceNote resolution position { lon lat accuracyMeters } } } }`;

// A whole 4×4 grey JPEG (197 bytes, written by gdal_translate): the server checks the photo is a whole image.
const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/' +
  'wAALCAAEAAQBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAABf/EAB8QAAEDAwUAAAAAAAAAAAAAAAECAwQABTEGERITIf/aAAgBAQAAPwBW5WKDp+SmDGZRIbDaVdk1tEhzGOS0k7AAAAeV/9k=', 'base64');
// A JPEG's first bytes glued to a page, and a WebP header around a script: image headers, not images.
const GLUED_JPEG = Buffer.concat([JPEG.subarray(0, 20), Buffer.from('<html><script>alert(document.cookie)</script></html>')]);
const FAKE_WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x20, 0, 0, 0]), Buffer.from('WEBPVP8 <script>alert(3)</script>')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** A value record for a bản, new client id each time unless given. */
const valueRecord = (over: Record<string, unknown> = {}) => ({
  clientId: randomUUID(), kind: 'OBSERVATION', villageId: 'md-04', recordedAt: '2026-11-30T07:10:00+07:00',
  position: { lon: 104.42, lat: 21.33, accuracyMeters: 12 }, baseVersion: 0, indicator: 'carRoadAccess', period: '2026', value: true,
  sourceNote: 'Quan sát tại bản, họp bản 30/11/2026', ...over,
});

async function sync(who: Client, records: unknown[]) {
  const { body } = await who.gql(SYNC, { records });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data.syncFieldRecords as Array<Record<string, any>>;
}

/** The stored value of one bản, indicator and period as this client sees it (undefined: not visible or none). */
async function valueSeenBy(who: Client, unitId: string, indicator: string, period: string) {
  const { body } = await who.gql(`query ($u: String!, $i: String!) { observations(unitId: $u, indicator: $i) { period value } }`, { u: unitId, i: indicator });
  expect(body.errors).toBeUndefined();
  return (body.data.observations as Array<{ period: string; value: unknown }>).find((o) => o.period === period)?.value;
}

async function historyOf(unitId: string) {
  const { body } = await users.editor.gql(HISTORY, { u: unitId });
  expect(body.errors).toBeUndefined();
  return body.data.history as Array<Record<string, any>>;
}

beforeAll(async () => {
  server = await startServer();
  users = await team(server, [['editor2', 'editor']]);
});
afterAll(async () => { await server?.stop(); });

describe('syncFieldRecords', () => {
  it('applies a record, with a history entry that says it came from the field (officer, note, position)', async () => {
    const record = valueRecord({ villageId: 'md-04' });
    const [r] = await sync(users.editor, [record]);
    expect(r).toMatchObject({ clientId: record.clientId, status: 'APPLIED', serverVersion: 1, serverValue: true, code: null });
    expect(r.submissionId).toMatch(/^\d+$/);
    expect(await valueSeenBy(users.viewer, 'md-04', 'carRoadAccess', '2026')).toBe(true);
    const entry = (await historyOf('md-04')).filter((c) => c.field === 'carRoadAccess@2026').at(-1)!;
    expect(entry).toMatchObject({ entity: 'observation', who: 'editor', newValue: { value: true, enteredBy: 'editor' } });
    expect(entry.why).toContain('Recorded in the field');
    expect(entry.origin).toEqual({ clientId: record.clientId, recordedAt: record.recordedAt, sourceNote: record.sourceNote, resolution: null,
      position: { lon: 104.42, lat: 21.33, accuracyMeters: 12 } });
  });

  it('applies a record sent twice once: the replay answers ALREADY_APPLIED with the same result, and the history has one entry', async () => {
    const record = valueRecord({ villageId: 'md-05' });
    const [first] = await sync(users.editor, [record]);
    const [again] = await sync(users.editor, [record]);
    expect(first.status).toBe('APPLIED');
    expect(again).toMatchObject({ status: 'ALREADY_APPLIED', submissionId: first.submissionId, serverVersion: first.serverVersion, serverValue: true });
    const entries = (await historyOf('md-05')).filter((c) => c.field === 'carRoadAccess@2026');
    expect(entries).toHaveLength(1);
  });

  it('refuses a resent clientId whose record changed (value, period, indicator): CLIENT_ID_REUSED, the first value kept', async () => {
    const record = valueRecord({ villageId: 'md-03', period: '2029', value: true });
    const [first] = await sync(users.editor, [record]);
    expect(first.status).toBe('APPLIED');
    const changed = [{ value: false }, { period: '2030' }, { indicator: 'culturalVillage' }];
    const answers = await sync(users.editor, changed.map((c) => ({ ...record, ...c })));
    expect(answers).toHaveLength(3);
    for (const a of answers) {
      expect(a).toMatchObject({ status: 'REJECTED', code: 'CLIENT_ID_REUSED', field: 'clientId', submissionId: null });
      expect(a.message).toContain('differs from the one received');
    }
    expect(answers.map((a) => /\((\w+)\)$/.exec(a.message)![1])).toEqual(['value', 'period', 'indicator']);
    expect(await valueSeenBy(users.editor, 'md-03', 'carRoadAccess', '2029')).toBe(true);
    expect(await valueSeenBy(users.editor, 'md-03', 'carRoadAccess', '2030')).toBeUndefined();
    // The identical record again is still a replay.
    const [again] = await sync(users.editor, [record]);
    expect(again).toMatchObject({ status: 'ALREADY_APPLIED', submissionId: first.submissionId });
  });

  it('keys a record by officer and clientId: another officer who sends the same clientId first gets a record of their own, never the officer\'s', async () => {
    const clientId = randomUUID();
    // editor2 sends editor's clientId before editor's device has synced.
    const [taken] = await sync(users.editor2, [valueRecord({ clientId, villageId: 'md-05', period: '2027', value: false })]);
    const [own] = await sync(users.editor, [valueRecord({ clientId, villageId: 'md-05', period: '2028', value: true })]);
    expect(taken).toMatchObject({ clientId, status: 'APPLIED', serverVersion: 1 });
    expect(own).toMatchObject({ clientId, status: 'APPLIED', serverVersion: 1, serverValue: true, code: null });
    expect(own.submissionId).not.toBe(taken.submissionId);
    expect(await valueSeenBy(users.viewer, 'md-05', 'carRoadAccess', '2028')).toBe(true);
    expect(await valueSeenBy(users.viewer, 'md-05', 'carRoadAccess', '2027')).toBe(false);
    // A replay is still answered per officer: each gets the first answer to their own record.
    const [ownAgain] = await sync(users.editor, [valueRecord({ clientId, villageId: 'md-05', period: '2028', value: true })]);
    const [takenAgain] = await sync(users.editor2, [valueRecord({ clientId, villageId: 'md-05', period: '2027', value: false })]);
    expect(ownAgain).toMatchObject({ status: 'ALREADY_APPLIED', submissionId: own.submissionId, serverValue: true });
    expect(takenAgain).toMatchObject({ status: 'ALREADY_APPLIED', submissionId: taken.submissionId, serverValue: false });
    // The same officer using the id for another record is still refused.
    const [reused] = await sync(users.editor, [valueRecord({ clientId, villageId: 'md-04', period: '2028' })]);
    expect(reused).toMatchObject({ status: 'REJECTED', code: 'CLIENT_ID_REUSED', field: 'clientId' });
    const { body } = await users.admin.gql(SUBMISSIONS, { s: 'PENDING' });
    expect(body.errors).toBeUndefined();
    const both = (body.data.fieldSubmissions as Array<Record<string, any>>).filter((s) => s.clientId === clientId);
    expect(both.map((s) => [s.officer, s.period]).sort()).toEqual([['editor', '2028'], ['editor2', '2027']]);
  });

  it('accepts one officer\'s record without releasing the value another officer stored under the same clientId', async () => {
    const clientId = randomUUID();
    const record = (period: string) => valueRecord({ clientId, villageId: 'mb-02', indicator: 'standardCulturalHouse', period, value: true });
    const [a] = await sync(users.editor, [record('2027')]);
    const [b] = await sync(users.editor2, [record('2028')]);
    expect([a.status, b.status]).toEqual(['APPLIED', 'APPLIED']);
    const accepted = await users.admin.gql(REVIEW, { id: a.submissionId, d: 'ACCEPT' });
    expect(accepted.body.data.reviewFieldSubmission.status).toBe('ACCEPTED');
    expect(await valueSeenBy(users.anonymous, 'mb-02', 'standardCulturalHouse', '2027')).toBe(true);
    // editor2's value still waits for its own review.
    expect(await valueSeenBy(users.anonymous, 'mb-02', 'standardCulturalHouse', '2028')).toBeUndefined();
    expect(await valueSeenBy(users.viewer, 'mb-02', 'standardCulturalHouse', '2028')).toBe(true);
  });

  it('answers CONFLICT for a stale baseVersion with the server\'s value, and writes nothing', async () => {
    await sync(users.editor, [valueRecord({ villageId: 'md-06' })]);
    expect((await users.editor2.gql(SET, { input: { unitId: 'md-06', indicator: 'carRoadAccess', period: '2026', value: false, sourceNote: 'Phòng kinh tế', expectedVersion: 1 } })).body.errors).toBeUndefined();
    const before = (await historyOf('md-06')).length;
    const [r] = await sync(users.editor, [valueRecord({ villageId: 'md-06', baseVersion: 1, value: true })]);
    expect(r).toMatchObject({ status: 'CONFLICT', code: 'CONFLICT', serverValue: false, serverVersion: 2, serverChangedBy: 'editor2', submissionId: null });
    expect(Date.parse(r.serverChangedAt)).not.toBeNaN();
    expect(await valueSeenBy(users.viewer, 'md-06', 'carRoadAccess', '2026')).toBe(false);
    expect((await historyOf('md-06')).length).toBe(before);
  });

  it('KEEP_MINE after a CONFLICT writes the field value, and the history says the officer chose it', async () => {
    await sync(users.editor, [valueRecord({ villageId: 'md-07' })]);
    await users.editor2.gql(SET, { input: { unitId: 'md-07', indicator: 'carRoadAccess', period: '2026', value: false, sourceNote: 'Phòng kinh tế', expectedVersion: 1 } });
    const record = valueRecord({ villageId: 'md-07', baseVersion: 1, value: true });
    const [conflict] = await sync(users.editor, [record]);
    expect(conflict.status).toBe('CONFLICT');
    const [kept] = await sync(users.editor, [{ ...record, resolution: 'KEEP_MINE', baseVersion: conflict.serverVersion }]);
    expect(kept).toMatchObject({ status: 'APPLIED', serverVersion: 3 });
    expect(await valueSeenBy(users.viewer, 'md-07', 'carRoadAccess', '2026')).toBe(true);
    const entry = (await historyOf('md-07')).at(-1)!;
    expect(entry.why).toContain('chose the field value over the conflicting server value');
    expect(entry.origin).toMatchObject({ clientId: record.clientId, resolution: 'KEEP_MINE' });
  });

  it('KEEP_SERVER keeps the value and records in the history that the field value was discarded', async () => {
    await sync(users.editor, [valueRecord({ villageId: 'ml-01' })]);
    await users.editor2.gql(SET, { input: { unitId: 'ml-01', indicator: 'carRoadAccess', period: '2026', value: false, sourceNote: 'Phòng kinh tế', expectedVersion: 1 } });
    const record = valueRecord({ villageId: 'ml-01', baseVersion: 1, value: true });
    expect((await sync(users.editor, [record]))[0].status).toBe('CONFLICT');
    const before = (await historyOf('ml-01')).length;
    const [r] = await sync(users.editor, [{ ...record, resolution: 'KEEP_SERVER' }]);
    expect(r).toMatchObject({ status: 'KEPT_SERVER', serverValue: false, serverVersion: 2 });
    expect(await valueSeenBy(users.viewer, 'ml-01', 'carRoadAccess', '2026')).toBe(false);
    const history = await historyOf('ml-01');
    expect(history.length).toBe(before + 1);
    expect(history.at(-1)).toMatchObject({ entity: 'field', field: 'carRoadAccess@2026', who: 'editor', newValue: { discardedValue: true },
      origin: { clientId: record.clientId, resolution: 'KEEP_SERVER' } });
  });

  it('keeps the server\'s name on KEEP_SERVER; the entry that records it changed no value and cannot be reverted', async () => {
    const before = (await users.viewer.gql(`{ villages { id name version } }`)).body.data.villages.find((x: any) => x.id === 'ml-02');
    const record = { clientId: randomUUID(), kind: 'NAME', villageId: 'ml-02', recordedAt: '2026-11-30T08:00:00+07:00', baseVersion: 0, name: 'Tên thử', sourceNote: 'Trưởng bản cho biết' };
    expect((await sync(users.editor, [record]))[0]).toMatchObject({ status: 'CONFLICT', serverValue: before.name, serverVersion: before.version });
    expect((await sync(users.editor, [{ ...record, resolution: 'KEEP_SERVER' }]))[0].status).toBe('KEPT_SERVER');
    const entry = (await historyOf('ml-02')).at(-1)!;
    expect(entry).toMatchObject({ entity: 'field', field: 'name' });
    const { body } = await users.editor.gql(`mutation ($id: Int!, $v: Int!) { revertChange(changeId: $id, expectedVersion: $v) { id } }`, { id: entry.id, v: before.version });
    expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'changeId' });
    const after = (await users.viewer.gql(`{ villages { id name version } }`)).body.data.villages.find((x: any) => x.id === 'ml-02');
    expect(after).toEqual(before);
  });

  it('refuses a GPS centre less accurate than 50 m with ACCURACY_TOO_LOW naming the accuracy; the centre stays', async () => {
    const { body } = await users.editor.gql(`{ villages { id version centroid centreKnown } }`);
    const v = body.data.villages.find((x: any) => x.id === 'md-01');
    const [r] = await sync(users.editor, [{ clientId: randomUUID(), kind: 'CENTRE', villageId: 'md-01', recordedAt: '2026-11-30T08:00:00+07:00',
      baseVersion: v.version, lon: v.centroid[0], lat: v.centroid[1], accuracyMeters: 80, sourceNote: 'GPS điện thoại' }]);
    expect(r).toMatchObject({ status: 'REJECTED', code: 'ACCURACY_TOO_LOW', field: 'accuracyMeters' });
    expect(r.message).toContain('80 m');
    const [negative] = await sync(users.editor, [{ clientId: randomUUID(), kind: 'CENTRE', villageId: 'md-01', recordedAt: '2026-11-30T08:00:00+07:00',
      baseVersion: v.version, lon: v.centroid[0], lat: v.centroid[1], accuracyMeters: -5, sourceNote: 'GPS điện thoại' }]);
    expect(negative).toMatchObject({ status: 'REJECTED', code: 'ACCURACY_INVALID', field: 'accuracyMeters' });
    const after = (await users.editor.gql(`{ villages { id version centreKnown } }`)).body.data.villages.find((x: any) => x.id === 'md-01');
    expect(after).toMatchObject({ version: v.version, centreKnown: v.centreKnown });
  });

  it('places a centre from a GPS fix within 50 m and names a bản', async () => {
    const { body } = await users.editor.gql(`{ villages { id version centroid name } }`);
    const v = body.data.villages.find((x: any) => x.id === 'md-02');
    const [centre] = await sync(users.editor, [{ clientId: randomUUID(), kind: 'CENTRE', villageId: 'md-02', recordedAt: '2026-11-30T08:00:00+07:00',
      baseVersion: v.version, lon: v.centroid[0], lat: v.centroid[1], accuracyMeters: 8, sourceNote: 'GPS điện thoại tại nhà văn hoá' }]);
    expect(centre).toMatchObject({ status: 'APPLIED', serverVersion: v.version + 1 });
    const [name] = await sync(users.editor, [{ clientId: randomUUID(), kind: 'NAME', villageId: 'md-02', recordedAt: '2026-11-30T08:05:00+07:00',
      baseVersion: v.version + 1, name: 'Co Muồng', sourceNote: 'Trưởng bản cho biết' }]);
    expect(name).toMatchObject({ status: 'APPLIED', serverVersion: v.version + 2, serverValue: 'Co Muồng' });
    const after = (await users.viewer.gql(`{ villages { id name centreKnown centroid } }`)).body.data.villages.find((x: any) => x.id === 'md-02');
    expect(after).toMatchObject({ name: 'Co Muồng', centreKnown: true, centroid: v.centroid });
    expect((await historyOf('md-02')).filter((c) => c.origin?.clientId).map((c) => c.field)).toEqual(['centre', 'name']);
  });

  it('refuses anonymous visitors and viewers', async () => {
    const records = [valueRecord({ villageId: 'ml-02' })];
    expect((await users.anonymous.gql(SYNC, { records })).body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await users.viewer.gql(SYNC, { records })).body.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(await valueSeenBy(users.viewer, 'ml-02', 'carRoadAccess', '2026')).toBeUndefined();
  });

  it('applies the other records of a batch when one is bad', async () => {
    const records = [valueRecord({ villageId: 'ml-03' }), valueRecord({ villageId: 'ml-04', value: 'có' }), valueRecord({ villageId: 'ml-05' })];
    const results = await sync(users.editor, records);
    expect(results.map((r) => r.status)).toEqual(['APPLIED', 'REJECTED', 'APPLIED']);
    expect(results[1]).toMatchObject({ clientId: records[1].clientId, code: 'BAD_USER_INPUT', field: 'value' });
    expect(await valueSeenBy(users.viewer, 'ml-03', 'carRoadAccess', '2026')).toBe(true);
    expect(await valueSeenBy(users.viewer, 'ml-04', 'carRoadAccess', '2026')).toBeUndefined();
    expect(await valueSeenBy(users.viewer, 'ml-05', 'carRoadAccess', '2026')).toBe(true);
  });

  it('refuses a period that is not one and a name over 80 characters, naming the field', async () => {
    const { body } = await users.editor.gql(`{ villages { id version } }`);
    const v = body.data.villages.find((x: any) => x.id === 'ml-06');
    const results = await sync(users.editor, [
      valueRecord({ villageId: 'ml-06', period: 'năm nay' }),
      { clientId: randomUUID(), kind: 'NAME', villageId: 'ml-06', recordedAt: '2026-11-30T08:00:00+07:00', baseVersion: v.version, name: 'Bản '.repeat(40) + 'Xa', sourceNote: 'Họp bản' },
    ]);
    expect(results.map((r) => [r.status, r.code, r.field])).toEqual([['REJECTED', 'BAD_USER_INPUT', 'period'], ['REJECTED', 'BAD_USER_INPUT', 'name']]);
  });

  it('refuses more than 200 records in one call with a coded error, writing none', async () => {
    const records = Array.from({ length: 201 }, () => valueRecord({ villageId: 'ml-06' }));
    const { body } = await users.editor.gql(SYNC, { records });
    expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_RECORDS', field: 'records' });
    expect(await valueSeenBy(users.viewer, 'ml-06', 'carRoadAccess', '2026')).toBeUndefined();
  });
});

describe('review queue', () => {
  it('keeps a field value from anonymous visitors until another editor accepts it; the officer cannot accept their own', async () => {
    const record = valueRecord({ villageId: 'mb-01', indicator: 'standardCulturalHouse' });
    const [r] = await sync(users.editor, [record]);
    expect(r.status).toBe('APPLIED');
    expect(await valueSeenBy(users.viewer, 'mb-01', 'standardCulturalHouse', '2026')).toBe(true);
    expect(await valueSeenBy(users.anonymous, 'mb-01', 'standardCulturalHouse', '2026')).toBeUndefined();
    const pending = (await users.editor2.gql(SUBMISSIONS, { s: 'PENDING' })).body.data.fieldSubmissions.find((s: any) => s.clientId === record.clientId);
    expect(pending).toMatchObject({ submissionId: r.submissionId, kind: 'OBSERVATION', village: { id: 'mb-01' }, indicator: 'standardCulturalHouse', period: '2026',
      value: true, officer: 'editor', recordedAt: record.recordedAt, position: record.position, sourceNote: record.sourceNote, photoUrl: null, status: 'PENDING' });
    const own = await users.editor.gql(REVIEW, { id: r.submissionId, d: 'ACCEPT' });
    expect(own.body.errors![0].extensions.code).toBe('FORBIDDEN');
    const accepted = await users.editor2.gql(REVIEW, { id: r.submissionId, d: 'ACCEPT' });
    expect(accepted.body.data.reviewFieldSubmission).toMatchObject({ status: 'ACCEPTED', reviewedBy: 'editor2' });
    expect(await valueSeenBy(users.anonymous, 'mb-01', 'standardCulturalHouse', '2026')).toBe(true);
    expect((await users.editor2.gql(REVIEW, { id: r.submissionId, d: 'RETURN', note: 'sai' })).body.errors![0].extensions.code).toBe('CONFLICT');
  });

  it('keeps a drug status entered in the field restricted after ACCEPT: only an admin\'s publish makes it public', async () => {
    const [r] = await sync(users.editor, [valueRecord({ villageId: 'mb-03', indicator: 'drugFree', value: true })]);
    expect(r.status).toBe('APPLIED');
    expect((await users.admin.gql(REVIEW, { id: r.submissionId, d: 'ACCEPT' })).body.data.reviewFieldSubmission.status).toBe('ACCEPTED');
    expect(await valueSeenBy(users.viewer, 'mb-03', 'drugFree', '2026')).toBe(true);
    expect(await valueSeenBy(users.anonymous, 'mb-03', 'drugFree', '2026')).toBeUndefined();
  });

  it('returns a record with a note the officer finds in the queue; the value stays from anonymous visitors', async () => {
    const record = valueRecord({ villageId: 'mb-04', indicator: 'standardCulturalHouse' });
    const [r] = await sync(users.editor, [record]);
    expect((await users.editor2.gql(REVIEW, { id: r.submissionId, d: 'RETURN' })).body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    const returned = await users.editor2.gql(REVIEW, { id: r.submissionId, d: 'RETURN', note: 'Thiếu biên bản họp bản' });
    expect(returned.body.data.reviewFieldSubmission).toMatchObject({ status: 'RETURNED', reviewNote: 'Thiếu biên bản họp bản' });
    const mine = (await users.editor.gql(SUBMISSIONS, { s: 'RETURNED' })).body.data.fieldSubmissions.find((s: any) => s.clientId === record.clientId);
    expect(mine).toMatchObject({ status: 'RETURNED', reviewNote: 'Thiếu biên bản họp bản', officer: 'editor' });
    expect(await valueSeenBy(users.anonymous, 'mb-04', 'standardCulturalHouse', '2026')).toBeUndefined();
    expect(await valueSeenBy(users.viewer, 'mb-04', 'standardCulturalHouse', '2026')).toBe(true);
  });

  it('is for editors and admins only', async () => {
    expect((await users.viewer.gql(SUBMISSIONS, { s: 'PENDING' })).body.errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await users.anonymous.gql(SUBMISSIONS, { s: 'PENDING' })).body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('photos', () => {
  it('serves a record\'s photo to signed-in users only, never cached; anonymous visitors get 401', async () => {
    const record = valueRecord({ villageId: 'mb-06', photo: { mimeType: 'image/jpeg', dataBase64: JPEG.toString('base64') } });
    const [r] = await sync(users.editor, [record]);
    expect(r.status).toBe('APPLIED');
    const entry = (await users.editor2.gql(SUBMISSIONS, { s: 'PENDING' })).body.data.fieldSubmissions.find((s: any) => s.clientId === record.clientId);
    expect(entry.photoUrl).toBe(`/field-photos/${r.submissionId}`);
    const url = new URL(entry.photoUrl, server.url);
    const signedIn = await fetch(url, { headers: { cookie: users.viewer.cookie! } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('content-type')).toBe('image/jpeg');
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await signedIn.arrayBuffer()).equals(JPEG)).toBe(true);
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await anonymous.arrayBuffer()).includes(JPEG.subarray(0, 16))).toBe(false);
  });

  it('refuses a file that is not a JPEG or WebP whatever type it declares, and a photo over 600 kB', async () => {
    const png = valueRecord({ villageId: 'mb-07', photo: { mimeType: 'image/jpeg', dataBase64: PNG.toString('base64') } });
    const text = valueRecord({ villageId: 'mb-07', photo: { mimeType: 'image/webp', dataBase64: Buffer.from('<svg onload=alert(1)>').toString('base64') } });
    const big = valueRecord({ villageId: 'mb-07', photo: { mimeType: 'image/jpeg', dataBase64: Buffer.concat([JPEG, Buffer.alloc(700 * 1024)]).toString('base64') } });
    const glued = valueRecord({ villageId: 'mb-07', photo: { mimeType: 'image/jpeg', dataBase64: GLUED_JPEG.toString('base64') } });
    const fakeWebp = valueRecord({ villageId: 'mb-07', photo: { mimeType: 'image/webp', dataBase64: FAKE_WEBP.toString('base64') } });
    const results = await sync(users.editor, [png, text, big, glued, fakeWebp]);
    expect(results.map((r) => [r.status, r.code, r.field])).toEqual([
      ['REJECTED', 'PHOTO_NOT_IMAGE', 'photo'], ['REJECTED', 'PHOTO_NOT_IMAGE', 'photo'], ['REJECTED', 'PHOTO_TOO_LARGE', 'photo'],
      ['REJECTED', 'PHOTO_NOT_IMAGE', 'photo'], ['REJECTED', 'PHOTO_NOT_IMAGE', 'photo'],
    ]);
    expect(await valueSeenBy(users.viewer, 'mb-07', 'carRoadAccess', '2026')).toBeUndefined();
  });
});
