// `npm run soak:crash`: power cuts (SIGKILL) at random moments of seeding, edits and imports, many times.
// After every restart: PRAGMA integrity_check is ok, seeding happened exactly once, every acknowledged edit
// and import is there, each stored value has exactly its history, each import is all rows or none.
// Writes tests/bench/crash-soak-results.json. Not part of `npm test` (it takes several minutes).
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../helpers/start-server.ts';
import { createUserWithCli, signedIn } from '../helpers/session.ts';
import { importDamage, importUntilCut, type ImportLedger } from '../helpers/import-crash.ts';

const root = new URL('../..', import.meta.url).pathname;
const TRIALS = { seeding: Number(process.env.SOAK_SEEDING ?? 16), edits: Number(process.env.SOAK_EDITS ?? 48), imports: Number(process.env.SOAK_IMPORTS ?? 36) };
const PASSWORD = 'soak-pass-123456';
let seed = Number(process.env.SOAK_SEED ?? 20251206);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const temp = () => mkdtempSync(join(tmpdir(), 'atlas-soak-'));
const dbFile = (dir: string) => join(dir, 'atlas.sqlite');

interface Acknowledged {
  observations: Map<string, number>; // unit|indicator|period → version the server acknowledged
  units: Map<string, number>; // unit id → version acknowledged
  imports: ImportLedger; // period → rows sent, whether acknowledged
}
const fresh = (): Acknowledged => ({ observations: new Map(), units: new Map(), imports: new Map() });

const results = {
  startedAt: new Date().toISOString(),
  seed,
  trials: { seeding: 0, edits: 0, imports: 0 },
  kills: 0,
  acknowledged: { observationEdits: 0, unitEdits: 0, importsApplied: 0, importRows: 0 },
  attemptedWhenKilled: { imports: 0 },
  lost: { observationEdits: 0, unitEdits: 0, importRows: 0 },
  partialImports: 0,
  historyMismatches: 0,
  integrityFailures: 0,
  seedingFailures: 0,
  failures: [] as string[],
  seconds: 0,
};
const fail = (m: string) => { results.failures.push(m); console.error(`FAIL ${m}`); };

/** Read the file as a restart finds it: integrity, seeding, and the whole-or-nothing checks. */
function check(dir: string, ack: Acknowledged, label: string) {
  const db = new Database(dbFile(dir), { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') { results.integrityFailures++; fail(`${label}: integrity_check ${integrity}`); }
    const count = (sql: string, ...p: unknown[]) => (db.prepare(sql).get(...p) as { n: number }).n;
    const seeded = db.prepare(`SELECT value FROM meta WHERE key = 'seeded_at'`).all();
    if (seeded.length !== 1 || count('SELECT count(*) AS n FROM units') !== 27 || count('SELECT count(*) AS n FROM boundaries') !== 27) {
      results.seedingFailures++; fail(`${label}: seeding not whole (${seeded.length} seeded_at, ${count('SELECT count(*) AS n FROM units')} units)`);
    }
    for (const [key, version] of ack.observations) {
      const [unit, indicator, period] = key.split('|');
      const row = db.prepare('SELECT version FROM observations WHERE unit_id = ? AND indicator = ? AND period = ?').get(unit, indicator, period) as { version: number } | undefined;
      if ((row?.version ?? 0) < version) { results.lost.observationEdits++; fail(`${label}: lost ${key} v${version} (stored ${row?.version ?? 'none'})`); }
    }
    for (const [unit, version] of ack.units) {
      const row = db.prepare('SELECT version FROM units WHERE id = ?').get(unit) as { version: number };
      if (row.version < version) { results.lost.unitEdits++; fail(`${label}: lost ${unit} v${version} (stored ${row.version})`); }
    }
    const { halfWritten, lost } = importDamage(db, ack.imports);
    for (const d of halfWritten) { results.partialImports++; fail(`${label}: import ${d.period} half-written: ${d.stored} of ${d.rows} rows`); }
    for (const d of lost) { results.lost.importRows += d.rows - d.stored; fail(`${label}: acknowledged import ${d.period} has ${d.stored} of ${d.rows} rows`); }
    // A value and its history entry are written together: a value's version is the number of its entries.
    const values = db.prepare(`SELECT o.unit_id AS unit, o.indicator || '@' || o.period AS field, o.version AS version,
      (SELECT count(*) FROM changes c WHERE c.entity_id = o.unit_id AND c.field = o.indicator || '@' || o.period) AS n
      FROM observations o WHERE o.entered_by IS NOT NULL AND o.entered_by != 'seed'`).all() as Array<{ unit: string; field: string; version: number; n: number }>;
    for (const v of values) if (v.n !== v.version) { results.historyMismatches++; fail(`${label}: ${v.unit} ${v.field} v${v.version} has ${v.n} history entries`); }
    // Likewise a bản record: version 1 + one entry per name, centre or boundary change.
    const units = db.prepare(`SELECT u.id AS id, u.version AS version, (SELECT count(*) FROM changes c WHERE c.entity_id = u.id AND c.entity IN ('unit', 'boundary')) AS n FROM units u`).all() as Array<{ id: string; version: number; n: number }>;
    for (const u of units) if (u.version !== u.n + 1) { results.historyMismatches++; fail(`${label}: ${u.id} v${u.version} has ${u.n} history entries`); }
  } finally {
    db.close();
  }
}

async function seedingTrial(k: number) {
  const dir = temp();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root, env: { ...process.env, PORT: '0', DATA_DIR: dir, ATLAS_SKIP_WEB_BUILD: '1' }, stdio: 'ignore',
  });
  await sleep(300 + random() * 6000);
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  results.kills++;
  const after = await startServer({ dataDir: dir });
  await after.stop({ keepData: true });
  check(dir, fresh(), `seeding ${k}`);
  results.trials.seeding++;
  rmSync(dir, { recursive: true, force: true });
}

