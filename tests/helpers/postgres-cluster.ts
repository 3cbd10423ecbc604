// A throwaway PostgreSQL cluster for the tests: initdb into a temp directory, pg_ctl start on a free port (unix
// socket in the same directory), as an unprivileged user when the tests run as root. No mock database anywhere.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

/** The directory holding initdb, pg_ctl and postgres, or null when PostgreSQL is not installed. */
export function postgresBinDir(): string | null {
  return BIN_DIRS.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl'))) ?? null;
}

/** True when the PostGIS extension is installed for that PostgreSQL. */
export function postgisInstalled(binDir: string): boolean {
  const share = execFileSync(join(binDir, 'pg_config'), ['--sharedir'], { encoding: 'utf8' }).trim();
  return existsSync(join(share, 'extension', 'postgis.control'));
}

export interface Cluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication, this machine only). */
  adminUrl: string;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
  });
}

/** initdb and start a cluster in a new temp directory; stop() shuts it down and removes the directory. */
export async function startCluster(binDir: string): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-pg-'));
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: the cluster belongs to "nobody" then.
  if (asRoot) chownSync(dir, 65534, 65534);
  const run = (tool: string, args: string[]) => execFileSync(asRoot ? 'runuser' : join(binDir, tool),
    asRoot ? ['-u', 'nobody', '--', join(binDir, tool), ...args] : args, { stdio: 'pipe', encoding: 'utf8', cwd: dir });
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', 'start',
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`]);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try { run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']); } finally { rmSync(dir, { recursive: true, force: true }); }
    },
  };
}

/** A new database `name` in the cluster with PostGIS installed; its URL. */
export async function createPostgisDatabase(cluster: Cluster, name: string): Promise<string> {
  const run = async (url: string, sql: string) => {
    const c = new pg.Client(url);
    await c.connect();
    try { await c.query(sql); } finally { await c.end(); }
  };
  await run(cluster.adminUrl, `CREATE DATABASE ${name}`);
  const url = cluster.adminUrl.replace(/\/postgres$/, `/${name}`);
  await run(url, 'CREATE EXTENSION postgis');
  return url;
}
