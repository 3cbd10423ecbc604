// Issue #10, item 5: the low-severity findings of the second security test, each over the real server
// (plain HTTP, HTTPS from certificate files, behind a trusted proxy) on a temporary SQLite file.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { PUBLIC_CACHE_CONTROL } from '../server/http/cached-reads.ts';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { createUserWithCli, signedIn, type Client } from './helpers/session.ts';
import { passwordProblem } from '../server/access/passwords.ts';
import { nameSkeleton } from '../server/access/user-names.ts';

const root = new URL('..', import.meta.url).pathname;
const SIGN_IN = 'mutation ($u: String!, $p: String!) { signIn(username: $u, password: $p) { role } }';
const ADMIN_PW = 'real-admin-pass-1';

interface Reply { status: number; headers: IncomingHttpHeaders; text: string }

/** One HTTP(S) request with full control of the headers (Host included), as a client on the network sends it. */
function send(url: URL, opts: { method?: string; headers?: Record<string, string>; body?: string; ca?: Buffer } = {}): Promise<Reply> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: opts.method ?? 'GET', headers: opts.headers, ca: opts.ca }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
const postJson = (url: URL, body: unknown, headers: Record<string, string> = {}, ca?: Buffer) =>
  send(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), ca });

describe('on the default server (plain HTTP, no proxy trusted)', () => {
  let server: RunningServer;
  let admin: Client;
  const gqlUrl = () => new URL('graphql', server.url);

  beforeAll(async () => {
    server = await startServer({ env: { HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '1500' } });
    createUserWithCli(server.dataDir, 'admin', ADMIN_PW);
    admin = await signedIn(server, 'admin', ADMIN_PW);
  }, 120_000);
  afterAll(async () => { await server?.stop(); });

  it('refuses variables nested 5,000 deep with BAD_USER_INPUT (not a stack overflow), and keeps answering', async () => {
    // Written out by hand: JSON.stringify itself overflows on a value this deep.
    const deep = `${'{"a":['.repeat(5000)}1${']}'.repeat(5000)}`;
    const r = await send(gqlUrl(), { method: 'POST', headers: { 'content-type': 'application/json' },
      body: `{"query":"query ($f: VillageFilter) { villages(filter: $f) { id } }","variables":{"f":${deep}}}` });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'variables' });
    // In the query string of a GET too (100 deep: 5,000 would not fit in a URL).
    let deepish: unknown = 1;
    for (let i = 0; i < 100; i++) deepish = [deepish];
    const get = await send(new URL(`graphql?query=${encodeURIComponent('query ($d: [Int]) { commune { name } }')}&variables=${encodeURIComponent(JSON.stringify({ d: deepish }))}`, server.url),
      { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(400);
    expect(JSON.parse(get.text).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'variables' });
    const ok = await postJson(gqlUrl(), { query: '{ commune { name } }' });
    expect(JSON.parse(ok.text).data.commune.name).toBeTruthy();
    expect(server.output()).not.toMatch(/Maximum call stack|RangeError/);
  });

  it('refuses a query whose brackets nest 1,000–50,000 deep before parsing it (no stack overflow message), and keeps answering', async () => {
    const before = server.output().length;
    for (const depth of [1_000, 1_999, 50_000]) {
      const q = `{ villages(filter: { within: ${'['.repeat(depth)}1${']'.repeat(depth)} }) { id } }`;
      const r = await postJson(gqlUrl(), { query: q });
      expect(r.status, String(depth)).toBe(400);
      const body = JSON.parse(r.text);
      expect(body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(body.errors[0].message).toContain('nested too deep');
      expect(r.text).not.toMatch(/call stack/i);
    }
    const ok = await postJson(gqlUrl(), { query: '{ commune { name } }' });
    expect(JSON.parse(ok.text).data.commune.name).toBeTruthy();
    expect(server.output().slice(before)).not.toMatch(/Maximum call stack|Internal error/);
  });

  it('answers a persisted-query hash that does not match the query with PERSISTED_QUERY_HASH_MISMATCH, and logs no internal error', async () => {
    const before = server.output().length;
    const r = await postJson(gqlUrl(), { query: '{ commune { name } }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } });
    expect(r.status).toBe(400);
    const body = JSON.parse(r.text);
    expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    expect(r.text).not.toMatch(/stacktrace|\bat .+:\d+:\d+/);
    expect(server.output().slice(before)).not.toMatch(/Internal error|\bat .+:\d+:\d+/);
  });

  it('answers a malformed persisted-query extension (version 2, "1", none, not an object) with PERSISTED_QUERY_INVALID, and logs no internal error', async () => {
    const before = server.output().length;
    for (const persistedQuery of [{ version: 2, sha256Hash: '0'.repeat(64) }, { version: '1', sha256Hash: '0'.repeat(64) }, { sha256Hash: '0'.repeat(64) }, 'x']) {
      const r = await postJson(gqlUrl(), { query: '{ commune { name } }', extensions: { persistedQuery } });
      expect(r.status, JSON.stringify(persistedQuery)).toBe(400);
      expect(JSON.parse(r.text).errors[0].extensions.code, JSON.stringify(persistedQuery)).toBe('PERSISTED_QUERY_INVALID');
    }
    expect(server.output().slice(before)).not.toMatch(/Internal error|\bat .+:\d+:\d+/);
  });

  it('refuses all-space, common and commune-derived passwords; a long unusual one is accepted', async () => {
    const create = (u: string, p: string) => admin.gql('mutation ($u: String!, $p: String!) { createUser(username: $u, password: $p, role: "viewer") { username } }', { u, p });
    for (const p of [' '.repeat(10), ' \t '.repeat(4), 'password123', 'qwertyuiop', 'Mường Bang 2025', 'muongbang@2025!', 'SonLa-123456', 'aaaaaaaaaaaa', 'quantrivien', 'QuanTriVien@2026']) {
      const { body } = await create('new-officer', p);
      expect(body.errors?.[0]?.extensions, JSON.stringify(p)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    }
    expect(passwordProblem('song-da-river-7')).toBeNull();
    const { body } = await create('new-officer', 'song-da-river-7');
    expect(body.errors).toBeUndefined();
    expect(body.data.createUser.username).toBe('new-officer');
  });

  it('refuses a user name that looks like an existing one ("аdmin" with a Cyrillic а, "ADMlN"), by the API and the CLI', async () => {
    expect(nameSkeleton('аdmin')).toBe(nameSkeleton('admin'));
    for (const u of ['аdmin', 'ADMIN', 'admln', 'adm1n', 'ɑdmin', 'admın']) {
      const { body } = await admin.gql('mutation ($u: String!) { createUser(username: $u, password: "song-da-river-7", role: "editor") { username } }', { u });
      expect(body.errors?.[0]?.extensions, u).toMatchObject({ code: 'BAD_USER_INPUT', field: 'username' });
      expect(body.errors?.[0]?.message).toContain('"admin"');
    }
    expect(() => createUserWithCli(server.dataDir, 'аdmin', 'song-da-river-7')).toThrow();
    // Letters of other scripts and digits other than 0–9 are refused even when no user looks alike.
    for (const u of ['ⅰadmin', 'тест-user', 'officer２']) {
      const { body } = await admin.gql('mutation ($u: String!) { createUser(username: $u, password: "song-da-river-7", role: "editor") { username } }', { u });
      expect(body.errors?.[0]?.extensions, u).toMatchObject({ code: 'BAD_USER_INPUT', field: 'username' });
    }
    const { body } = await admin.gql('mutation { createUser(username: "tram-y-te", password: "song-da-river-7", role: "viewer") { username } }');
    expect(body.errors).toBeUndefined();
  });

  it('marks answers that depend on the session: Vary: Cookie everywhere, private, no-store when signed in', async () => {
    const paths = ['export/villages.csv', 'ogc/collections/villages/items?limit=1'];
    for (const path of paths) {
      const anonymous = await send(new URL(path, server.url));
      expect(anonymous.headers.vary, path).toMatch(/\bCookie\b/i);
      // Anonymous answers are everyone's: kept as GraphQL's GETs are, and revalidated with their ETag.
      expect(anonymous.headers['cache-control'], path).toBe(PUBLIC_CACHE_CONTROL);
      expect(anonymous.headers.etag, path).toBeTruthy();
      const again = await send(new URL(path, server.url), { headers: { 'if-none-match': anonymous.headers.etag! } });
      expect(again.status, path).toBe(304);
      // A session cookie that names no session (expired, signed out, made up): answered as anonymous, kept by no cache.
      const stale = await send(new URL(path, server.url), { headers: { cookie: `${admin.cookie!.split('=')[0]}=signed-out-long-ago` } });
      expect(stale.status, path).toBe(200);
      expect(stale.headers['cache-control'], path).toBe('private, no-store');
      const signed = await send(new URL(path, server.url), { headers: { cookie: admin.cookie! } });
      expect(signed.status, path).toBe(200);
      expect(signed.headers['cache-control'], path).toBe('private, no-store');
      expect(signed.headers.vary, path).toMatch(/\bCookie\b/i);
    }
    const graphql = await postJson(gqlUrl(), { query: '{ me { role } }' }, { cookie: admin.cookie! });
    expect(JSON.parse(graphql.text).data.me.role).toBe('admin');
    expect(graphql.headers['cache-control']).toBe('private, no-store');
    expect(graphql.headers.vary).toMatch(/\bCookie\b/i);
    expect((await postJson(gqlUrl(), { query: '{ commune { name } }' })).headers.vary).toMatch(/\bCookie\b/i);
  });

  it('builds OGC links from the request\'s own origin, never from a foreign Host header', async () => {
    const port = new URL(server.url).port;
    const linksFor = async (host: string) => {
      const r = await send(new URL('ogc', server.url), { headers: { host } });
      expect(r.status, host).toBe(200);
      return (JSON.parse(r.text).links as Array<{ href: string }>).map((l) => l.href);
    };
    const forged = await linksFor('evil.example');
    expect(forged.length).toBeGreaterThan(0);
    for (const href of forged) expect(href.startsWith(`http://127.0.0.1:${port}/ogc`), href).toBe(true);
    for (const href of await linksFor(`evil.example:${port}`)) expect(href.startsWith(`http://127.0.0.1:${port}/ogc`), href).toBe(true);
    for (const href of await linksFor(`localhost:${port}`)) expect(href.startsWith(`http://localhost:${port}/ogc`), href).toBe(true);
  });

  it('creates the database, its WAL and shared-memory files and backups readable by their owner only (0600)', () => {
    const files = readdirSync(server.dataDir).filter((f) => /^atlas\.sqlite(-wal|-shm)?$/.test(f));
    expect(files.sort()).toEqual(['atlas.sqlite', 'atlas.sqlite-shm', 'atlas.sqlite-wal']);
    for (const f of files) expect((statSync(join(server.dataDir, f)).mode & 0o777).toString(8), f).toBe('600');
    execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts'], { cwd: root, env: { ...process.env, DATA_DIR: server.dataDir } });
    const backups = readdirSync(join(server.dataDir, 'backups'));
    expect(backups.filter((f) => f.endsWith('.sqlite'))).toHaveLength(1);
    // The copy and any -wal/-shm files SQLite made while checking it.
    for (const f of backups) expect((statSync(join(server.dataDir, 'backups', f)).mode & 0o777).toString(8), f).toBe('600');
  });

  it('drops a client that sends its body slowly, and one that never finishes its headers', async () => {
    const { hostname, port } = new URL(server.url);
    const dropped = (start: string) => new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.write(start));
      let answer = '';
      socket.on('data', (d) => (answer += d));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
      // Far beyond the configured 1.5 s: if the server never drops it, the test fails instead of hanging.
      setTimeout(() => { socket.destroy(); reject(new Error('the server kept the connection open')); }, 20_000);
    });
    const slowBody = await dropped(`POST /graphql HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":`);
    expect(slowBody).toMatch(/^HTTP\/1\.1 408|^$/);
    const slowHeaders = await dropped(`GET / HTTP/1.1\r\nHost: ${hostname}:${port}\r\nX-Slow: `);
    expect(slowHeaders).toMatch(/^HTTP\/1\.1 408|^$/);
    expect(JSON.parse((await postJson(gqlUrl(), { query: '{ commune { name } }' })).text).data.commune.name).toBeTruthy();
  }, 60_000);

  it('sets no Secure cookie over plain HTTP, and believes no X-Forwarded-Proto from an untrusted client', async () => {
    const r = await postJson(gqlUrl(), { query: SIGN_IN, variables: { u: 'admin', p: ADMIN_PW } }, { 'x-forwarded-proto': 'https' });
    expect(JSON.parse(r.text).errors).toBeUndefined();
    const cookie = r.headers['set-cookie']![0];
    expect(cookie).toMatch(/^atlas_session=/);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });
});

