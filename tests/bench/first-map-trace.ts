// Where a first load's time goes, portal against the bare MapLibre page (not part of `npm run bench`): for each page,
// fresh loads in turns with the cache disabled, each recorded as a Chromium trace (CDP Tracing, every process) from
// navigation to the first choropleth (window.__atlas.firstPaint) or the bare page's first 'idle', and summed up:
// busy time of the page's main thread, of its dedicated workers (MapLibre's tiling) and of the GPU process, what runs
// on the main thread (script by URL, compile, GC, layout, style), WebGL work seen in the page (frames, i.e. colour
// clears of the map's canvas; draw calls; programs linked; readPixels with their callers), GeoJSON handed to the
// worker ('LD' messages: sources and features), when the map's canvas appeared, the requests the map waited for, and
// the console's GPU warnings. `npx tsx tests/bench/first-map-trace.ts [pages, e.g. old.html,] [loads]`; TRACE_OUT=dir
// keeps each trace's JSON.
import { writeFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../helpers/browser.ts';
import { startServer } from '../helpers/start-server.ts';
import { startBarePage } from './bare-maplibre.ts';

// Before any page script: WebGL calls counted, readPixels' callers kept, GeoJSON sent to workers counted, the moment
// the map's canvas is in the page and the first-choropleth moment (as page.ts stamps it).
const PROBE = `(() => {
  performance.mark('probe');
  const w = window; w.__probe = { clears: [], draws: 0, links: 0, reads: [], ld: [], canvasAt: undefined, doneAt: undefined };
  const p = w.__probe;
  for (const C of [WebGLRenderingContext, WebGL2RenderingContext]) {
    const proto = C.prototype;
    const clear = proto.clear; proto.clear = function (m) { if (m & 0x4000) p.clears.push(Math.round(performance.now())); return clear.call(this, m); };
    const de = proto.drawElements; proto.drawElements = function (...a) { p.draws++; return de.apply(this, a); };
    const da = proto.drawArrays; proto.drawArrays = function (...a) { p.draws++; return da.apply(this, a); };
    const lp = proto.linkProgram; proto.linkProgram = function (...a) { p.links++; return lp.apply(this, a); };
    const rp = proto.readPixels; proto.readPixels = function (...a) { p.reads.push({ at: Math.round(performance.now()), w: a[2], h: a[3], stack: (new Error().stack || '').split('\\n').slice(2, 6).map((s) => s.trim().replace(/https?:\\/\\/[^/]+\\//, '')).join(' < ') }); return rp.apply(this, a); };
  }
  const gi = CanvasRenderingContext2D.prototype.getImageData; CanvasRenderingContext2D.prototype.getImageData = function (...a) { p.reads.push({ at: Math.round(performance.now()), w: a[2], h: a[3], stack: '2d getImageData < ' + (new Error().stack || '').split('\\n').slice(2, 5).map((s) => s.trim().replace(/https?:\\/\\/[^/]+\\//, '')).join(' < ') }); return gi.apply(this, a); };
  const pm = Worker.prototype.postMessage; Worker.prototype.postMessage = function (m, ...r) {
    try { if (m && m.type === 'LD') { const d = m.data && m.data.data; const g = typeof d === 'string' ? JSON.parse(d) : d; p.ld.push({ at: Math.round(performance.now()), source: m.data && m.data.source, features: g && g.features ? g.features.length : g ? 1 : 0, bytes: typeof d === 'string' ? d.length : JSON.stringify(g || null).length }); } } catch {}
    return pm.call(this, m, ...r);
  };
  new MutationObserver(() => { if (p.canvasAt === undefined && document.querySelector('canvas.maplibregl-canvas')) p.canvasAt = Math.round(performance.now()); }).observe(document, { childList: true, subtree: true });
  let v;
  Object.defineProperty(w, '__atlas', { configurable: true, get: () => v, set: (x) => { v = x; if (x && (x.firstPaint || x.ready) && p.doneAt === undefined) p.doneAt = performance.now(); } });
  const bare = setInterval(() => { if (w.__bareIdleAt !== undefined) { p.doneAt = w.__bareIdleAt; clearInterval(bare); } }, 5);
})();`;

const CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'toplevel', 'gpu', 'v8', 'loading',
].join(',');

interface Ev { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: Record<string, any>; cat: string }

