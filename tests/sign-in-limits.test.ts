// Nobody can lock an account by guessing its password: failures slow down the address they come from, with
// growing delays; a correct password from an address with no failures always gets in. The limiter's rules with
// a given clock, then the real server answering sign-ins from two loopback addresses (127.0.0.1 and 127.0.0.2).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request } from 'node:http';
import { LoginRateLimit, SIGN_IN_RULES } from '../server/access/login-rate-limit.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { createUserWithCli } from './helpers/session.ts';

const SIGN_IN = 'mutation ($u: String!, $p: String!) { signIn(username: $u, password: $p) { username role } }';
const MINUTE = 60_000;

describe('the limiter', () => {
  it('lets 5 failures of one (account, address) through, then makes it wait 30 s, 1, 2, 4, 8 minutes… up to 15 minutes', () => {
    const limit = new LoginRateLimit();
    let now = 0;
    for (let i = 0; i < SIGN_IN_RULES.freeTries; i++) expect(limit.begin('admin', 'stranger', now)).toBe(0);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const wait = limit.begin('admin', 'stranger', now);
      expect(wait).toBeGreaterThan(0);
      waits.push(wait);
      now += wait * 1000;
      expect(limit.begin('admin', 'stranger', now)).toBe(0); // after waiting, one more try
    }
    expect(waits.slice(0, 5)).toEqual([30, 60, 120, 240, 480]);
    expect(Math.max(...waits)).toBe(15 * 60);
    expect(waits.at(-1)).toBe(15 * 60);
  });

  it('a stranger\'s failures from one address never make the owner\'s address wait', () => {
    const limit = new LoginRateLimit();
    // The attack of the issue: five wrong passwords, then one every few minutes, for a day.
    for (let i = 0; i < 5; i++) limit.begin('admin', 'stranger', 0);
    let tries = 5;
    for (let t = 5 * MINUTE; t < 24 * 60 * MINUTE; t += 5 * MINUTE) if (limit.begin('admin', 'stranger', t) === 0) tries++;
    expect(tries).toBeGreaterThan(5);
    for (const t of [1, 60 * MINUTE, 24 * 60 * MINUTE - 1]) expect(limit.begin('admin', `owner-${t}`, t)).toBe(0);
  });

  it('past the account\'s ceiling (many addresses), addresses that failed wait, an address with no failures still gets a try', () => {
    const limit = new LoginRateLimit();
    const addresses = Array.from({ length: SIGN_IN_RULES.accountCeiling / 2 }, (_, i) => `bot-${i}`);
    for (const a of addresses) for (let k = 0; k < 2; k++) expect(limit.begin('admin', a, 1_000)).toBe(0);
    // Each bot address is still within its own free tries, but the account has reached its ceiling.
    const wait = limit.begin('admin', 'bot-0', 2_000);
    expect(wait).toBeGreaterThan(55 * 60);
    expect(limit.begin('admin', 'owner', 2_000)).toBe(0);
    limit.succeed('admin', 'owner');
    // The ceiling ends with its window.
    expect(limit.begin('admin', 'bot-0', 1_000 + SIGN_IN_RULES.windowMs)).toBe(0);
  });

  it('one address guessing many accounts waits past its own ceiling, for every account', () => {
    const limit = new LoginRateLimit();
    for (let i = 0; i < SIGN_IN_RULES.addressCeiling; i++) expect(limit.begin(`user-${i}`, 'sprayer', 1_000)).toBe(0);
    expect(limit.begin('someone-else', 'sprayer', 2_000)).toBeGreaterThan(55 * 60);
    expect(limit.begin('someone-else', 'elsewhere', 2_000)).toBe(0);
  });

  it('a correct password takes back the failures of its own (account, address) only', () => {
    const limit = new LoginRateLimit();
    for (let i = 0; i < 5; i++) { limit.begin('editor', 'office', 0); limit.begin('editor', 'stranger', 0); }
    expect(limit.begin('editor', 'office', 0)).toBe(30);
    limit.succeed('editor', 'office');
    expect(limit.begin('editor', 'office', 0)).toBe(0);
    expect(limit.begin('editor', 'stranger', 0)).toBe(30);
  });
});

describe('signIn over HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
    createUserWithCli(server.dataDir, 'admin', 'real-admin-pass-1');
  }, 120_000);
  afterAll(async () => { await server?.stop(); });

  /** POST a sign-in from a chosen loopback address (the server sees it as the client's address). */
  function signInFrom(localAddress: string, u: string, p: string): Promise<{ body: any; setCookie: string | undefined }> {
    const url = new URL('graphql', server.url);
    const payload = JSON.stringify({ query: SIGN_IN, variables: { u, p } });
    return new Promise((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ body: JSON.parse(text), setCookie: res.headers['set-cookie']?.[0] }));
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  it('the issue\'s attack: 30 wrong passwords for "admin" at once from one address; the real admin still signs in from another', async () => {
    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => signInFrom('127.0.0.1', 'admin', `guess-${i}-xxxxxx`)));
    const codes = replies.map((r) => r.body.errors?.[0]?.extensions?.code);
    // Counted before the password check: 5 checked (wrong), the others refused at once.
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(SIGN_IN_RULES.freeTries);
    expect(codes.filter((c) => c === 'FORBIDDEN')).toHaveLength(30 - SIGN_IN_RULES.freeTries);
    const owner = await signInFrom('127.0.0.2', 'admin', 'real-admin-pass-1');
    expect(owner.body.errors).toBeUndefined();
    expect(owner.body.data.signIn).toEqual({ username: 'admin', role: 'admin' });
    expect(owner.setCookie).toMatch(/^atlas_session=/);
  });

  it('signs in with the name in any Unicode form: "Thủy" typed decomposed (NFD) finds the NFC user', async () => {
    createUserWithCli(server.dataDir, 'Thủy', 'song-da-river-7', 'viewer');
    const nfd = 'Thủy'.normalize('NFD');
    expect(nfd).not.toBe('Thủy');
    const { body } = await signInFrom('127.0.0.3', nfd, 'song-da-river-7');
    expect(body.errors).toBeUndefined();
    expect(body.data.signIn).toEqual({ username: 'Thủy', role: 'viewer' });
  });
});
