// A second detailed commune on the Country tab, in real headless Chromium against the real portal: an admin makes
// Tường Hạ (03958) detailed and imports three bản with their boundaries; zoomed in, the tab draws them from
// /tiles/villages, outlined, and a click names the bản and its commune. Mường Bang's own bản stay the commune map's
// (hidden on this tab): none of them is drawn by that layer.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { polygon } from '@turf/turf';
import { vi as strings } from '../web/i18n/vi.ts';
import { launchBrowser, mapIdle, openAtlas, type AtlasBrowser } from './helpers/browser.ts';
import { createUserWithCli, signedIn, type Client } from './helpers/session.ts';
import { gql, startServer, type RunningServer } from './helpers/start-server.ts';

const CODE = '03958';
const FILL = 'national-detailed-villages-fill';
const LINE = 'national-detailed-villages-line';
/** The clicked bản's outline, and the clicked commune's. */
const VILLAGE_SELECTED = 'national-detailed-village-selected';
const COMMUNE_SELECTED = 'national-selected';
let server: RunningServer;
let browser: AtlasBrowser;
let page: Page;
let admin: Client;
let centre: [number, number];
let commune: { name: string; type: string };
let villageIds: string[];
let muongBangIds: string[];

async function ok(c: Client, query: string, variables?: Record<string, unknown>) {
  const { body } = await c.gql(query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

/** A square of `half` degrees around a point, as a GeoJSON polygon. */
const square = ([lon, lat]: number[], half: number) =>
  polygon([[[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half], [lon - half, lat - half]]]).geometry;

/** Ids of the bản the detailed-villages layer draws in the map's view, once the map has settled. */
async function drawnVillages(): Promise<string[]> {
  await mapIdle(page);
  return page.evaluate((line) => [...new Set(window.__atlas!.map.queryRenderedFeatures({ layers: [line] }).map((f) => String(f.properties.id)))].sort(), LINE);
}

/** What the map outlines as selected, once it has settled: the bản ids, and the commune codes. */
/** A selection's outline follows React's state on the next frames: asked again until it settles (or the time is up). */
const SETTLES = { timeout: 30_000, interval: 250 };

async function outlined(): Promise<{ villages: string[]; communes: string[] }> {
  await mapIdle(page);
  return page.evaluate(([v, c]) => {
    const map = window.__atlas!.map;
    const ids = (layer: string, key: string) => (map.getLayer(layer) ? [...new Set(map.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.properties[key])))] : []);
    return { villages: ids(v, 'id'), communes: ids(c, 'code') };
  }, [VILLAGE_SELECTED, COMMUNE_SELECTED]);
}

/** The page coordinates of a point on the map, with what the detailed bản fill has there. */
function onScreen(lngLat: [number, number]) {
  return page.evaluate(([c, fill]) => {
    const map = window.__atlas!.map;
    const p = map.project(c);
    const r = map.getCanvas().getBoundingClientRect();
    const hit = map.queryRenderedFeatures([p.x, p.y], { layers: [fill] })[0];
    return { x: r.left + p.x, y: r.top + p.y, id: hit ? String(hit.properties.id) : null };
  }, [lngLat, FILL] as [[number, number], string]);
}

beforeAll(async () => {
  server = await startServer();
  createUserWithCli(server.dataDir, 'admin', 'admin-pass-123');
  admin = await signedIn(server, 'admin', 'admin-pass-123');
  const national = (await ok(admin, `{ nationalCommune(code: "${CODE}") { name type centroid } }`)).nationalCommune;
  commune = { name: national.name, type: national.type };
  centre = national.centroid;
  await ok(admin, `mutation { addDetailedCommune(code: "${CODE}", why: "Mở rộng atlas sang xã lân cận") { id } }`);
  const features = [-0.01, 0, 0.01].map((dx, i) => ({
    type: 'Feature', properties: { code: `TH-0${i + 1}`, name: `Bản Thử ${'ABC'[i]}` }, geometry: square([centre[0] + dx, centre[1]], 0.003),
  }));
  const report = (await ok(admin, `mutation ($input: VillageGeometryImportInput!) { importVillageGeometry(input: $input) { applied problems { message } } }`,
    { input: { geojson: { type: 'FeatureCollection', features }, dryRun: false, sourceNote: 'Khảo sát GPS 2026', commune: CODE } })).importVillageGeometry;
  expect(report.problems).toEqual([]);
  villageIds = (await ok(admin, `{ villages(commune: "${CODE}") { id } }`)).villages.map((v: { id: string }) => v.id);
  expect(villageIds).toHaveLength(3);
  muongBangIds = (await gql(server, '{ villages { id } }')).body.data.villages.map((v: { id: string }) => v.id);
  browser = await launchBrowser();
  page = browser.page;
}, 240_000);
afterAll(async () => { await browser?.close(); await server?.stop(); });

