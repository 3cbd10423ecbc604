// The page half of `npm run bench`: the real portal in headless Debian Chromium (GUIDE §3 flags).
// (a) navigation → first choropleth drawn (window.__atlas.firstPaint, set on the map's first 'idle' after
// the first paint's layers are coloured; a page without it: ready), alternating with a bare MapLibre page
// (bare-maplibre.ts) to its first 'idle', the floor on this renderer; (b) indicator switch → the map's next 'idle' with the new styling;
// (c) bytes and requests of a first load by kind (JS, fonts, data, other), as transferred and decoded;
// (d) the first choropleth at phone size on emulated fast and slow 3G, beside the bare page's first 'idle' there; (e) navigation to the Country tab (#v=national)
// → the map's first 'idle' with communes drawn from the national tiles, against (a) in the same run (issue 14's goal:
// ≤ 1.5×). Called at the end of run.ts;
// `tsx tests/bench/page.ts [--save]` runs it alone against a fresh server and merges into the results
// file (tests/bench/results-file.ts says which); `tsx tests/bench/page.ts --restyle` runs only (b) and prints it;
// `--first [--pages old.html,] [--loads n]` runs only (a), with the whole map (ready), for an A/B of builds;
// `--networks [--pages old.html,] [--loads n]` runs only (d), page by page in turns, for an A/B of builds.
// Next to the first choropleth (the MapLibre map's first 'idle', the interactive map) each load reports the first
// picture: navigation → the static picture of the choropleth drawn without MapLibre (web/first-picture/,
// window.__atlasFirstPicture.drawnAt), and the JS, font and data bytes that had arrived before each.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { request as httpGet } from 'node:http';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../helpers/browser.ts';
import buildWebIfChanged from '../helpers/global-setup.ts';
import { startServer } from '../helpers/start-server.ts';
import { startBarePage } from './bare-maplibre.ts';
import { percentile } from './percentile.ts';
import { resultsFile, writeResults } from './results-file.ts';

const LOADS = 5;
// Enough switches for a stable median on a shared machine (10 gave 92 ms once and 122–161 ms other times).
const SWITCHES = 30;
/** Pause between switches, so the work a switch leaves for after the map is drawn (labels placed again) is not counted in the next one. */
const SWITCH_PAUSE_MS = 250;
// Village-level indicators cycled through, so every switch changes the styling.
const SWITCH_TO = ['carRoadAccess', 'drugFree', 'culturalVillage'];

