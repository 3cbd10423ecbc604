// The map follows the centre and zoom of the URL hash after the page has opened (a hash typed, Back and Forward, a link
// opened in the same tab), on the Country tab as on the commune's tabs, in real headless Chromium against the real portal.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, mapIdle, openAtlas, type AtlasBrowser } from './helpers/browser.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';

let server: RunningServer;
let browser: AtlasBrowser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = browser.page;
}, 240_000);
afterAll(async () => { await browser?.close(); await server?.stop(); });

/** The map's centre and zoom, and the c= and z= of the hash. */
const view = () => page.evaluate(() => {
  const map = window.__atlas!.map;
  const p = new URLSearchParams(location.hash.slice(1));
  return { lng: map.getCenter().lng, lat: map.getCenter().lat, zoom: map.getZoom(), c: p.get('c'), z: p.get('z'), v: p.get('v') };
});

/** Change only the hash's centre and zoom (a new history entry, as typing it in the address bar makes). */
const setHashCamera = (c: string, z: string) => page.evaluate(([cc, zz]) => {
  const p = new URLSearchParams(location.hash.slice(1));
  p.set('c', cc);
  p.set('z', zz);
  location.hash = `#${p.toString().replace(/%2C/g, ',')}`;
}, [c, z]);

/** Wait until the map shows this centre and zoom (the hash's rounding: 5 decimals, 2 of zoom). */
async function mapAt(lng: number, lat: number, zoom: number): Promise<void> {
  await expect.poll(async () => {
    const v = await view();
    return Math.abs(v.lng - lng) < 1e-5 && Math.abs(v.lat - lat) < 1e-5 && Math.abs(v.zoom - zoom) < 1e-2;
  }, { timeout: 20_000 }).toBe(true);
}

describe('the map follows c= and z= of the hash', () => {
  it('on the Country tab: a hash-only change moves it, Back and Forward take it to those entries\' views, a hash without them fits the commune', async () => {
    // A shared link with a view of its own.
    await openAtlas(page, server.url, '#v=national&lang=vi&c=104.8,21.17&z=10');
    await page.locator('.national-measure select').waitFor();
    await mapAt(104.8, 21.17, 10);

    await setHashCamera('105.84,21.03', '7.5');
    await mapAt(105.84, 21.03, 7.5);
    const moved = await view();
    expect(moved.v).toBe('national');
    expect([moved.c, moved.z]).toEqual(['105.84,21.03', '7.5']); // following it wrote nothing else

    await setHashCamera('104.5,22.1', '9.25');
    await mapAt(104.5, 22.1, 9.25);
    await page.goBack();
    await mapAt(105.84, 21.03, 7.5);
    await page.goBack();
    await mapAt(104.8, 21.17, 10);
    await page.goForward();
    await mapAt(105.84, 21.03, 7.5);
    expect(await page.locator('.national-measure select').count()).toBe(1);

    // No c= and z=: the view of a page opened so, the commune fitted (Mường Bang is about 0.25° across).
    await page.evaluate(() => { location.hash = '#v=national&lang=vi'; });
    await expect.poll(async () => {
      const v = await view();
      return Math.abs(v.lng - 104.8) < 0.15 && Math.abs(v.lat - 21.17) < 0.15 && v.zoom > 9 && v.zoom < 13;
    }, { timeout: 20_000 }).toBe(true);
    expect((await view()).c).toBeNull();
    await mapIdle(page);
    expect(browser.consoleErrors).toEqual([]);
  }, 180_000);

  it('on a commune tab the same way, and a move of the person is written to the hash without moving the map back', async () => {
    await openAtlas(page, server.url, '#v=layers&lang=vi&c=104.8,21.17&z=11');
    await mapAt(104.8, 21.17, 11);
    await setHashCamera('104.76,21.2', '12.5');
    await mapAt(104.76, 21.2, 12.5);
    expect((await view()).v).toBe('layers');

    // The person zooms out one step with the map's button: the hash takes the new view, the map stays there.
    await page.locator('.maplibregl-ctrl-zoom-out').click();
    await expect.poll(async () => (await view()).z, { timeout: 20_000 }).toBe('11.5');
    await mapIdle(page);
    const after = await view();
    expect(after.zoom).toBeCloseTo(11.5, 2);
    expect(after.c).toBe('104.76,21.2');
    expect(browser.consoleErrors).toEqual([]);
  }, 180_000);
});