/** Summary of one trace between navigation (performance.now() = 0) and `until` (ms). */
function summarise(events: Ev[], until: number) {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args!.name);
  const mark = events.find((e) => e.name === 'probe' && e.cat.includes('blink.user_timing'));
  // performance.now() = 0 is the page's navigationStart: the last one in its renderer before the probe's mark.
  const navStart = events.filter((e) => e.name === 'navigationStart' && e.pid === mark?.pid && e.ts <= (mark?.ts ?? Infinity)).at(-1);
  const t0 = navStart?.ts ?? mark?.ts ?? 0;
  const end = t0 + until * 1000;
  const inRange = (e: Ev) => e.ph === 'X' && e.ts >= t0 && e.ts <= end && e.dur !== undefined;
  // The page's renderer: the process whose main thread ran the probe mark.
  const rendererPid = mark?.pid;
  // Busy time per thread: the union of its top-level tasks (RunTask events nest).
  const spans: Record<string, Array<[number, number]>> = {};
  for (const e of events) {
    if (!inRange(e) || !['ThreadControllerImpl::RunTask', 'RunTask'].includes(e.name)) continue;
    const name = names.get(`${e.pid}:${e.tid}`) ?? '?';
    const key = e.pid === rendererPid ? name : name.startsWith('CrGpuMain') ? `GPU ${name}` : null;
    if (key) (spans[key] ??= []).push([e.ts, Math.min(e.ts + e.dur!, end)]);
  }
  const busy: Record<string, number> = {};
  for (const [key, list] of Object.entries(spans)) {
    list.sort((a, b) => a[0] - b[0]);
    let total = 0;
    let [from, to] = list[0];
    for (const [a, b] of list.slice(1)) {
      if (a <= to) to = Math.max(to, b);
      else { total += to - from; [from, to] = [a, b]; }
    }
    busy[key] = (total + to - from) / 1000;
  }
  // Self time on the renderer's main thread by event name (script by URL).
  const mainTid = mark?.tid;
  const main = events.filter((e) => inRange(e) && e.pid === rendererPid && e.tid === mainTid).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self: Record<string, number> = {};
  const stack: Array<{ e: Ev; key: string; child: number }> = [];
  const close = (upTo: number) => {
    while (stack.length && stack[stack.length - 1].e.ts + stack[stack.length - 1].e.dur! <= upTo) {
      const s = stack.pop()!;
      self[s.key] = (self[s.key] ?? 0) + (s.e.dur! - s.child) / 1000;
      if (stack.length) stack[stack.length - 1].child += s.e.dur!;
    }
  };
  for (const e of main) {
    close(e.ts);
    const url = e.args?.data?.url || e.args?.data?.stackTrace?.[0]?.url || '';
    const file = url ? url.replace(/.*\//, '').replace(/-[\w-]{8}\.(m?js)$/, '.$1') : '';
    const key = ['FunctionCall', 'EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule'].includes(e.name) ? `${e.name} ${file}` : e.name;
    stack.push({ e, key, child: 0 });
  }
  close(Infinity);
  const gpuWait = events.filter((e) => inRange(e) && e.pid === rendererPid && /WaitForGetOffset|WaitForToken|Finish/.test(e.name)).reduce((s, e) => s + e.dur! / 1000, 0);
  return { busy, self, gpuWaitInRenderer: gpuWait };
}

async function load(page: Page, url: string, out?: string) {
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: CATEGORIES.split(','), screenshots: false });
  const consoleMsgs: string[] = [];
  page.on('console', (m) => { consoleMsgs.push(`${m.type()}: ${m.text().slice(0, 160)}`); });
  await page.goto(url);
  await page.waitForFunction(() => (window as any).__probe?.doneAt !== undefined, null, { timeout: 120_000 });
  const probe = await page.evaluate(() => (window as any).__probe);
  const res = await page.evaluate(() => performance.getEntriesByType('resource').map((e: any) => [e.name.replace(/.*\//, '').slice(0, 40), Math.round(e.startTime), Math.round(e.responseEnd), e.transferSize]));
  const buf = await browser.stopTracing();
  if (out) writeFileSync(out, buf);
  const events = (JSON.parse(buf.toString()).traceEvents ?? JSON.parse(buf.toString())) as Ev[];
  return { probe, res, consoleMsgs, trace: summarise(events, probe.doneAt) };
}

const pages = (process.argv[2] ?? '').split(',');
const loads = Number(process.argv[3] ?? 3);
const server = await startServer();
const url = server.url.replace('localhost', '127.0.0.1');
const bare = await startBarePage(url);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
try {
  for (let i = 0; i < loads; i++) {
    for (const [name, target] of [['bare', bare.url] as const, ...pages.map((p) => [p || '/', `${url}${p}`] as const)]) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
      const page = await context.newPage();
      await page.addInitScript(PROBE);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const r = await load(page, target, process.env.TRACE_OUT ? `${process.env.TRACE_OUT}/${name.replace(/\W/g, '_')}-${i}.json` : undefined);
      const p = r.probe;
      const top = Object.entries(r.trace.self).sort((a, b) => b[1] - a[1]).slice(0, 18).map(([k, v]) => `${k} ${Math.round(v)}`).join('; ');
      console.log(`\n== ${name} load ${i + 1} (load average ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`);
      console.log(`done ${Math.round(p.doneAt)} ms; canvas at ${p.canvasAt}; frames (colour clears) ${p.clears.length} at ${p.clears.join(',')}; draws ${p.draws}; programs linked ${p.links}`);
      console.log(`busy ms: ${Object.entries(r.trace.busy).map(([k, v]) => `${k} ${Math.round(v)}`).join('; ')}; renderer waiting on GPU ${Math.round(r.trace.gpuWaitInRenderer)}`);
      console.log(`GeoJSON to worker: ${p.ld.map((l: any) => `${l.source} ${l.features}f ${Math.round(l.bytes / 1024)}kB @${l.at}`).join(', ')}`);
      console.log(`readPixels: ${p.reads.length} ${p.reads.map((x: any) => `@${x.at} ${x.w}x${x.h} ${x.stack}`).join(' | ')}`);
      console.log(`main thread self ms: ${top}`);
      console.log(`requests: ${r.res.map((x: any) => `${x[0]} ${x[1]}-${x[2]}`).join(', ')}`);
      console.log(`console: ${r.consoleMsgs.join(' | ')}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await bare.stop();
  await server.stop();
}
