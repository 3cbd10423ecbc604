// An import of thousands of rows is written in one transaction, in slices: while that transaction is open (the
// database's write lock is held), the portal still answers reads, from the data as committed before it. Observed
// as an order of events (lock held → read answered → lock still held), never as a duration.
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { client, type Client } from './helpers/session.ts';
import { team } from './helpers/team.ts';
import { writeLockHeld, writeLockProbe } from './helpers/sqlite-write-lock.ts';
import { onPostgres, storeEnv } from './helpers/test-store.ts';

// Each row is a few round trips on PostgreSQL: fewer rows keep its transaction open long enough.
const ROWS = onPostgres ? 1000 : 3000;
const PERIOD = (i: number) => String(3000 + i);

let server: RunningServer;
let editor: Client;
let anonymous: Client;
/** True while the portal holds the database's write lock: an import's transaction is open. */
let writing: () => Promise<boolean>;
let closeProbe: () => Promise<void>;

beforeAll(async () => {
  server = await startServer();
  ({ editor } = await team(server));
  anonymous = client(server);
  if (onPostgres) {
    // Writers take turns on a transaction-scoped advisory lock (server/store/pg-store.ts).
    const probe = new pg.Client(storeEnv(server.dataDir).DATABASE_URL);
    await probe.connect();
    writing = async () => (await probe.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted`)).rows[0].n > 0;
    closeProbe = () => probe.end();
  } else {
    // A second connection that asks for the write lock without waiting: SQLITE_BUSY while the portal holds it.
    const probe = writeLockProbe(join(server.dataDir, 'atlas.sqlite'));
    writing = async () => writeLockHeld(probe);
    closeProbe = async () => { probe.close(); };
  }
}, 240_000);
afterAll(async () => {
  await closeProbe?.();
  await server?.stop();
});

const IMPORT = 'mutation ($i: ObservationImportInput!) { importObservations(input: $i) { applied rowsValid changes { row } problems { message } } }';
/** Each read a new document (an alias of its own), so the answer cache cannot answer it: the store does. */
let reads = 0;
const periodsOfMb01 = async () => {
  const { body } = await anonymous.gql(`{ r${++reads}: observations(indicator: "population", unitId: "mb-01") { period } }`);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return (Object.values(body.data!)[0] as Array<{ period: string }>).map((o) => o.period);
};

describe('an import being written', () => {
  it('does not stop reads: they are answered while its transaction is open, from the data committed before it', async () => {
    const rows = Array.from({ length: ROWS }, (_, i) => `mb-0${1 + (i % 9)},population,${PERIOD(i)},${100 + i}`);
    const fileBase64 = Buffer.from(['unit,indicator,period,value', ...rows].join('\n')).toString('base64');
    expect(await periodsOfMb01()).not.toContain(PERIOD(0));

    let finished = false;
    const importing = editor.gql(IMPORT, { i: { fileBase64, format: 'CSV', dryRun: false, sourceNote: 'thử đọc trong lúc ghi' } })
      .finally(() => { finished = true; });
    let readsWhileWriting = 0;
    let answeredWhileWriting = 0;
    while (!finished) {
      if (!(await writing())) { await new Promise((r) => setTimeout(r, 2)); continue; }
      readsWhileWriting++;
      const periods = await periodsOfMb01();
      if (!(await writing())) continue; // the transaction ended before the answer came: says nothing
      answeredWhileWriting++;
      // Nothing of the open transaction is visible: not one of its rows.
      expect(periods).not.toContain(PERIOD(0));
    }
    const { body } = await importing;
    expect(body.errors).toBeUndefined();
    expect(body.data!.importObservations).toMatchObject({ applied: true, rowsValid: ROWS, problems: [] });
    expect(body.data!.importObservations.changes).toHaveLength(ROWS);
    expect(readsWhileWriting).toBeGreaterThan(0);
    expect(answeredWhileWriting).toBeGreaterThan(0);
    // Committed whole: its rows readable (the first page of mb-01's, newest period first), each with its history entry.
    const after = await periodsOfMb01();
    expect(after).toContain(PERIOD(ROWS - 1 - ((ROWS - 1) % 9)));
    expect(after.every((p) => Number(p) >= 3000)).toBe(true);
    const imported: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = (await editor.gql(`{ history(unitId: "mb-01", offset: ${offset}) { field } }`)).body.data!.history as Array<{ field: string }>;
      imported.push(...page.map((h) => h.field).filter((f) => f.startsWith('population@') && Number(f.split('@')[1]) >= 3000));
      if (page.length < 100) break;
    }
    expect(imported).toHaveLength(rows.filter((r) => r.startsWith('mb-01,')).length);
  }, 300_000);
});

describe('an import being read, checked and planned', () => {
  it('does not hold reads: reads sent after a 5 MB import was sent are answered before the import\'s answer', async () => {
    // About 5 MB of JSON: parsed, checked and planned before any write (a dry run writes nothing).
    const note = 'ghi chú dài '.repeat(34);
    const rows = Array.from({ length: 4999 }, (_, i) => `mb-0${1 + (i % 9)},population,${4000 + i},${100 + i},"${note}","${note}"`);
    const fileBase64 = Buffer.from(['unit,indicator,period,value,note,formula', ...rows].join('\n')).toString('base64');
    expect(fileBase64.length).toBeGreaterThan(4_000_000);
    const order: string[] = [];
    const importing = editor.gql(IMPORT, { i: { fileBase64, format: 'CSV', dryRun: true, sourceNote: 'thử đọc trong lúc kiểm tra' } })
      .then((r) => { order.push('import'); return r; });
    let answered = 0;
    while (!order.includes('import')) {
      await periodsOfMb01();
      if (!order.includes('import')) { order.push('read'); answered++; }
    }
    const { body } = await importing;
    expect(body.errors).toBeUndefined();
    expect(body.data!.importObservations).toMatchObject({ applied: false, rowsValid: 4999, problems: [] });
    // Reads went on while the import was under way, answered before it.
    expect(answered).toBeGreaterThan(0);
  }, 300_000);

  it('refuses a large malformed body as the small one is (400, BAD_REQUEST), and keeps answering', async () => {
    const res = await fetch(new URL('graphql', server.url), {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: editor.cookie! }, body: `{"query": "${'x'.repeat(300_000)}`,
    });
    expect(res.status).toBe(400);
    const body = await res.json() as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toContain('Malformed JSON');
    expect(await periodsOfMb01()).toEqual(expect.any(Array));
  });
});
