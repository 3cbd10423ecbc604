// Where a first load's time goes, for an A/B of builds (not part of `npm run bench`): for each page of dist/web (e.g. an
// older build's index copied in as old.html), fresh loads in turns with the cache disabled, each timing (performance.now(),
// ms after navigation) when the map's canvas is in the page, and the first choropleth (window.__atlas.firstPaint, as
// tests/bench/page.ts times it), with the page's main-thread task and script time until then (CDP Performance metrics:
// less distorted by a loaded machine than wall-clock time) and the requests of MapLibre's worker module (the context's,
// the service worker's included); also when the first GeoJSON is handed to MapLibre's worker (sentToWorker: seen at the
// worker, so a source added before MapView publishes window.__atlas counts too) and when the map is first coloured. FRAMES=1 prints each load's frames, first addSource, bản source loaded and resources;
// NET=fast|slow emulates the page bench's 3G at 390×844.
// `npx tsx tests/bench/first-map-timeline.ts old.html, 6` (the empty name is the current build).
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../helpers/browser.ts';
import { startServer } from '../helpers/start-server.ts';
import { NETWORKS } from './page.ts';
const STAMP = `(() => {
  // The first GeoJSON handed to MapLibre's worker (its 'LD' message), whoever added the source and when.
  const pm = Worker.prototype.postMessage; Worker.prototype.postMessage = function (m, ...r) { try { if (window.__sent === undefined && m && m.type === 'LD') window.__sent = Math.round(performance.now()); } catch {} return pm.call(this, m, ...r); };
  let v;
  new MutationObserver(() => { if (window.__canvasAt === undefined && document.querySelector('canvas.maplibregl-canvas')) window.__canvasAt = performance.now(); }).observe(document, { childList: true, subtree: true });
  Object.defineProperty(window, '__atlas', { configurable: true, get: () => v, set: (x) => { v = x; if (x && x.map && !x.map.__probe) { x.map.__probe = true; window.__frames = []; x.map.on('render', () => window.__frames.push(Math.round(performance.now()) + (x.map.getLayer('village-fill') ? 'L' : ''))); const add = x.map.addSource.bind(x.map); x.map.addSource = (...a) => { if (window.__add === undefined) window.__add = Math.round(performance.now()); return add(...a); }; x.map.on('sourcedata', (e) => { if (e.isSourceLoaded && e.sourceId === 'villages' && window.__src === undefined) window.__src = Math.round(performance.now()); }); } if (x && x.states && Object.keys(x.states).length && window.__coloured === undefined) window.__coloured = Math.round(performance.now()); if (x && (x.firstPaint || x.ready) && window.__fp === undefined) window.__fp = performance.now(); } });
})();`;
const pages = process.argv[2].split(',');
const loads = Number(process.argv[3] ?? 6);
const server = await startServer();
const url = server.url.replace('localhost', '127.0.0.1');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const rows: Record<string, Array<Record<string, number>>> = Object.fromEntries(pages.map((p) => [p, []]));
for (let i = 0; i < loads; i++) {
  for (const p of i % 2 ? [...pages].reverse() : pages) {
    const net = process.env.NET === 'fast' ? NETWORKS[0] : process.env.NET === 'slow' ? NETWORKS[1] : null;
    const context = await browser.newContext({ viewport: net ? { width: 390, height: 844 } : { width: 1280, height: 800 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.addInitScript(STAMP);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Performance.enable');
    if (net) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: net.latency, downloadThroughput: net.downloadThroughput, uploadThroughput: net.uploadThroughput });
    let worker = 0;
    context.on('request', (r) => { if (r.url().includes('worker')) { worker++; if (process.env.FRAMES) console.log('req', r.url().slice(-60)); } });
    await page.goto(`${url}${p}`);
    await page.waitForFunction(() => (window as any).__fp !== undefined, null, { timeout: 120_000 });
    const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
    const t = await page.evaluate(() => ({ canvas: (window as any).__canvasAt, fp: (window as any).__fp, sentToWorker: (window as any).__sent, coloured: (window as any).__coloured }));
    if (process.env.FRAMES) console.log(p || '/', 'frames', JSON.stringify(await page.evaluate(() => (window as any).__frames)), 'src', await page.evaluate(() => (window as any).__src), 'add', await page.evaluate(() => (window as any).__add), 'sentToWorker', await page.evaluate(() => (window as any).__sent), 'res', JSON.stringify(await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /graphql|worker|maplibre-|react-|index-/.test(e.name)).map((e: any) => [e.name.replace(/.*\//, '').slice(0, 30), Math.round(e.startTime), Math.round(e.responseEnd)]))), 'fp', Math.round(t.fp));
    rows[p].push({ sentToWorker: t.sentToWorker, coloured: t.coloured, canvas: Math.round(t.canvas), fp: Math.round(t.fp), taskMs: Math.round(m.TaskDuration * 1000), scriptMs: Math.round(m.ScriptDuration * 1000), workerReqs: worker });
    await context.close();
  }
}
const med = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const k = s.length >> 1; return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2; };
for (const [p, rs] of Object.entries(rows)) {
  console.log(`${p || '/'}: ` + ['sentToWorker', 'coloured', 'canvas', 'fp', 'taskMs', 'scriptMs', 'workerReqs'].map((k) => `${k} median ${med(rs.map((r) => r[k]))} (${rs.map((r) => r[k]).join(', ')})`).join('; '));
}
await browser.close();
await server.stop();
