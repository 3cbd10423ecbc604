// Starts the real portal (server/main.ts) as a child process on a free port with a fresh data directory.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copySeededSqlite } from './seeded-sqlite.ts';
import { databaseUrlFor, onPostgres } from './test-store.ts';

export interface RunningServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  stop: (opts?: { keepData?: boolean }) => Promise<void>;
}

const root = new URL('../..', import.meta.url).pathname;
/** The node flags of `npm start` (package.json), so a built portal here runs as it does there. */
const START_NODE_FLAGS = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')).scripts.start as string)
  .match(/exec node (.*?)\s*dist\/server\/main\.js/)![1].split(/\s+/).filter(Boolean);
/**
 * The test portals share one folder of cut national tiles (one file per seed version): each would otherwise cut them
 * at start, seconds of CPU per portal. tests/national.test.ts starts one with a folder of its own to see the cut.
 */
const SHARED_NATIONAL_TILES = join(tmpdir(), `atlas-test-national-tiles-${process.getuid?.() ?? 0}`);

/**
 * Start the portal; resolves once it prints its URL. Pass dataDir to reuse an existing database;
 * nodeArgs and ipc for measurements (e.g. --expose-gc with server/diagnostics/heap-report.ts); built to run what
 * `npm start` runs.
 */
export async function startServer(opts: {
  dataDir?: string; env?: Record<string, string>; nodeArgs?: string[]; ipc?: boolean; built?: boolean;
  /** With built: run this built main.js (e.g. a copy of an earlier build, for an A/B bench) instead of building dist/server. */
  builtEntry?: string;
} = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'atlas-test-'));
  // A new SQLite data directory gets a copy of the file the run seeded once (sqlite-setup.ts), which is what the
  // portal's first start would write there; a directory the caller passed (a test of seeding) is left as it is.
  // (Not with other seeds or a database of its own in its environment.)
  if (!opts.dataDir && !onPostgres && !opts.env?.SEED_DIR && !opts.env?.DATABASE_URL) copySeededSqlite(dataDir);
  // On the postgres project, the data directory's own database (created on its first start).
  const store = onPostgres && !opts.env?.DATABASE_URL ? { DATABASE_URL: await databaseUrlFor(dataDir) } : {};
  // built: the JavaScript `npm start` runs (dist/server/main.js, built by server/build-server.mjs), with its node
  // flags (package.json's start script); else TypeScript via tsx.
  if (opts.built && !opts.builtEntry) execFileSync(process.execPath, ['server/build-server.mjs'], { cwd: root, stdio: 'inherit' });
  const entry = opts.built ? [...START_NODE_FLAGS, opts.builtEntry ?? 'dist/server/main.js'] : ['--import', 'tsx', 'server/main.ts'];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...entry], {
    cwd: root,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, ATLAS_SKIP_WEB_BUILD: '1', NATIONAL_TILE_DIR: SHARED_NATIONAL_TILES, ...store, ...opts.env },
    stdio: opts.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 90 s:\n${out}`)), 90_000);
    const onData = () => {
      const m = out.match(/http:\/\/(?:localhost|127\.0\.0\.1):\d+\//);
      if (m) { clearTimeout(timer); resolve(m[0]); }
    };
    child.stdout!.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${out}`)); });
  });
  return {
    url, dataDir, process: child, output: () => out,
    stop: async ({ keepData = false } = {}) => {
      // Not yet exited (a SIGKILLed child has exited with a signalCode and no exitCode).
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!keepData && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** POST a GraphQL query to a running portal and return the parsed JSON body. */
export async function gql(server: RunningServer, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(new URL('graphql', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}