describe('the Country tab: another detailed commune\'s bản', () => {
  it('draws its bản outlined from zoom 10, none of Mường Bang\'s, and a click names the bản and its commune', async () => {
    await openAtlas(page, server.url, '#v=national&lang=vi');
    await page.locator('.national-measure select').waitFor();
    // The legend says what the outline is.
    expect(await page.locator('.legend-card').innerText()).toContain(strings.national.detailedVillages);

    // Below zoom 10 the layer draws nothing (a bản is a few pixels there).
    await page.evaluate((c) => window.__atlas!.map.jumpTo({ center: c, zoom: 9.5 }), centre);
    expect(await drawnVillages()).toEqual([]);

    // Zoomed in over Tường Hạ: its three bản, from the tiles.
    await page.evaluate((c) => window.__atlas!.map.jumpTo({ center: c, zoom: 12 }), centre);
    await page.waitForFunction((line) => window.__atlas!.map.getLayer(line) !== undefined && window.__atlas!.map.queryRenderedFeatures({ layers: [line] }).length >= 3, LINE, { timeout: 120_000, polling: 500 });
    expect(await drawnVillages()).toEqual([...villageIds].sort());
    expect(await page.evaluate((line) => window.__atlas!.map.getPaintProperty(line, 'line-width'), LINE)).toBeGreaterThan(0);

    // Over Mường Bang the tiles hold its bản, but this layer draws none of them (the commune map's own, hidden here).
    const villageTiles = () => browser.requests.filter((u) => /\/tiles\/villages\/12\//.test(u)).length;
    const before = villageTiles();
    // Its easternmost bản: the view there (about 0.2° wide) is away from Tường Hạ, west of Mường Bang.
    const centres = (await gql(server, '{ villages { centroid } }')).body.data.villages.map((v: { centroid: [number, number] }) => v.centroid);
    const muongBang = centres.reduce((east: [number, number], c: [number, number]) => (c[0] > east[0] ? c : east));
    await page.evaluate((c) => window.__atlas!.map.jumpTo({ center: c, zoom: 12 }), muongBang);
    await expect.poll(villageTiles, { timeout: 60_000 }).toBeGreaterThan(before);
    const overMuongBang = await drawnVillages();
    const inTiles = await page.evaluate(() => window.__atlas!.map.querySourceFeatures('national-detailed-villages', { sourceLayer: 'villages' }).map((f) => String(f.properties.id)));
    expect(inTiles.filter((id) => muongBangIds.includes(id)).length).toBeGreaterThan(0);
    expect(overMuongBang.filter((id) => muongBangIds.includes(id))).toEqual([]);

    // A click in the middle bản's cell: its name and its commune.
    await page.evaluate((c) => window.__atlas!.map.jumpTo({ center: c, zoom: 12 }), centre);
    await page.waitForFunction((line) => window.__atlas!.map.getLayer(line) !== undefined && window.__atlas!.map.queryRenderedFeatures({ layers: [line] }).length >= 3, LINE, { timeout: 120_000, polling: 500 });
    await mapIdle(page);
    const point = await page.evaluate(([c, fill]) => {
      const map = window.__atlas!.map;
      const p = map.project(c);
      const r = map.getCanvas().getBoundingClientRect();
      const hit = map.queryRenderedFeatures([p.x, p.y], { layers: [fill] })[0];
      return { x: r.left + p.x, y: r.top + p.y, id: hit ? String(hit.properties.id) : null, onMap: document.elementFromPoint(r.left + p.x, r.top + p.y) === map.getCanvas() };
    }, [centre, FILL] as [[number, number], string]);
    expect(point.id).toBe(villageIds[1]);
    expect(point.onMap).toBe(true);
    await page.mouse.click(point.x, point.y);
    const card = page.locator('.national-village');
    await card.waitFor();
    expect(await card.getAttribute('data-village')).toBe(villageIds[1]);
    expect(await card.locator('h3').innerText()).toContain('Bản Thử B');
    expect(await card.locator('dd').innerText()).toBe(`${commune.type} ${commune.name}`);
    expect(browser.consoleErrors).toEqual([]);
  }, 360_000);

  it('outlines a clicked bản while its card is open: closing the card, or leaving the tab and coming back, clears it', async () => {
    await openAtlas(page, server.url, `#v=national&lang=vi&c=${centre[0]},${centre[1]}&z=12`);
    await page.locator('.national-measure select').waitFor();
    await page.waitForFunction((line) => window.__atlas!.map.getLayer(line) !== undefined && window.__atlas!.map.queryRenderedFeatures({ layers: [line] }).length >= 3, LINE, { timeout: 120_000, polling: 500 });
    await expect.poll(outlined, SETTLES).toEqual({ villages: [], communes: [] });
    const card = page.locator('.national-village');
    const clickMiddleVillage = async () => {
      await mapIdle(page);
      const point = await onScreen(centre);
      expect(point.id).toBe(villageIds[1]);
      await page.mouse.click(point.x, point.y);
      await card.waitFor();
      expect(await card.getAttribute('data-village')).toBe(villageIds[1]);
    };

    // A click on a bản selects it, not its commune: its outline alone, its card alone.
    await clickMiddleVillage();
    await expect.poll(outlined, SETTLES).toEqual({ villages: [villageIds[1]], communes: [] });
    await expect.poll(() => page.locator('.national-profile').count(), SETTLES).toBe(0);
    // Closing its card clears it.
    await card.locator('button.close').click();
    await expect.poll(() => card.count(), SETTLES).toBe(0);
    await expect.poll(outlined, SETTLES).toEqual({ villages: [], communes: [] });

    // To the commune map's tab and Back: the Country tab comes again with nothing selected.
    await clickMiddleVillage();
    await expect.poll(async () => (await outlined()).villages, SETTLES).toEqual([villageIds[1]]);
    await page.locator('#tab-layers').click();
    await page.locator('#page-layers').waitFor();
    await page.goBack();
    await page.locator('.national-measure select').waitFor();
    await page.waitForFunction((line) => window.__atlas!.map.getLayer(line) !== undefined && window.__atlas!.map.queryRenderedFeatures({ layers: [line] }).length >= 3, LINE, { timeout: 120_000, polling: 500 });
    await expect.poll(() => card.count(), SETTLES).toBe(0);
    await expect.poll(outlined, SETTLES).toEqual({ villages: [], communes: [] });

    // The same by the tabs themselves.
    await clickMiddleVillage();
    await page.locator('#tab-overview').click();
    await page.locator('#page-overview').waitFor();
    await page.locator('#tab-national').click();
    await page.locator('.national-measure select').waitFor();
    await page.waitForFunction((line) => window.__atlas!.map.getLayer(line) !== undefined && window.__atlas!.map.queryRenderedFeatures({ layers: [line] }).length >= 3, LINE, { timeout: 120_000, polling: 500 });
    await expect.poll(() => card.count(), SETTLES).toBe(0);
    await expect.poll(outlined, SETTLES).toEqual({ villages: [], communes: [] });

    // A click in the commune beside its bản selects the commune: its outline and card; a click on a bản then selects
    // the bản instead; the commune's card closed clears the commune's outline.
    const beside = await onScreen([centre[0], centre[1] + 0.02]);
    expect(beside.id).toBeNull();
    await page.mouse.click(beside.x, beside.y);
    const profile = page.locator('.national-profile');
    await profile.waitFor();
    expect(await profile.locator('dd').first().innerText()).toBe(CODE);
    await expect.poll(outlined, SETTLES).toEqual({ villages: [], communes: [CODE] });
    await clickMiddleVillage();
    await expect.poll(outlined, SETTLES).toEqual({ villages: [villageIds[1]], communes: [] });
    await expect.poll(() => profile.count(), SETTLES).toBe(0);
    await card.locator('button.close').click();
    await page.mouse.click(beside.x, beside.y);
    await profile.waitFor();
    await expect.poll(async () => (await outlined()).communes, SETTLES).toEqual([CODE]);
    await profile.locator('button.close').click();
    await expect.poll(() => profile.count(), SETTLES).toBe(0);
    await expect.poll(outlined, SETTLES).toEqual({ villages: [], communes: [] });
    expect(browser.consoleErrors).toEqual([]);
  }, 360_000);
});
