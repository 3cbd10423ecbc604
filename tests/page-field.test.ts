// The installable offline app and field mode in real headless Chromium against the real portal: the page
// opens offline after one visit (service worker), an editor records a bản centre and values with no network,
// the outbox survives closing the page, and the sync puts them on the server (with history), shows a
// conflicting change made meanwhile as a conflict, and applies a record sent twice once.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as strings } from '../web/i18n/vi.ts';
import { launchBrowser, openAtlas, OUTPUT, type AtlasBrowser } from './helpers/browser.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';

let server: RunningServer;
let browser: AtlasBrowser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ width: 390, height: 844 });
  page = browser.page;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function shot(name: string) {
  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: join(OUTPUT, name) });
}

/** Wait until the service worker controls the page and holds the public copy of both boot reads. */
async function offlineReady(p: Page) {
  await p.waitForFunction(async () => {
    if (!navigator.serviceWorker.controller) return false;
    const cache = await caches.open('atlas-reads');
    const keys = (await cache.keys()).map((r) => new URL(r.url).searchParams.get('operationName'));
    return keys.includes('AtlasBoot') && keys.includes('AtlasBootValues');
  }, null, { timeout: 60_000, polling: 250 });
}

describe('installable and offline', () => {
  it('links a web app manifest with 192 and 512 px PNG icons, served by the portal', async () => {
    await openAtlas(page, server.url);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const manifest = await (await fetch(new URL(href!, server.url))).json() as { name: string; start_url: string; display: string; icons: Array<{ src: string; sizes: string; type: string }> };
    expect(manifest.name).toContain('Mường Bang');
    expect(manifest.display).toBe('standalone');
    const pngs = manifest.icons.filter((i) => i.type === 'image/png');
    expect(pngs.map((i) => i.sizes).sort()).toEqual(['192x192', '512x512']);
    for (const icon of pngs) {
      const res = await fetch(new URL(icon.src, new URL(href!, server.url)));
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      // PNG signature, then the IHDR width and height.
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      const side = Number(icon.sizes.split('x')[0]);
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([side, side]);
    }
  });

  it('after one online visit, reloads with no network: the map, the commune and when its data was synced', async () => {
    await openAtlas(page, server.url);
    await offlineReady(page);
    await browser.context.setOffline(true);
    try {
      // Data answered from the worker's copy, not the network (which is off).
      const fromWorker: string[] = [];
      const watch = (r: import('playwright-core').Response) => {
        if (new URL(r.url()).pathname === '/graphql' && r.fromServiceWorker()) fromWorker.push(new URL(r.url()).searchParams.get('operationName') ?? '');
      };
      page.on('response', watch);
      await openAtlas(page, server.url);
      page.off('response', watch);
      expect(fromWorker.sort()).toEqual(['AtlasBoot', 'AtlasBootValues']);
      expect(await page.locator('.panel h1').innerText()).toContain('Mường Bang');
      expect(await page.evaluate(() => window.__atlas!.villageCount)).toBe(23);
      const banner = page.locator('.offline-banner');
      await banner.waitFor();
      // No network, or (as the browser may still believe it is online) no portal: either way a read-only copy.
      const text = await banner.innerText();
      expect([strings.offline.noNetwork, strings.offline.serverUnreachable].some((m) => text.includes(m))).toBe(true);
      // "Dữ liệu đồng bộ lần cuối: 06:40 30/11/2026": the copy's date, the Vietnamese way.
      expect(await banner.locator('.offline-synced').innerText()).toMatch(/^Dữ liệu đồng bộ lần cuối: \d{2}:\d{2},? \d{2}\/\d{2}\/\d{4}$/);
      await shot('field-offline-reload.png');
    } finally {
      await browser.context.setOffline(false);
    }
  });

  it('keeps no signed-in answer and no POST in its cache', async () => {
    const kept = await page.evaluate(async () => {
      const cache = await caches.open('atlas-reads');
      const out: Array<{ method: string; url: string; cacheControl: string | null }> = [];
      for (const r of await cache.keys()) out.push({ method: r.method, url: r.url, cacheControl: (await cache.match(r))?.headers.get('cache-control') ?? null });
      return out;
    });
    expect(kept.length).toBeGreaterThan(0);
    for (const k of kept) {
      expect(k.method).toBe('GET');
      expect(k.cacheControl).toMatch(/public/);
      expect(k.cacheControl).not.toMatch(/private|no-store/);
    }
  });
});
