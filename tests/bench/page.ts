// The page half of `npm run bench`: the real portal in headless Debian Chromium (GUIDE §3 flags).
// (a) navigation → first choropleth drawn (window.__atlas.ready, set on the map's first 'idle' after
// the layers are coloured), (b) indicator switch → the map's next 'idle' with the new styling,
// (c) bytes of a first load by kind, as transferred and decoded. Called at the end of run.ts;
// `tsx tests/bench/page.ts [--save]` runs it alone against a fresh server and merges into the results
// file (tests/bench/results-file.ts says which).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../helpers/browser.ts';
import { startServer } from '../helpers/start-server.ts';
import { resultsFile, writeResults } from './results-file.ts';

const LOADS = 5;
const SWITCHES = 10;
// Village-level indicators cycled through, so every switch changes the styling.
const SWITCH_TO = ['carRoadAccess', 'drugFree', 'culturalVillage'];

type Kind = 'js' | 'data' | 'other';
interface Bytes { requests: number; transferred: number; decoded: number }
export interface PageBench {
  method: string;
  firstChoroplethMs: { runs: number[]; median: number };
  domContentLoadedMs: { runs: number[]; median: number };
  restyleMs: { runs: number[]; median: number; max: number };
  firstLoadBytes: Record<Kind | 'total', Bytes>;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

// Installed before any page script: stamps performance.now() the moment the page first publishes
// ready: true (publishAtlas assigns a new window.__atlas each time), so no polling delay is counted.
const STAMP_READY = `(() => {
  let v;
  Object.defineProperty(window, '__atlas', {
    configurable: true,
    get: () => v,
    set: (x) => { v = x; if (x && x.ready && window.__atlasReadyAt === undefined) window.__atlasReadyAt = performance.now(); },
  });
})();`;

/** One fresh load in a new context with the cache disabled: ms to the first choropleth, and the bytes by kind. */
async function oneLoad(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
  try {
    const page = await context.newPage();
    await page.addInitScript(STAMP_READY);
    const cdp = await context.newCDPSession(page);
    const reqs = new Map<string, { url: string; type: string; decoded: number; transferred: number; done: boolean }>();
    cdp.on('Network.responseReceived', (e) => {
      reqs.set(e.requestId, { url: e.response.url, type: e.type, decoded: 0, transferred: 0, done: false });
    });
    cdp.on('Network.dataReceived', (e) => {
      const r = reqs.get(e.requestId);
      if (r) r.decoded += e.dataLength;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = reqs.get(e.requestId);
      if (r) { r.transferred = e.encodedDataLength; r.done = true; }
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __atlasReadyAt?: number }).__atlasReadyAt !== undefined, null, { timeout: 60_000 });
    const t = await page.evaluate(() => ({
      ready: (window as unknown as { __atlasReadyAt: number }).__atlasReadyAt,
      dcl: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
    }));
    // Whatever the first screen still fetches after the map is drawn (fonts, late data) counts too.
    await page.waitForLoadState('networkidle');
    const bytes: Record<Kind | 'total', Bytes> = {
      js: { requests: 0, transferred: 0, decoded: 0 },
      data: { requests: 0, transferred: 0, decoded: 0 },
      other: { requests: 0, transferred: 0, decoded: 0 },
      total: { requests: 0, transferred: 0, decoded: 0 },
    };
    for (const r of reqs.values()) {
      if (!r.done || !/^https?:/.test(r.url)) continue;
      const kind: Kind = r.type === 'Script' ? 'js' : new URL(r.url).pathname === '/graphql' ? 'data' : 'other';
      for (const k of [kind, 'total'] as const) {
        bytes[k].requests++;
        bytes[k].transferred += r.transferred;
        bytes[k].decoded += r.decoded;
      }
    }
    return { readyMs: t.ready, dclMs: t.dcl, bytes, page };
  } catch (e) {
    await context.close();
    throw e;
  }
}