type Kind = 'js' | 'fonts' | 'data' | 'other';
/** Chromium's network emulation (CDP Network.emulateNetworkConditions), bytes per second and ms. */
interface Network { name: string; latency: number; downloadThroughput: number; uploadThroughput: number }
const kbps = (k: number) => (k * 1000) / 8;
export const NETWORKS: Network[] = [
  { name: 'fast 3G (1.6 Mbps down, 750 kbps up, 150 ms)', latency: 150, downloadThroughput: kbps(1600), uploadThroughput: kbps(750) },
  { name: 'slow 3G (400 kbps, 400 ms)', latency: 400, downloadThroughput: kbps(400), uploadThroughput: kbps(400) },
];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const NETWORK_LOADS = 3;
interface Bytes { requests: number; transferred: number; decoded: number }
export interface PageBench {
  method: string;
  firstChoroplethMs: { runs: number[]; median: number };
  /** Navigation → the first picture drawn (static, without MapLibre; not the interactive map), the same loads. */
  firstPictureMs: { runs: number[]; median: number };
  /** Of the first load, the kB (transferred, by kind) that had arrived before the first picture and before the first choropleth (MapLibre's worker module not included). */
  bytesBefore: { firstPicture: BytesBefore | null; firstChoropleth: BytesBefore | null };
  /** The bare MapLibre page to its first 'idle', loads alternating with the portal's. */
  bareMapLibreMs: { runs: number[]; median: number };
  /** Portal's first choropleth ÷ the bare page's (medians). */
  ratioToBare: number;
  /** First choropleth at 390×844 on emulated networks, cache disabled. */
  networks: Array<{
    name: string; firstChoroplethMs: { runs: number[]; median: number }; firstPictureMs: { runs: number[]; median: number };
    /** The bare MapLibre page to its first 'idle' on the same network and screen, loads alternating: the floor there. */
    bareMapLibreMs: { runs: number[]; median: number };
    bytesBefore: { firstPicture: BytesBefore | null; firstChoropleth: BytesBefore | null };
  }>;
  domContentLoadedMs: { runs: number[]; median: number };
  restyleMs: { runs: number[]; median: number; p90: number; max: number };
  /** Of each restyle, the part spent in the page's own JavaScript (the change event's handlers, React and the effects that restyle the map). */
  restyleJsMs: { median: number; p90: number };
  /** Switch → the first frame's layout after it, by when the former-commune labels are placed for their new size. */
  restyleLabelsMs: { median: number; p90: number };
  firstLoadBytes: Record<Kind | 'total', Bytes>;
  /** Navigation to #v=national → the first 'idle' with communes of the national tiles rendered (portal already serving tiles). */
  firstNationalMapMs: { runs: number[]; median: number; missed: number };
  /** firstNationalMapMs ÷ firstChoroplethMs (medians of the same run). */
  nationalToCommune: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const r1 = (x: number) => Math.round(x * 10) / 10;
const p90 = (xs: number[]) => percentile(xs, 0.9);

// Installed before any page script: stamps performance.now() the moment the page first publishes
// firstPaint: true (the first 'idle' with the choropleth coloured) and ready: true (the rest of the layers, labels
// and places drawn too) (publishAtlas assigns a new window.__atlas each time), so no polling delay is counted.
const STAMP_READY = `(() => {
  let v;
  Object.defineProperty(window, '__atlas', {
    configurable: true,
    get: () => v,
    set: (x) => {
      v = x;
      if (x && (x.firstPaint || x.ready) && window.__atlasReadyAt === undefined) window.__atlasReadyAt = performance.now();
      if (x && x.ready && window.__atlasCompleteAt === undefined) window.__atlasCompleteAt = performance.now();
      // The Country tab: stamped at the first 'idle' at which national communes are drawn.
      const map = x && x.map;
      if (map && !map.__nationalStamp) {
        map.__nationalStamp = true;
        const drawn = () => map.getLayer('national-communes-fill') && map.queryRenderedFeatures({ layers: ['national-communes-fill'] }).length > 0;
        const onIdle = () => {
          if (!drawn()) return;
          window.__nationalDrawnAt = performance.now();
          map.off('idle', onIdle);
        };
        // The page publishes the map from its own first 'idle' handler: that idle may already have drawn the communes.
        if (map.loaded() && drawn()) window.__nationalDrawnAt = performance.now();
        else map.on('idle', onIdle);
      }
    },
  });
})();`;

/** Transferred bytes (kB) by kind of the page's requests whose response had ended by `at` (ms, performance.now()). */
export type BytesBefore = Record<'js' | 'fonts' | 'data', number>;

/**
 * What had arrived by `at`, from the page's Resource Timing (transferSize: body as sent plus headers). MapLibre's worker
 * module is fetched by its worker, not the page: not counted here (it is in firstLoadBytes.js).
 */
async function bytesBefore(page: Page, at: number): Promise<BytesBefore | null> {
  if (!Number.isFinite(at)) return null;
  const entries = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => {
    const r = e as PerformanceResourceTiming;
    return { url: r.name, end: r.responseEnd, size: r.transferSize };
  }));
  const out: BytesBefore = { js: 0, fonts: 0, data: 0 };
  for (const e of entries) {
    if (e.end > at) continue;
    const path = new URL(e.url).pathname;
    const kind = /\.m?js$/.test(path) ? 'js' : /\.woff2?$/.test(path) ? 'fonts' : path === '/graphql' ? 'data' : null;
    if (kind) out[kind] += e.size;
  }
  return { js: r1(out.js / 1024), fonts: r1(out.fonts / 1024), data: r1(out.data / 1024) };
}

