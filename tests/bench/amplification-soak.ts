// `npm run soak:amplification`: does one client stall the portal? On the loopback interface, a probe sends
// `{ commune { name } }` one after another and records its latency (p50, p99, max): alone, then while 30
// anonymous clients send the heaviest query the limits still answer (each text distinct, so none is answered
// from the cache), then while an editor imports ~5 MB files back to back (applied: 4,999 rows written each), a CSV
// and then an XLSX workbook. Also records that the issue's 15-alias query is refused and what an anonymous answer
// may weigh. On SQLite, then on PostgreSQL (a throwaway cluster, as the tests and the stores bench use; skipped
// when it is not installed or SOAK_STORES=sqlite). Bounded: SECONDS per phase. The portal runs built, as `npm start` runs it.
// Writes tests/bench/amplification-results.json.
import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import { createPostgisDatabase, postgisInstalled, postgresBinDir, startCluster, type Cluster } from '../helpers/postgres-cluster.ts';
import { startServer, type RunningServer } from '../helpers/start-server.ts';
import { createUserWithCli, signedIn } from '../helpers/session.ts';
import { percentile } from './percentile.ts';
import { QUERY_LIMITS } from '../../server/http/query-limits.ts';
import { ANONYMOUS_ANSWER_CAP } from '../../server/http/answer-size-cap.plugin.ts';

const root = new URL('../..', import.meta.url).pathname;
const SECONDS = Number(process.env.SOAK_SECONDS ?? 20);
const HEAVY_CLIENTS = 30;
const TRIVIAL = '{ commune { name } }';
const ISSUE_QUERY = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: villages(limit: 100) { geometry formerCommune { geometry } }`).join(' ')} }`;
/** The heaviest answered anonymously: three lists of every bản outline with its former commune's (~1.8 MB, under the 2 MB cap). */
const heaviest = (n: number) => `{ ${Array.from({ length: 3 }, (_, i) => `a${i}: villages(limit: ${100 + n}) { geometry formerCommune { geometry } }`).join(' ')} }`;

