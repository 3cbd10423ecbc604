// Headless Chromium (Debian's, via playwright-core) for the page tests, with GUIDE §3's flags and a
// fresh profile; every request and console error of every page is recorded for the "offline" checks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

/** Where page tests write their screenshots (gitignored). */
export const OUTPUT = new URL('../output/', import.meta.url).pathname;

export interface AtlasBrowser {
  context: BrowserContext;
  page: Page;
  /** Every URL any page requested. */
  requests: string[];
  /** console.error messages and uncaught page errors. */
  consoleErrors: string[];
  close: () => Promise<void>;
}

/** Launch Chromium with a fresh profile; downloads are accepted. */
export async function launchBrowser(opts: { width?: number; height?: number; locale?: string } = {}): Promise<AtlasBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'atlas-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    locale: opts.locale ?? 'vi-VN',
    acceptDownloads: true,
  });
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const watch = (p: Page) => {
    p.on('request', (r) => requests.push(r.url()));
    p.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    p.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    // The browser's own message for a failed response does not say which URL: record it.
    p.on('response', (r) => { if (r.status() >= 500) consoleErrors.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`); });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context, page, requests, consoleErrors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Open the portal (optionally at a hash) and wait until the map has drawn its layers and the fonts are in. */
export async function openAtlas(page: Page, url: string, hash = ''): Promise<void> {
  // A new document every time (going to the same URL with another hash would not reload it).
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  await page.goto(hash ? new URL(hash, url).href : url);
  await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 60_000 });
  await page.evaluate(() => document.fonts.ready);
  await panelShown(page);
}

/**
 * Wait until the side panel shows the page of the URL's view (rendered: its tab panel has the view's id), not a
 * placeholder: each page but the scorecard is a chunk fetched when first shown.
 */
async function panelShown(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const view = new URLSearchParams(window.location.hash.slice(1)).get('v') ?? 'scorecard';
    return document.getElementById(`page-${view}`) !== null && document.querySelector('.panel-loading') === null;
  }, null, { timeout: 30_000 });
}

/** Resolves when the map has rendered everything it has to (after a resize, for example). */
export async function mapIdle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => {
    const map = window.__atlas!.map;
    map.once('idle', () => resolve());
    map.triggerRepaint();
  }));
}

/** Wait until the map has drawn the styling whose key starts with `prefix` ("povertyRate|formerCommune"). */
export async function styledAs(page: Page, prefix: string): Promise<void> {
  try {
    await page.waitForFunction((p) => window.__atlas?.renderedKey.startsWith(p) === true, prefix, { timeout: 20_000 });
  } catch (e) {
    const now = await page.evaluate(() => ({ key: window.__atlas?.renderedKey, ready: window.__atlas?.ready, hash: location.hash }));
    throw new Error(`map not styled as ${prefix}: ${JSON.stringify(now)}`, { cause: e });
  }
}

/** Requests to anything but the portal's own host (data: and blob: URLs are local). */
export function foreignRequests(requests: string[], serverUrl: string): string[] {
  const host = new URL(serverUrl).host;
  return requests.filter((u) => {
    const url = new URL(u);
    if (url.protocol === 'data:' || url.protocol === 'blob:') return false;
    return url.host !== host;
  });
}

/**
 * Show the portal at `hash`: in the page already open, by changing the hash (the portal follows it,
 * as it does for a link with another hash), else by opening it. Saves a full load per test.
 */
export async function showAtlas(page: Page, url: string, hash: string): Promise<void> {
  const loaded = page.url().startsWith(new URL(url).origin) && (await page.evaluate(() => window.__atlas?.ready === true));
  if (!loaded) return openAtlas(page, url, hash);
  await page.evaluate((h) => { window.location.hash = h; }, hash);
  await page.waitForFunction((h) => new URLSearchParams(window.location.hash.slice(1)).get('v') === new URLSearchParams(h.slice(1)).get('v'), hash);
  await panelShown(page);
}