/** Edits by two clients at once until the power cut: values, bản names, boundaries, now and then a centre. */
async function editLoad(server: RunningServer, trial: number, ack: Acknowledged, until: () => boolean) {
  const a = await signedIn(server, 'admin', PASSWORD);
  const b = await signedIn(server, 'admin', PASSWORD);
  const values = (async () => {
    for (let i = 0; !until(); i++) {
      const period = `${2100 + trial}-${i % 5}`;
      const key = `fc-muong-lang|poorHouseholds|${period}`;
      const r = await a.gql('mutation ($i: ObservationEdit!) { setObservation(input: $i) { version } }', {
        i: { unitId: 'fc-muong-lang', indicator: 'poorHouseholds', period, value: i, sourceNote: 'thử mất điện', expectedVersion: ack.observations.get(key) ?? 0 },
      }).catch(() => null);
      if (!r || r.body.errors) return;
      ack.observations.set(key, r.body.data.setObservation.version);
      results.acknowledged.observationEdits++;
    }
  })();
  const records = (async () => {
    const villages = (await b.gql('{ villages { id version centroid } }')).body.data.villages as Array<{ id: string; version: number; centroid: [number, number] }>;
    for (let i = 0; !until(); i++) {
      const v = villages[(trial * 7 + i) % villages.length];
      const version = ack.units.get(v.id) ?? v.version;
      const roll = random();
      const [x, y] = v.centroid, h = 0.0004;
      const r = roll < 0.6
        ? await b.gql('mutation ($i: VillageNameEdit!) { nameVillage(input: $i) { version } }', { i: { villageId: v.id, name: `Thử ${trial} ${i}`, sourceNote: 'thử mất điện', expectedVersion: version } }).catch(() => null)
        : roll < 0.9
          ? await b.gql('mutation ($i: BoundaryEdit!) { replaceBoundary(input: $i) { version } }', { i: { unitId: v.id, sourceNote: 'thử mất điện', expectedVersion: version,
            geometry: { type: 'Polygon', coordinates: [[[x - h, y - h], [x + h, y - h], [x + h, y + h], [x - h, y + h], [x - h, y - h]]] } } }).catch(() => null)
          : await b.gql('mutation ($i: VillageCentreEdit!) { placeVillageCentre(input: $i) { id version } }', { i: { villageId: v.id, lon: x, lat: y, sourceNote: 'thử mất điện', expectedVersion: version } }).catch(() => null);
      if (!r || r.body.errors) return;
      const data = r.body.data.nameVillage ?? r.body.data.replaceBoundary ?? r.body.data.placeVillageCentre.find((u: { id: string }) => u.id === v.id);
      ack.units.set(v.id, data.version);
      results.acknowledged.unitEdits++;
    }
  })();
  await Promise.all([values, records]);
}