// A string, not a function: tsx's keepNames would wrap the inner functions in a __name() helper
// that does not exist in the page.
const SWITCH = `(ind) => new Promise((resolve, reject) => {
  const map = window.__atlas.map;
  const select = document.querySelector('#indicator-select');
  const timer = setTimeout(() => reject(new Error('no idle with ' + ind + ' after 20 s: ' + window.__atlas.renderedKey)), 20000);
  let t0 = 0;
  const onIdle = () => {
    const at = performance.now();
    // The page's own 'idle' handler (registered after this one) publishes the new renderedKey.
    queueMicrotask(() => {
      if (!window.__atlas.renderedKey.startsWith(ind + '|')) return;
      map.off('idle', onIdle);
      clearTimeout(timer);
      resolve(at - t0);
    });
  };
  map.on('idle', onIdle);
  t0 = performance.now();
  select.value = ind;
  select.dispatchEvent(new Event('input', { bubbles: true }));
  select.dispatchEvent(new Event('change', { bubbles: true }));
})`;

/** ms from an indicator switch (the select's change event) to the map's next 'idle' that drew it. */
async function oneSwitch(page: Page, indicator: string): Promise<number> {
  return page.evaluate(`(${SWITCH})(${JSON.stringify(indicator)})`) as Promise<number>;
}

/** Run the page measurements against a running portal. */
export async function benchPage(serverUrl: string): Promise<PageBench> {
  const url = serverUrl.replace('localhost', '127.0.0.1');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const ready: number[] = [];
    const dcl: number[] = [];
    let firstBytes: PageBench['firstLoadBytes'] | undefined;
    let last: Page | undefined;
    for (let i = 0; i < LOADS; i++) {
      if (last) await last.context().close();
      const l = await oneLoad(browser, url);
      ready.push(r1(l.readyMs));
      dcl.push(r1(l.dclMs));
      firstBytes ??= l.bytes;
      last = l.page;
    }
    // Restyles on the last loaded page, on the layers tab where the indicator select lives.
    const page = last!;
    await page.evaluate(() => { window.location.hash = '#v=layers'; });
    await page.waitForSelector('#indicator-select');
    await oneSwitch(page, 'povertyRate'); // warm-up, not counted
    const restyle: number[] = [];
    for (let i = 0; i < SWITCHES; i++) restyle.push(r1(await oneSwitch(page, SWITCH_TO[i % SWITCH_TO.length])));
    await page.context().close();
    return {
      method: `headless /usr/bin/chromium (SwiftShader WebGL), 1280×800; first choropleth = performance.now() when window.__atlas.ready first turns true (the map's first 'idle' after colouring), ${LOADS} fresh contexts with the cache disabled; restyle = indicator select change → next map 'idle' with the new styling, ${SWITCHES} switches after one warm-up; bytes of the first load from CDP: transferred = loadingFinished.encodedDataLength (wire, headers included, gzip as sent), decoded = sum of dataReceived.dataLength; js = Script responses, data = /graphql, other = html, css, fonts, images`,
      firstChoroplethMs: { runs: ready, median: r1(median(ready)) },
      domContentLoadedMs: { runs: dcl, median: r1(median(dcl)) },
      restyleMs: { runs: restyle, median: r1(median(restyle)), max: Math.max(...restyle) },
      firstLoadBytes: firstBytes!,
    };
  } finally {
    await browser.close();
  }
}

/** Print the page results as a table. */
export function printPage(p: PageBench): void {
  const kb = (n: number) => r1(n / 1024);
  console.log(`\npage (headless Chromium): first choropleth median ${p.firstChoroplethMs.median} ms (runs ${p.firstChoroplethMs.runs.join(', ')}; DOMContentLoaded median ${p.domContentLoadedMs.median} ms)`);
  console.log(`restyle on indicator switch: median ${p.restyleMs.median} ms, max ${p.restyleMs.max} ms (runs ${p.restyleMs.runs.join(', ')})`);
  console.table(Object.fromEntries(Object.entries(p.firstLoadBytes).map(([k, b]) => [k, {
    requests: b.requests, 'transferred kB': kb(b.transferred), 'decoded kB': kb(b.decoded),
    ratio: b.decoded ? Math.round((b.transferred / b.decoded) * 100) / 100 : null,
  }])));
}

// Alone: a fresh portal, then merge the page key into the existing results.
if (process.argv[1] && new URL(import.meta.url).pathname === resolve(process.argv[1])) {
  const root = new URL('../..', import.meta.url).pathname;
  if (!existsSync(`${root}dist/web/index.html`)) throw new Error('dist/web is not built: run `npm run build` first');
  const server = await startServer();
  try {
    const page = await benchPage(server.url);
    printPage(page);
    const file = resultsFile('results.json');
    const prev = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
    console.log(`written ${writeResults(file, { ...prev, page })}`);
  } finally {
    await server.stop();
  }
}
