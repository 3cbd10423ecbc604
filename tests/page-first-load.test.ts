// The first load in real headless Chromium against the real portal: the first map's data comes from at
// most two /graphql requests, each a GET naming a persisted id (so an HTTP cache can keep it), and the
// panels the first map does not need — the analyst console above all — are fetched only when opened.
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSISTED_IDS } from '../web/api/persisted-ids.ts';
import { launchBrowser, openAtlas, type AtlasBrowser } from './helpers/browser.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';

let server: RunningServer;
let browser: AtlasBrowser;
/** Every request of the page since it was opened, in order. */
const seen: Request[] = [];

const graphqlRequests = () => seen.filter((r) => new URL(r.url()).pathname === '/graphql');
const chunkRequested = (name: string) => seen.some((r) => new RegExp(`/assets/${name}-[^/]*\\.js$`).test(new URL(r.url()).pathname));

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  browser.page.on('request', (r) => seen.push(r));
  await openAtlas(browser.page, server.url);
  // Whatever the first screen still fetches once the map is drawn counts as the first load too. A request
  // left open (an answer nobody reads keeps its connection busy) must not stop the counts below from being checked.
  await browser.page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => undefined);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('first load', () => {
  it('draws the first map from at most two data requests', () => {
    const n = graphqlRequests().length;
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(2);
  });

  it('sends each of them as a GET naming a persisted id, with no document in the URL, answered 200', async () => {
    const ids = new Set(Object.values(PERSISTED_IDS));
    const requests = graphqlRequests();
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) {
      expect(r.method()).toBe('GET');
      const params = new URL(r.url()).searchParams;
      expect(params.get('query')).toBeNull();
      const id = JSON.parse(params.get('extensions') ?? '{}').persistedQuery?.sha256Hash;
      expect(ids.has(id)).toBe(true);
      expect((await r.response())?.status()).toBe(200);
    }
    expect(requests.map((r) => new URL(r.url()).searchParams.get('operationName')).sort()).toEqual(['AtlasBoot', 'AtlasBootValues']);
  });

  it('does not fetch the analyst console, planner or bản profile chunks', () => {
    // The main chunk was fetched (so the names below are matched against real asset URLs).
    expect(chunkRequested('index')).toBe(true);
    expect(chunkRequested('AnalystConsole')).toBe(false);
    expect(chunkRequested('Planner')).toBe(false);
    expect(chunkRequested('VillageProfile')).toBe(false);
  });
});

describe('opening the analyst console', () => {
  it('fetches its chunk then, and shows it', async () => {
    const { page } = browser;
    const chunk = page.waitForRequest((r) => /\/assets\/AnalystConsole-[^/]*\.js$/.test(new URL(r.url()).pathname), { timeout: 60_000 });
    await page.click('#tab-console');
    await chunk;
    expect(chunkRequested('AnalystConsole')).toBe(true);
    await page.waitForSelector('.console-pane .graphiql-container', { timeout: 60_000 });
    expect(await page.locator('.console-panel h2').innerText()).not.toBe('');
  });
});