/** One fresh load in a new context with the cache disabled: ms until `readyAt` is set, and the bytes by kind. */
async function oneLoad(browser: Browser, url: string, opts: { viewport?: { width: number; height: number }; network?: Network; readyAt?: string } = {}) {
  const readyAt = opts.readyAt ?? '__atlasReadyAt';
  const context = await browser.newContext({ viewport: opts.viewport ?? DESKTOP, locale: 'vi-VN' });
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
    if (opts.network) {
      const { latency, downloadThroughput, uploadThroughput } = opts.network;
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput, uploadThroughput });
    }

    await page.goto(url, { timeout: 120_000 });
    await page.waitForFunction((key) => (window as unknown as Record<string, number | undefined>)[key] !== undefined, readyAt, { timeout: 120_000 });
    // The portal's whole map (every layer, labels and places; the same moment as the first paint on a page that draws all at once).
    if (readyAt === '__atlasReadyAt') await page.waitForFunction(() => (window as unknown as { __atlasCompleteAt?: number }).__atlasCompleteAt !== undefined, null, { timeout: 120_000 });
    const t = await page.evaluate((key) => ({
      ready: (window as unknown as Record<string, number>)[key],
      complete: (window as unknown as { __atlasCompleteAt?: number }).__atlasCompleteAt ?? NaN,
      picture: (window as unknown as { __atlasFirstPicture?: { drawnAt?: number } }).__atlasFirstPicture?.drawnAt ?? NaN,
      dcl: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
    }), readyAt);
    const before = { picture: await bytesBefore(page, t.picture), map: await bytesBefore(page, t.ready) };
    // Whatever the first screen still fetches after the map is drawn (fonts, late data) counts too.
    await page.waitForLoadState('networkidle', { timeout: 120_000 });
    const bytes = Object.fromEntries((['js', 'fonts', 'data', 'other', 'total'] as const).map((k) => [k, { requests: 0, transferred: 0, decoded: 0 }])) as Record<Kind | 'total', Bytes>;
    for (const r of reqs.values()) {
      if (!r.done || !/^https?:/.test(r.url)) continue;
      const path = new URL(r.url).pathname;
      // MapLibre's worker is a module script fetched by the worker, not a page Script: named by its extension.
      const kind: Kind = r.type === 'Script' || /\.m?js$/.test(path) ? 'js' : r.type === 'Font' || /\.woff2?$/.test(path) ? 'fonts' : path === '/graphql' ? 'data' : 'other';
      for (const k of [kind, 'total'] as const) {
        bytes[k].requests++;
        bytes[k].transferred += r.transferred;
        bytes[k].decoded += r.decoded;
      }
    }
    return { readyMs: t.ready, completeMs: t.complete, pictureMs: t.picture, dclMs: t.dcl, bytes, before, page };
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
  let js = 0;
  const onIdle = () => {
    const at = performance.now();
    // The page's own 'idle' handler (registered after this one) publishes the new renderedKey.
    queueMicrotask(() => {
      if (!window.__atlas.renderedKey.startsWith(ind + '|')) return;
      map.off('idle', onIdle);
      idleAt = at;
      done();
    });
  };
  map.on('idle', onIdle);
  // The first frame after the switch calls this observer (a new observation is always reported once) after the
  // page's own, which are older (observers are called in the order they were made): by then, after that frame's
  // layout, the page has placed its labels for their new size.
  let labelsAt = NaN;
  let idleAt = NaN;
  const done = () => {
    if (isNaN(idleAt) || isNaN(labelsAt)) return;
    labelsSeen.disconnect();
    clearTimeout(timer);
    resolve({ total: idleAt - t0, js, labels: labelsAt - t0 });
  };
  const labelsSeen = new ResizeObserver(() => {
    if (!isNaN(labelsAt)) return;
    labelsAt = performance.now();
    done();
  });
  labelsSeen.observe(document.documentElement);
  t0 = performance.now();
  select.value = ind;
  select.dispatchEvent(new Event('input', { bubbles: true }));
  select.dispatchEvent(new Event('change', { bubbles: true }));
  // React handles a change event (a discrete event) at once, its effects included: what remains is MapLibre's frame.
  js = performance.now() - t0;
})`;

interface Switch { total: number; js: number; labels: number }

/**
 * ms from an indicator switch (the select's change event) to the map's next 'idle' that drew it; of it the page's
 * JavaScript; and to the first frame's layout, by when the former-commune labels are placed for their new size.
 */
async function oneSwitch(page: Page, indicator: string): Promise<Switch> {
  return page.evaluate(`(${SWITCH})(${JSON.stringify(indicator)})`) as Promise<Switch>;
}

/** The restyle rows: on a loaded portal page, a warm-up switch to each indicator, then `switches` counted switches. */
export async function benchRestyle(page: Page, switches = SWITCHES): Promise<Pick<PageBench, 'restyleMs' | 'restyleJsMs' | 'restyleLabelsMs'>> {
  await page.evaluate(() => { window.location.hash = '#v=layers'; });
  await page.waitForSelector('#indicator-select');
  await page.waitForLoadState('networkidle');
  // Warm-up, not counted: each indicator once (its first drawing compiles what it needs), ending on one the counted switches do not start with.
  for (const ind of [...SWITCH_TO.slice(1), SWITCH_TO[0], SWITCH_TO[SWITCH_TO.length - 1]]) await oneSwitch(page, ind);
  const runs: Switch[] = [];
  for (let i = 0; i < switches; i++) {
    await page.waitForTimeout(SWITCH_PAUSE_MS);
    runs.push(await oneSwitch(page, SWITCH_TO[i % SWITCH_TO.length]));
  }
  const total = runs.map((r) => r1(r.total));
  const js = runs.map((r) => r1(r.js));
  const labels = runs.map((r) => r1(r.labels));
  return {
    restyleMs: { runs: total, median: r1(median(total)), p90: p90(total), max: Math.max(...total) },
    restyleJsMs: { median: r1(median(js)), p90: p90(js) },
    restyleLabelsMs: { median: r1(median(labels)), p90: p90(labels) },
  };
}

/** A fresh portal page at 1280×800, loaded and drawn (its context is the caller's to close). */
export async function loadPortalPage(browser: Browser, url: string): Promise<Page> {
  return (await oneLoad(browser, url.replace('localhost', '127.0.0.1'))).page;
}


/**
 * MapLibre's worker module as the portal sends it to Chromium (which accepts brotli): the worker fetches it
 * itself, out of the page's CDP session, so a first load's JS row adds it here.
 */
async function mapWorkerBytes(url: string): Promise<Bytes> {
  const dir = new URL('../../dist/web/assets/', import.meta.url).pathname;
  const name = readdirSync(dir).find((f) => /^maplibre-gl-worker-.*\.mjs$/.test(f));
  if (!name) throw new Error('no MapLibre worker in dist/web/assets');
  return new Promise((resolve, reject) => {
    httpGet(new URL(`assets/${name}`, url), { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } }, (res) => {
      let transferred = 0;
      res.on('data', (d: Buffer) => { transferred += d.length; });
      res.on('end', () => resolve({ requests: 1, transferred, decoded: readFileSync(`${dir}${name}`).length }));
    }).on('error', reject).end();
  });
}

/** Run the page measurements against a running portal. */
export async function benchPage(serverUrl: string): Promise<PageBench> {
  const url = serverUrl.replace('localhost', '127.0.0.1');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const bare = await startBarePage(url);
  try {
    const ready: number[] = [];
    const pictures: number[] = [];
    let firstBefore: PageBench['bytesBefore'] | undefined;
    const national: number[] = [];
    let nationalMissed = 0;
    const bareReady: number[] = [];
    // The portal cuts its national tiles once, on the first request for one: done before counting, as on a portal
    // that has been serving for a while.
    try {
      const warm = await oneLoad(browser, `${url}#v=national`, { readyAt: '__nationalDrawnAt' });
      await warm.page.context().close();
    } catch (e) {
      console.warn(`national warm-up: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
    }
    const dcl: number[] = [];
    let firstBytes: PageBench['firstLoadBytes'] | undefined;
    let last: Page | undefined;
    for (let i = 0; i < LOADS; i++) {
      // The floor first, then the portal, in turns: both see the same machine load.
      const b = await oneLoad(browser, bare.url, { readyAt: '__bareIdleAt' });
      bareReady.push(r1(b.readyMs));
      await b.page.context().close();
      if (last) await last.context().close();
      const l = await oneLoad(browser, url);
      ready.push(r1(l.readyMs));
      pictures.push(r1(l.pictureMs));
      dcl.push(r1(l.dclMs));
      firstBytes ??= l.bytes;
      firstBefore ??= { firstPicture: l.before.picture, firstChoropleth: l.before.map };
      last = l.page;
      // A load that never draws the communes (seen under heavy machine load) is counted as missed, not fatal.
      try {
        const n = await oneLoad(browser, `${url}#v=national`, { readyAt: '__nationalDrawnAt' });
        national.push(r1(n.readyMs));
        await n.page.context().close();
      } catch (e) {
        nationalMissed++;
        console.warn(`national load ${i + 1}: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
      }
    }
    const worker = await mapWorkerBytes(url);
    for (const k of ['js', 'total'] as const) {
      firstBytes![k].requests += worker.requests;
      firstBytes![k].transferred += worker.transferred;
      firstBytes![k].decoded += worker.decoded;
    }
    // Restyles on the last loaded page, on the layers tab where the indicator select lives.
    const restyle = await benchRestyle(last!);
    await last!.context().close();
    // The network rows (the portal and the bare page in turns on each network), as `--networks` measures them alone.
    const networks: PageBench['networks'] = Object.entries(await benchNetworkRows(serverUrl)).map(([name, rows]) => {
      const { firstChoroplethMs: runs, firstPictureMs: pics, before } = rows['/'];
      const bareRuns = rows.bare.firstChoroplethMs;
      return {
        name, firstChoroplethMs: { runs, median: r1(median(runs)) }, firstPictureMs: { runs: pics, median: r1(median(pics)) },
        bareMapLibreMs: { runs: bareRuns, median: r1(median(bareRuns)) }, bytesBefore: before[0]!,
      };
    });
    return {
      method: `headless /usr/bin/chromium (SwiftShader WebGL), 1280×800; first choropleth = performance.now() when window.__atlas.firstPaint (or ready) first turns true (the MapLibre map's first 'idle' after colouring: the interactive map); first picture = window.__atlasFirstPicture.drawnAt (the static SVG picture of the choropleth drawn before MapLibre has loaded, web/first-picture/, stamped on the task after the frame that drew it; not the interactive map), bytes before each = the page's Resource Timing transferSize of JS, fonts and /graphql whose responseEnd came first (MapLibre's worker module, fetched by the worker, not included), ${LOADS} fresh contexts with the cache disabled, each after a load of the bare MapLibre page (tests/bench/bare-maplibre.ts: the same 23 bản cells inlined, one fill layer coloured by a property, one line layer) to its first 'idle'; national = the same load of #v=national to the first 'idle' with national communes rendered (after one uncounted load that has the portal cut its national tiles), loads alternating with the others; restyle = indicator select change → next map 'idle' with the new styling, ${SWITCHES} switches ${SWITCH_PAUSE_MS} ms apart after a warm-up switch to each indicator (of it, restyle JS = until the change event's handlers return, React's render and effects included; labels placed = to the first frame's ResizeObserver step after the switch, after the page's own, which places them); bytes of the first load from CDP: transferred = loadingFinished.encodedDataLength (wire, headers included, compressed as sent: brotli where the build precompressed it), decoded = sum of dataReceived.dataLength; js = scripts, plus MapLibre's worker module fetched by the worker (body bytes as sent for Chromium's Accept-Encoding, brotli, outside CDP's page session), fonts, data = /graphql, other = html, css, images; networks: ${PHONE.width}×${PHONE.height}, CDP network emulation, cache disabled, ${NETWORK_LOADS} loads each, alternating with loads of the bare MapLibre page on the same network (its MapLibre files brotli-compressed as the portal's)`,
      firstChoroplethMs: { runs: ready, median: r1(median(ready)) },
      firstPictureMs: { runs: pictures, median: r1(median(pictures)) },
      bytesBefore: firstBefore!,
      bareMapLibreMs: { runs: bareReady, median: r1(median(bareReady)) },
      ratioToBare: Math.round((median(ready) / median(bareReady)) * 100) / 100,
      networks,
      domContentLoadedMs: { runs: dcl, median: r1(median(dcl)) },
      ...restyle,
      firstLoadBytes: firstBytes!,
      firstNationalMapMs: { runs: national, median: national.length ? r1(median(national)) : NaN, missed: nationalMissed },
      nationalToCommune: national.length ? Math.round((median(national) / median(ready)) * 100) / 100 : NaN,
    };
  } finally {
    await bare.stop();
    await browser.close();
  }
}

/** "js 12.3, fonts 40.1, data 40.5" (kB), or "–" when there was no such moment. */
const beforeText = (b: BytesBefore | null | undefined) => (b ? `js ${b.js}, fonts ${b.fonts}, data ${b.data}` : '–');

/** Print the page results as a table. */
export function printPage(p: PageBench): void {
  const kb = (n: number) => r1(n / 1024);
  console.log(`\npage (headless Chromium): first choropleth median ${p.firstChoroplethMs.median} ms (runs ${p.firstChoroplethMs.runs.join(', ')}; DOMContentLoaded median ${p.domContentLoadedMs.median} ms)`);
  console.log(`first picture (static, before MapLibre; not the interactive map): median ${p.firstPictureMs?.median} ms (runs ${p.firstPictureMs?.runs.join(', ')}); ` +
    `kB before it ${beforeText(p.bytesBefore?.firstPicture)}, before the first choropleth ${beforeText(p.bytesBefore?.firstChoropleth)}`);
  console.log(`first national map (Country tab, communes drawn): median ${p.firstNationalMapMs.median} ms (runs ${p.firstNationalMapMs.runs.join(', ')}; missed ${p.firstNationalMapMs.missed}); national ÷ commune map = ${p.nationalToCommune}× (goal ≤ 1.5×)`);
  console.log(`bare MapLibre page to first idle: median ${p.bareMapLibreMs.median} ms (runs ${p.bareMapLibreMs.runs.join(', ')}); portal ÷ bare = ${p.ratioToBare}×`);
  for (const n of p.networks) {
    console.log(`${n.name}, ${PHONE.width}×${PHONE.height}: first picture median ${n.firstPictureMs?.median} ms (runs ${n.firstPictureMs?.runs.join(', ')}; kB before it ${beforeText(n.bytesBefore?.firstPicture)}); ` +
      `first choropleth median ${n.firstChoroplethMs.median} ms (runs ${n.firstChoroplethMs.runs.join(', ')}; kB before it ${beforeText(n.bytesBefore?.firstChoropleth)}); ` +
      `bare MapLibre page to first idle median ${n.bareMapLibreMs?.median} ms (runs ${n.bareMapLibreMs?.runs.join(', ')})`);
  }
  console.log(`restyle on indicator switch: median ${p.restyleMs.median} ms, p90 ${p.restyleMs.p90} ms, max ${p.restyleMs.max} ms (runs ${p.restyleMs.runs.join(', ')}); ` +
    `of it the page's JavaScript: median ${p.restyleJsMs?.median} ms, p90 ${p.restyleJsMs?.p90} ms; ` +
    `switch → labels placed (first frame's layout): median ${p.restyleLabelsMs?.median} ms, p90 ${p.restyleLabelsMs?.p90} ms`);
  console.table(Object.fromEntries(Object.entries(p.firstLoadBytes).map(([k, b]) => [k, {
    requests: b.requests, 'transferred kB': kb(b.transferred), 'decoded kB': kb(b.decoded),
    ratio: b.decoded ? Math.round((b.transferred / b.decoded) * 100) / 100 : null,
  }])));
}

/** The national row alone: loads of #v=national and of the commune map in turns (`--national`), after one uncounted national load. */
export interface NationalRow { firstChoroplethMs: number[]; firstNationalMapMs: number[]; missed: number }

/** Navigation to `${page}#v=national` → first 'idle' with national communes drawn, alternating with the commune map's first choropleth. */
export async function benchNationalRow(serverUrl: string, opts: { loads?: number; pages?: string[] } = {}): Promise<Record<string, NationalRow>> {
  const url = serverUrl.replace('localhost', '127.0.0.1');
  // Other pages (e.g. an older build's index copied into dist/web) are measured in the same turns, for an A/B.
  const pages = opts.pages ?? [''];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const warm = await oneLoad(browser, `${url}#v=national`, { readyAt: '__nationalDrawnAt' });
    await warm.page.context().close();
    const rows: Record<string, NationalRow> = Object.fromEntries(pages.map((p) => [p || '/', { firstChoroplethMs: [], firstNationalMapMs: [], missed: 0 }]));
    for (let i = 0; i < (opts.loads ?? LOADS); i++) {
      for (const p of pages) {
        const row = rows[p || '/'];
        const c = await oneLoad(browser, `${url}${p}`);
        row.firstChoroplethMs.push(r1(c.readyMs));
        await c.page.context().close();
        try {
          const n = await oneLoad(browser, `${url}${p}#v=national`, { readyAt: '__nationalDrawnAt' });
          row.firstNationalMapMs.push(r1(n.readyMs));
          await n.page.context().close();
        } catch (e) {
          row.missed++;
          console.warn(`national load ${i + 1} of ${p || '/'}: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
        }
      }
    }
    return rows;
  } finally {
    await browser.close();
  }
}

/** The first-map row alone: the bare page and each page in turns, first choropleth and the whole map. */
export interface FirstMapRow { firstChoroplethMs: number[]; completeMs: number[]; firstPictureMs: number[] }

/**
 * Loads of the bare page and of each of `pages` (e.g. an older build's index copied into dist/web, for an A/B) in
 * turns: the portal's first choropleth and its whole map (every layer, labels and places), against the bare page.
 */
export async function benchFirstMapRow(serverUrl: string, opts: { loads?: number; pages?: string[] } = {}): Promise<{ bare: number[]; pages: Record<string, FirstMapRow> }> {
  const url = serverUrl.replace('localhost', '127.0.0.1');
  const pages = opts.pages ?? [''];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const barePage = await startBarePage(url);
  try {
    const bare: number[] = [];
    const rows: Record<string, FirstMapRow> = Object.fromEntries(pages.map((p) => [p || '/', { firstChoroplethMs: [], completeMs: [], firstPictureMs: [] }]));
    for (let i = 0; i < (opts.loads ?? LOADS); i++) {
      const b = await oneLoad(browser, barePage.url, { readyAt: '__bareIdleAt' });
      bare.push(r1(b.readyMs));
      await b.page.context().close();
      // Each round in another order, so no page always follows the bare one.
      for (const p of i % 2 ? [...pages].reverse() : pages) {
        const l = await oneLoad(browser, `${url}${p}`);
        rows[p || '/'].firstChoroplethMs.push(r1(l.readyMs));
        rows[p || '/'].completeMs.push(r1(l.completeMs));
        rows[p || '/'].firstPictureMs.push(r1(l.pictureMs));
        await l.page.context().close();
      }
    }
    return { bare, pages: rows };
  } finally {
    await barePage.stop();
    await browser.close();
  }
}

/** The network rows alone: loads of each of `pages` at phone size on each emulated network, in turns. */
export interface NetworkRow { firstPictureMs: number[]; firstChoroplethMs: number[]; before: Array<{ firstPicture: BytesBefore | null; firstChoropleth: BytesBefore | null }> }

/**
 * Loads of each of `pages` (e.g. an older build's index copied into dist/web) and of the bare MapLibre page (row
 * "bare", its first 'idle' as its first choropleth) on each network, alternating page order by round.
 */
export async function benchNetworkRows(serverUrl: string, opts: { loads?: number; pages?: string[] } = {}): Promise<Record<string, Record<string, NetworkRow>>> {
  const url = serverUrl.replace('localhost', '127.0.0.1');
  const pages = [...(opts.pages ?? ['']), 'bare'];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const bare = await startBarePage(url);
  try {
    const out: Record<string, Record<string, NetworkRow>> = {};
    for (const network of NETWORKS) {
      const rows: Record<string, NetworkRow> = Object.fromEntries(pages.map((p) => [p || '/', { firstPictureMs: [], firstChoroplethMs: [], before: [] }]));
      for (let i = 0; i < (opts.loads ?? NETWORK_LOADS); i++) {
        for (const p of i % 2 ? [...pages].reverse() : pages) {
          const l = p === 'bare'
            ? await oneLoad(browser, bare.url, { viewport: PHONE, network, readyAt: '__bareIdleAt' })
            : await oneLoad(browser, `${url}${p}`, { viewport: PHONE, network });
          const row = rows[p || '/'];
          row.firstPictureMs.push(r1(l.pictureMs));
          row.firstChoroplethMs.push(r1(l.readyMs));
          row.before.push({ firstPicture: l.before.picture, firstChoropleth: l.before.map });
          await l.page.context().close();
        }
      }
      out[network.name] = rows;
    }
    return out;
  } finally {
    await bare.stop();
    await browser.close();
  }
}

// Alone: a fresh portal, then merge the page key into the existing results. `--restyle` runs only the restyle rows on
// one loaded page; `--national` runs only the national row, `--first` the first-map row and `--networks` the network
// rows (`--pages old.html,` adds pages of dist/web to the turns); these print, nothing written.
if (process.argv[1] && new URL(import.meta.url).pathname === resolve(process.argv[1])) {
  buildWebIfChanged();
  const server = await startServer();
  try {
    if (process.argv.includes('--restyle')) {
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
      try {
        const r = await benchRestyle(await loadPortalPage(browser, server.url));
        console.log(`restyle on indicator switch: median ${r.restyleMs.median} ms, p90 ${r.restyleMs.p90} ms (runs ${r.restyleMs.runs.join(', ')}); ` +
          `JavaScript median ${r.restyleJsMs.median} ms, p90 ${r.restyleJsMs.p90} ms; labels placed median ${r.restyleLabelsMs.median} ms, p90 ${r.restyleLabelsMs.p90} ms`);
      } finally {
        await browser.close();
      }
    } else if (process.argv.includes('--first')) {
      const at = process.argv.indexOf('--pages');
      const pages = at > 0 ? process.argv[at + 1].split(',') : undefined;
      const loads = process.argv.includes('--loads') ? Number(process.argv[process.argv.indexOf('--loads') + 1]) : undefined;
      const { bare, pages: rows } = await benchFirstMapRow(server.url, { loads, pages });
      console.log(`bare MapLibre page to first idle: median ${median(bare)} ms (runs ${bare.join(', ')})`);
      for (const [p, row] of Object.entries(rows)) {
        console.log(`${p}: first picture median ${r1(median(row.firstPictureMs))} ms (runs ${row.firstPictureMs.join(', ')}); ` +
          `first choropleth median ${r1(median(row.firstChoroplethMs))} ms (runs ${row.firstChoroplethMs.join(', ')}), ` +
          `÷ bare = ${Math.round((median(row.firstChoroplethMs) / median(bare)) * 100) / 100}×; whole map median ${r1(median(row.completeMs))} ms (runs ${row.completeMs.join(', ')})`);
      }
    } else if (process.argv.includes('--networks')) {
      const at = process.argv.indexOf('--pages');
      const pages = at > 0 ? process.argv[at + 1].split(',') : undefined;
      const loads = process.argv.includes('--loads') ? Number(process.argv[process.argv.indexOf('--loads') + 1]) : undefined;
      for (const [network, rows] of Object.entries(await benchNetworkRows(server.url, { loads, pages }))) {
        for (const [p, row] of Object.entries(rows)) {
          console.log(`${network}, ${p}: first picture median ${r1(median(row.firstPictureMs))} ms (runs ${row.firstPictureMs.join(', ')}); ` +
            `first choropleth median ${r1(median(row.firstChoroplethMs))} ms (runs ${row.firstChoroplethMs.join(', ')}); ` +
            `kB before the picture ${beforeText(row.before[0]?.firstPicture)}, before the first choropleth ${beforeText(row.before[0]?.firstChoropleth)}`);
        }
      }
    } else if (process.argv.includes('--national')) {
      const at = process.argv.indexOf('--pages');
      const pages = at > 0 ? process.argv[at + 1].split(',') : undefined;
      const loads = process.argv.includes('--loads') ? Number(process.argv[process.argv.indexOf('--loads') + 1]) : undefined;
      for (const [p, row] of Object.entries(await benchNationalRow(server.url, { loads, pages }))) {
        const n = row.firstNationalMapMs.length ? median(row.firstNationalMapMs) : NaN;
        const c = median(row.firstChoroplethMs);
        console.log(`${p}: first national map median ${r1(n)} ms (runs ${row.firstNationalMapMs.join(', ')}; missed ${row.missed}); ` +
          `first choropleth median ${r1(c)} ms (runs ${row.firstChoroplethMs.join(', ')}); national ÷ commune map = ${Math.round((n / c) * 100) / 100}×`);
      }
    } else {
      const page = await benchPage(server.url);
      printPage(page);
      const file = resultsFile('results.json');
      const prev = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
      console.log(`written ${writeResults(file, { ...prev, page })}`);
    }
  } finally {
    await server.stop();
  }
}
