// `npm start` as a user or a process manager runs it: a second start on a busy port is refused before
// the database is opened, and SIGTERM to the npm process (or Ctrl-C) stops the portal, port and
// database released, with one line saying so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { takeExclusiveLock } from '../server/store/data-dir-lock.ts';

const root = new URL('..', import.meta.url).pathname;

interface NpmStart { child: ChildProcess; output: () => string; exited: Promise<number | null> }

/** `npm start` in its own process group (as a terminal or a service manager starts it). */
function npmStart(port: number, dataDir: string): NpmStart {
  const child = spawn('npm', ['start'], {
    cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ATLAS_SKIP_WEB_BUILD: '1' },
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Resolves when the portal prints its URL; rejects with its output when it exits first or takes over 90 s. */
function serving(run: NpmStart): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not serve in 90 s:\n${run.output()}`)), 90_000);
    const check = () => {
      if (/Commune Atlas: http:\/\//.test(run.output())) { clearTimeout(timer); resolve(); }
    };
    run.child.stdout!.on('data', check);
    void run.exited.then((code) => { clearTimeout(timer); reject(new Error(`npm start exited with ${code}:\n${run.output()}`)); });
  });
}

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as AddressInfo; s.close(() => resolve(port)); });
});

/** True when nothing accepts connections on the port any more. */
const refused = (port: number) => new Promise<boolean>((resolve) => {
  const socket = connect(port, '127.0.0.1');
  socket.once('connect', () => { socket.destroy(); resolve(false); });
  socket.once('error', () => resolve(true));
});

/** True when no process of the group is left (npm, and the portal it started). */
const groupGone = (pgid: number) => { try { process.kill(-pgid, 0); return false; } catch { return true; } };

/** The data directory is free: the lock can be taken exclusively and the database written. */
function expectReleased(dataDir: string) {
  const release = takeExclusiveLock(dataDir); // throws DataDirBusy while a portal holds it
  release();
  const db = new Database(join(dataDir, 'atlas.sqlite'), { timeout: 0 });
  db.exec('BEGIN EXCLUSIVE; ROLLBACK');
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
}

let port: number;
let dataDir: string;
let first: NpmStart;

beforeAll(async () => {
  port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'atlas-stop-'));
  first = npmStart(port, dataDir);
  await serving(first);
}, 120_000);

afterAll(() => {
  for (const run of [first]) if (run && !groupGone(run.child.pid!)) process.kill(-run.child.pid!, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('a second start on the busy port says "port N is in use (another portal?)" and exits non-zero, before opening its database', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'atlas-second-'));
    try {
      const second = npmStart(port, otherDir);
      expect(await second.exited).not.toBe(0);
      expect(second.output()).toContain(`port ${port} is in use (another portal?)`);
      expect(readdirSync(otherDir)).toEqual([]); // no database, no lock file
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ villages { id } }' }),
      });
      expect(((await res.json()) as { data: { villages: unknown[] } }).data.villages).toHaveLength(23); // the first one still serves
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('SIGTERM to the npm process (the group leader) stops the portal: port closed within 5 s, database released, "Commune Atlas stopped"', async () => {
    expect(await refused(port)).toBe(false);
    process.kill(first.child.pid!, 'SIGTERM'); // the leader only, as a process manager sends it
    await expect.poll(() => refused(port), { timeout: 5000, interval: 100 }).toBe(true);
    await first.exited;
    expect(first.output()).toContain('Commune Atlas stopped');
    await expect.poll(() => groupGone(first.child.pid!), { timeout: 5000, interval: 100 }).toBe(true);
    expectReleased(dataDir);
  }, 60_000);

  it('Ctrl-C (SIGINT to the whole foreground group) stops it the same way', async () => {
    const again = npmStart(port, dataDir);
    try {
      await serving(again);
      expect(again.output()).toContain('Using '); // the database of the first start, reused
      process.kill(-again.child.pid!, 'SIGINT');
      await expect.poll(() => refused(port), { timeout: 5000, interval: 100 }).toBe(true);
      await again.exited;
      expect(again.output().match(/Commune Atlas stopped/g)).toHaveLength(1); // two SIGINTs (terminal + npm), one stop
      await expect.poll(() => groupGone(again.child.pid!), { timeout: 5000, interval: 100 }).toBe(true);
      expectReleased(dataDir);
    } finally {
      if (!groupGone(again.child.pid!)) process.kill(-again.child.pid!, 'SIGKILL');
    }
  }, 120_000);
});