/** Imports of 81 rows each (tests/helpers/import-crash.ts), one after the other, until the power cut. */
async function importLoad(server: RunningServer, trial: number, ack: Acknowledged, until: () => boolean, units: string[]) {
  const c = await signedIn(server, 'admin', PASSWORD);
  const end = await importUntilCut(c, units, 3000 + trial * 20, ack.imports, until, (rows) => {
    results.acknowledged.importsApplied++;
    results.acknowledged.importRows += rows;
  });
  if (end === 'cut') results.attemptedWhenKilled.imports++;
}

async function main() {
  const started = Date.now();
  // One seeded database with its admin, copied for the edit and import trials (seeding takes seconds).
  const template = temp();
  const s = await startServer({ dataDir: template });
  createUserWithCli(template, 'admin', PASSWORD);
  const hasImport = (await (await signedIn(s, 'admin', PASSWORD)).gql('{ __type(name: "Mutation") { fields { name } } }'))
    .body.data.__type.fields.some((f: { name: string }) => f.name === 'importObservations');
  const units = (await (await signedIn(s, 'admin', PASSWORD)).gql('{ units { id } }')).body.data.units.map((u: { id: string }) => u.id);
  await s.stop({ keepData: true });

  for (let k = 0; k < TRIALS.seeding; k++) {
    await seedingTrial(k);
    console.log(`seeding trial ${k + 1}/${TRIALS.seeding}: ${results.failures.length} failures`);
  }

  // Edit and import trials alternate on one copy of the template: each restart is the next trial's server.
  const dir = temp();
  for (const f of readdirSync(template)) if (f.startsWith('atlas.sqlite')) copyFileSync(join(template, f), join(dir, f));
  const ack = fresh();
  let server = await startServer({ dataDir: dir });
  const plan = [...Array(TRIALS.edits).fill('edits'), ...Array(hasImport ? TRIALS.imports : 0).fill('imports')] as Array<'edits' | 'imports'>;
  for (let i = plan.length - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [plan[i], plan[j]] = [plan[j], plan[i]]; }
  for (const [k, kind] of plan.entries()) {
    const killAt = 100 + random() * (kind === 'imports' ? 2500 : 1500);
    const start = Date.now();
    let killed = false;
    const until = () => killed || Date.now() - start > killAt + 5000;
    const load = kind === 'edits' ? editLoad(server, k, ack, until) : importLoad(server, k, ack, until, units);
    await sleep(killAt);
    server.process.kill('SIGKILL');
    killed = true;
    results.kills++;
    // A request cut by the power cut fails with "fetch failed": that is the trial, not a failure of the server.
    await load.catch((e) => { if (!/fetch failed|other side closed|ECONNRESET|socket/i.test(String((e as Error).message))) fail(`${kind} ${k}: ${(e as Error).message}`); });
    server = await startServer({ dataDir: dir });
    check(dir, ack, `${kind} ${k}`);
    results.trials[kind]++;
    console.log(`${kind} trial ${k + 1}/${plan.length}: ${results.acknowledged.observationEdits + results.acknowledged.unitEdits} edits and ${results.acknowledged.importsApplied} imports acknowledged so far, ${results.failures.length} failures`);
  }
  await server.stop();
  if (!hasImport) results.failures.push('note: importObservations is not in the schema; no import trials');
  rmSync(template, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  results.seconds = Math.round((Date.now() - started) / 1000);
  const out = join(root, 'tests/bench/crash-soak-results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify({ ...results, failures: results.failures.slice(0, 20) }, null, 2));
  console.log(`Results written to ${out}`);
  process.exit(results.failures.some((f) => !f.startsWith('note:')) ? 1 : 0);
}

if (!existsSync(join(root, 'server/main.ts'))) throw new Error('run from the repository');
main().catch((e) => { console.error(e); process.exit(1); });