describe('behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { TRUST_PROXY: 'loopback' } });
    createUserWithCli(server.dataDir, 'admin', ADMIN_PW);
  }, 120_000);
  afterAll(async () => { await server?.stop(); });

  it('sets the Secure cookie when the proxy says the client came over HTTPS', async () => {
    const url = new URL('graphql', server.url);
    const tls = await postJson(url, { query: SIGN_IN, variables: { u: 'admin', p: ADMIN_PW } }, { 'x-forwarded-proto': 'https' });
    expect(tls.headers['set-cookie']![0]).toMatch(/;\s*Secure/i);
    const plain = await postJson(url, { query: SIGN_IN, variables: { u: 'admin', p: ADMIN_PW } });
    expect(plain.headers['set-cookie']![0]).not.toMatch(/;\s*Secure/i);
  });
});

describe('HTTPS from certificate files (TLS_CERT, TLS_KEY)', () => {
  let child: ChildProcess;
  let dir: string;
  let url: URL;
  let cert: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-tls-'));
    const certFile = join(dir, 'cert.pem'), keyFile = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
    cert = (await import('node:fs')).readFileSync(certFile);
    const dataDir = join(dir, 'data');
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root, env: { ...process.env, PORT: '0', DATA_DIR: dataDir, ATLAS_SKIP_WEB_BUILD: '1', TLS_CERT: certFile, TLS_KEY: keyFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    url = await new Promise<URL>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start in 90 s:\n${out}`)), 90_000);
      const onData = (d: Buffer) => {
        out += d;
        const m = out.match(/https:\/\/localhost:(\d+)\//);
        if (m) { clearTimeout(timer); resolve(new URL(`https://localhost:${m[1]}/`)); }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`exited with ${code}:\n${out}`)); });
    });
    createUserWithCli(dataDir, 'admin', ADMIN_PW);
  }, 120_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the portal over HTTPS, with the Secure session cookie and https OGC links', async () => {
    const r = await postJson(new URL('graphql', url), { query: SIGN_IN, variables: { u: 'admin', p: ADMIN_PW } }, {}, cert);
    expect(JSON.parse(r.text)).toEqual({ data: { signIn: { role: 'admin' } } });
    const cookie = r.headers['set-cookie']![0];
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    const ogc = await send(new URL('ogc', url), { ca: cert });
    const links = JSON.parse(ogc.text).links as Array<{ href: string }>;
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(l.href.startsWith(`https://localhost:${url.port}/ogc`), l.href).toBe(true);
  });
});
