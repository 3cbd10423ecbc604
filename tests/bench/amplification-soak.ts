// `npm run soak:amplification`: does one client stall the portal? On the loopback interface, a probe sends
// `{ commune { name } }` one after another and records its latency (p50, p99, max): alone, then while 30
// anonymous clients send the heaviest query the limits still answer (each text distinct, so none is answered
// from the cache), then while an editor imports 5 MB files back to back (applied: 4,999 rows written each). Also records that the
// issue's 15-alias query is refused and what an anonymous answer may weigh. Bounded: SECONDS per phase.
// Writes tests/bench/amplification-results.json.
import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../helpers/start-server.ts';
import { createUserWithCli, signedIn } from '../helpers/session.ts';
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

const percentile = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const summary = (xs: number[]) => ({ probes: xs.length, p50Ms: Math.round(percentile(xs, 50)), p99Ms: Math.round(percentile(xs, 99)), maxMs: Math.round(Math.max(...xs)) });

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

/**
 * A CSV of about 5 MB: 5,000 valid rows, each with a long note and formula. Applied: the n-th file gives every row
 * a new value, so each import writes all 4,999 rows (and their history) in one transaction.
 */
function fiveMegabyteCsv(n: number): string {
  const long = 'ghi chú dài '.repeat(34);
  const rows = Array.from({ length: 4999 }, (_, i) => `mb-0${1 + (i % 9)},population,${3000 + i},${100 + i + n},"${long}","${long}"`);
  return Buffer.from(['unit,indicator,period,value,note,formula', ...rows].join('\n')).toString('base64');
}

async function main() {
  const server = await startServer();
  try {
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

    const file = fiveMegabyteCsv(0);
    let importing = true;
    let imports = 0;
    let rowsWritten = 0;
    const importer = (async () => {
      while (importing) {
        const { body } = await editor.gql('mutation ($i: ObservationImportInput!) { importObservations(input: $i) { applied rowsValid } }',
          { i: { fileBase64: fiveMegabyteCsv(imports), format: 'CSV', dryRun: false, sourceNote: 'đo độ trễ' } });
        if (body.errors) throw new Error(JSON.stringify(body.errors));
        if (!body.data.importObservations.applied) throw new Error('the import was not applied');
        rowsWritten += body.data.importObservations.rowsValid;
        imports++;
      }
    })();
    const duringImport = await probe(server, ((end) => () => performance.now() > end)(performance.now() + SECONDS * 1000));
    importing = false;
    await importer;
    console.log(`during ${imports} applied imports of ${(Buffer.from(file, 'base64').length / 1048576).toFixed(1)} MB (${rowsWritten} rows written)`, summary(duringImport));

    const results = {
      date: new Date().toISOString(), seconds: SECONDS, heavyClients: HEAVY_CLIENTS,
      issueQuery: { status: refused.status, code: JSON.parse(refused.text).errors?.[0]?.extensions?.code },
      heaviestAnsweredMb: Math.round((one.chars / 1048576) * 100) / 100,
      limits: { answerBytes: QUERY_LIMITS.answerBytes, anonymousAnswerCap: ANONYMOUS_ANSWER_CAP },
      trivialAlone: summary(alone),
      trivialUnderHeavy: { ...summary(underHeavy), heavyAnswers: heavyDone },
      trivialDuringImport: { ...summary(duringImport), imports, applied: true, rowsWritten, fileMb: Math.round((Buffer.from(file, 'base64').length / 1048576) * 10) / 10 },
    };
    writeFileSync(join(root, 'tests/bench/amplification-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await server.stop();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