async function post(server: RunningServer, query: string, cookie?: string, variables?: unknown) {
  const res = await fetch(new URL('graphql', server.url), {
    method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, chars: text.length, text };
}

const summary = (xs: number[]) => ({ probes: xs.length, p50Ms: Math.round(percentile(xs, 0.5)), p99Ms: Math.round(percentile(xs, 0.99)), maxMs: Math.round(Math.max(...xs)) });

/** Probe the trivial query until `until()` says stop; latencies in ms. */
async function probe(server: RunningServer, until: () => boolean): Promise<number[]> {
  const times: number[] = [];
  while (!until()) {
    const t = performance.now();
    const r = await post(server, TRIVIAL);
    if (r.status !== 200) throw new Error(`trivial query answered ${r.status}: ${r.text.slice(0, 200)}`);
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  return times;
}

/** The rows of an import file: 4,999 valid rows, each with a long note and formula; the n-th file gives every row a new value. */
function importRows(n: number, long: (i: number) => string): string[][] {
  return Array.from({ length: 4999 }, (_, i) => [`mb-0${1 + (i % 9)}`, 'population', String(3000 + i), String(100 + i + n), long(i), long(i + 1)]);
}

/**
 * A CSV of about 5 MB: 5,000 valid rows. Applied: the n-th file gives every row a new value, so each import writes
 * all 4,999 rows (and their history) in one transaction.
 */
function fiveMegabyteCsv(n: number): string {
  const long = 'ghi chú dài '.repeat(34);
  const rows = importRows(n, () => long).map(([u, i, p, v, note, formula]) => `${u},${i},${p},${v},"${note}","${formula}"`);
  return Buffer.from(['unit,indicator,period,value,note,formula', ...rows].join('\n')).toString('base64');
}

/** Letters of Vietnamese text: notes drawn from them do not compress away, so the workbook stays a few MB. */
const LETTERS = 'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ ';
const noteText = (length: number) => Array.from({ length }, () => LETTERS[randomInt(LETTERS.length)]).join('');

/** An XLSX workbook of the same 4,999 rows, its notes varied so that it weighs a few MB zipped. */
async function workbookOf(n: number): Promise<string> {
  const notes = Array.from({ length: 5000 }, () => noteText(480));
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Số liệu');
  sheet.addRow(['unit', 'indicator', 'period', 'value', 'note', 'formula']);
  for (const [u, i, p, v, note, formula] of importRows(n, (k) => notes[k])) sheet.addRow([u, i, Number(p), Number(v), note, formula]);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** Probe while an editor applies imports made by `file(n)` back to back for SECONDS. */
async function duringImports(server: RunningServer, editor: Awaited<ReturnType<typeof signedIn>>, format: 'CSV' | 'XLSX', file: (n: number) => Promise<string> | string) {
  const files = [await file(0), await file(1)];
  let importing = true;
  let imports = 0;
  let rowsWritten = 0;
  const importer = (async () => {
    while (importing) {
      // Two files taking turns: each import changes every row's value.
      const { body } = await editor.gql('mutation ($i: ObservationImportInput!) { importObservations(input: $i) { applied rowsValid problems { message } } }',
        { i: { fileBase64: files[imports % 2], format, dryRun: false, sourceNote: 'đo độ trễ' } });
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      if (!body.data.importObservations.applied) throw new Error(`the import was not applied: ${JSON.stringify(body.data.importObservations.problems.slice(0, 3))}`);
      rowsWritten += body.data.importObservations.rowsValid;
      imports++;
    }
  })();
  const times = await probe(server, ((end) => () => performance.now() > end)(performance.now() + SECONDS * 1000));
  importing = false;
  await importer;
  const fileMb = Math.round((Buffer.from(files[0], 'base64').length / 1048576) * 10) / 10;
  console.log(`during ${imports} applied ${format} imports of ${fileMb} MB (${rowsWritten} rows written)`, summary(times));
  return { ...summary(times), imports, applied: true, rowsWritten, fileMb, format };
}

/** Every phase on one store; its figures. */
async function soakOn(store: 'sqlite' | 'postgres', env: Record<string, string>) {
  // Built and with the node flags of `npm start` (its 4 MB young generation), as the portal runs in service;
  // SOAK_NODE_ARGS adds flags for a diagnosis (e.g. "--cpu-prof --trace-gc").
  const server = await startServer({ env, built: true, nodeArgs: (process.env.SOAK_NODE_ARGS ?? '').split(' ').filter(Boolean) });
  try {
    // The CLI finds the portal's database as the portal does (DATABASE_URL on PostgreSQL).
    if (env.DATABASE_URL) process.env.DATABASE_URL = env.DATABASE_URL; else delete process.env.DATABASE_URL;
    createUserWithCli(server.dataDir, 'editor', 'soak-pass-123456', 'editor');
    const editor = await signedIn(server, 'editor', 'soak-pass-123456');
    const refused = await post(server, ISSUE_QUERY);
    const one = await post(server, heaviest(0));
    console.log(`issue's 15-alias query: HTTP ${refused.status}; heaviest answered: ${(one.chars / 1048576).toFixed(2)} MB`);

    const alone = await probe(server, ((end) => () => performance.now() > end)(performance.now() + 5000));
    console.log('alone', summary(alone));

    // The heavy clients run in their own thread: reading 30 answers of 1.2 MB must not delay the probe's clock.
    const heavyLoad = new Worker(`
      const { parentPort, workerData } = require('node:worker_threads');
      let stop = false, done = 0, n = 1;
      parentPort.on('message', () => { stop = true; });
      const heaviest = ${heaviest.toString()};
      const client = async () => { while (!stop) {
        const res = await fetch(workerData.url + 'graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: heaviest(n++) }) });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error('heavy answered ' + res.status);
        done++;
      } };
      Promise.all(Array.from({ length: workerData.clients }, client)).then(() => parentPort.postMessage(done));`,
    { eval: true, workerData: { url: server.url, clients: HEAVY_CLIENTS } });
    const heavyFinished = new Promise<number>((resolve, reject) => { heavyLoad.once('message', resolve); heavyLoad.once('error', reject); });
    const underHeavy = await probe(server, ((end) => () => performance.now() > end)(performance.now() + SECONDS * 1000));
    heavyLoad.postMessage('stop');
    const heavyDone = await heavyFinished;
    await heavyLoad.terminate();
    console.log(`under ${HEAVY_CLIENTS} heavy clients (${heavyDone} heavy answers)`, summary(underHeavy));

    const csvImports = await duringImports(server, editor, 'CSV', fiveMegabyteCsv);
    const xlsxImports = await duringImports(server, editor, 'XLSX', workbookOf);

    return {
      store, heavyClients: HEAVY_CLIENTS,
      issueQuery: { status: refused.status, code: JSON.parse(refused.text).errors?.[0]?.extensions?.code },
      heaviestAnsweredMb: Math.round((one.chars / 1048576) * 100) / 100,
      trivialAlone: summary(alone),
      trivialUnderHeavy: { ...summary(underHeavy), heavyAnswers: heavyDone },
      trivialDuringImport: csvImports,
      trivialDuringXlsxImport: xlsxImports,
    };
  } finally {
    await server.stop();
  }
}

async function main() {
  const load = (await import('node:os')).loadavg().map((x) => Math.round(x * 10) / 10);
  const stores = [await soakOn('sqlite', {})];
  const bin = postgresBinDir();
  const skipped = process.env.SOAK_STORES === 'sqlite' ? 'SOAK_STORES=sqlite'
    : !bin ? 'PostgreSQL binaries (initdb, pg_ctl) not found' : !postgisInstalled(bin) ? 'PostGIS is not installed for this PostgreSQL' : null;
  if (skipped) console.log(`!!! amplification soak: PostgreSQL SKIPPED: ${skipped}`);
  else {
    let cluster: Cluster | null = null;
    try {
      cluster = await startCluster(bin!);
      const url = await createPostgisDatabase(cluster, 'atlas_soak');
      console.log('--- PostgreSQL');
      stores.push(await soakOn('postgres', { DATABASE_URL: url }));
    } finally { cluster?.stop(); }
  }
  const results = {
    date: new Date().toISOString(), seconds: SECONDS, loadAverageAtStart: load, loadAverageAtEnd: (await import('node:os')).loadavg().map((x) => Math.round(x * 10) / 10),
    limits: { answerBytes: QUERY_LIMITS.answerBytes, anonymousAnswerCap: ANONYMOUS_ANSWER_CAP },
    postgresSkipped: skipped, stores,
  };
  writeFileSync(join(root, 'tests/bench/amplification-results.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((e) => { console.error(e); process.exit(1); });
