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

/** What the map held when the page published its first paint (window.__atlas.firstPaint), recorded in the page. */
interface FirstPaint { layers: string[]; madeWith: string[]; coloured: number; units: number; markers: number }
// A string, not a function: tsx's keepNames would wrap inner functions in a helper the page does not have.
const RECORD_FIRST_PAINT = `(() => {
  let v;
  Object.defineProperty(window, '__atlas', {
    configurable: true,
    get: () => v,
    set: (x) => {
      v = x;
      if (!x || !x.firstPaint || window.__firstPaint) return;
      const map = x.map;
      const units = map.querySourceFeatures('former-communes');
      window.__firstPaint = {
        layers: map.getStyle().layers.map((l) => l.id),
        // The layers of the style the map was made with (MapLibre keeps it as loaded; a layer added later is not in it).
        madeWith: map.style.stylesheet.layers.map((l) => l.id),
        coloured: units.filter((f) => typeof map.getFeatureState({ source: 'former-communes', id: f.id }).color === 'string').length,
        units: units.length,
        markers: document.querySelectorAll('.maplibregl-marker').length,
      };
    },
  });
})();`;

const graphqlRequests = () => seen.filter((r) => new URL(r.url()).pathname === '/graphql');
const chunkRequested = (name: string) => seen.some((r) => new RegExp(`/assets/${name}-[^/]*\\.js$`).test(new URL(r.url()).pathname));

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  browser.page.on('request', (r) => seen.push(r));
  await browser.page.addInitScript(RECORD_FIRST_PAINT);
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

  it('paints the choropleth first, coloured, with its fill and solid outlines only; patterns, dashes, neighbours and labels follow', async () => {
    const first = await browser.page.evaluate(() => (window as unknown as { __firstPaint?: FirstPaint }).__firstPaint);
    expect(first).toBeDefined();
    // The default map (poverty by former commune): its fill, every former commune already coloured.
    expect(first!.layers).toContain('former-communes-fill');
    expect(first!.layers).toContain('commune-line');
    expect(first!.units).toBeGreaterThan(0);
    expect(first!.coloured).toBe(first!.units);
    for (const later of ['former-communes-hatch', 'former-communes-dots', 'villages-line-schematic', 'neighbours-fill']) expect(first!.layers).not.toContain(later);
    expect(first!.markers).toBe(0);
    // Once ready, the whole map: the patterns and dashes in their places (below the outlines), and the labels.
    const whole = await browser.page.evaluate(() => ({
      layers: window.__atlas!.map.getStyle().layers.map((l) => l.id),
      markers: document.querySelectorAll('.maplibregl-marker').length,
    }));
    const at = (id: string) => whole.layers.indexOf(id);
    for (const later of ['former-communes-hatch', 'former-communes-dots', 'villages-line-schematic', 'neighbours-fill']) expect(at(later)).toBeGreaterThan(-1);
    expect(at('neighbours-fill')).toBeLessThan(at('former-communes-fill'));
    expect(at('former-communes-hatch')).toBeGreaterThan(at('former-communes-fill'));
    expect(at('villages-line-schematic')).toBeLessThan(at('commune-line'));
    expect(whole.markers).toBeGreaterThan(0);
  });

  it('draws the first paint from the style the map was made with: its layers were not added after the style had loaded', async () => {
    const first = await browser.page.evaluate(() => (window as unknown as { __firstPaint?: FirstPaint }).__firstPaint);
    expect(first!.layers).toContain('former-communes-fill');
    expect(first!.madeWith).toEqual(first!.layers);
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
