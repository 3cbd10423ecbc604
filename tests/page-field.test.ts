// The installable offline app and field mode in real headless Chromium against the real portal: the page
// opens offline after one visit (service worker), an editor records a bản centre and values with no network,
// the outbox survives closing the page, and the sync puts them on the server (with history), shows a
// conflicting change made meanwhile as a conflict, and applies a record sent twice once.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as strings } from '../web/i18n/vi.ts';
import { launchBrowser, openAtlas, OUTPUT, type AtlasBrowser } from './helpers/browser.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { createUserWithCli, signedIn, type Client } from './helpers/session.ts';

let server: RunningServer;
let browser: AtlasBrowser;
let page: Page;
/** The admin (API) and the editor who records in the field (signed in both in the browser and, for the other session, by API). */
let admin: Client;
let editor: Client;
const PASSWORD = 'mat-khau-thuc-dia-2026';

interface Village { id: string; label: string; version: number; centroid: [number, number]; centreKnown: boolean; nameKnown: boolean }
async function villages(): Promise<Village[]> {
  const { body } = await admin.gql('{ villages { id label version centroid centreKnown nameKnown } }');
  return body.data.villages;
}
async function observation(unitId: string, indicator: string, period: string) {
  const { body } = await admin.gql('query ($u: String!, $i: String!) { observations(unitId: $u, indicator: $i) { period value version } }', { u: unitId, i: indicator });
  return (body.data.observations as Array<{ period: string; value: unknown; version: number }>).find((o) => o.period === period) ?? null;
}
async function history(unitId: string) {
  const { body } = await admin.gql('query ($u: String!) { history(unitId: $u) { id who field oldValue newValue } }', { u: unitId });
  return body.data.history as Array<{ id: number; who: string; field: string; oldValue: unknown; newValue: unknown }>;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ width: 390, height: 844 });
  page = browser.page;
  createUserWithCli(server.dataDir, 'admin', PASSWORD);
  admin = await signedIn(server, 'admin', PASSWORD);
  const made = await admin.gql('mutation ($u: String!, $p: String!) { createUser(username: $u, password: $p, role: "editor") { role } }', { u: 'canbo', p: PASSWORD });
  if (made.body.errors) throw new Error(JSON.stringify(made.body.errors));
  editor = await signedIn(server, 'canbo', PASSWORD);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function shot(name: string) {
  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: join(OUTPUT, name) });
}

/**
 * Wait until the service worker controls the page, is activated (its install, the precache, is over), its precache
 * holds the page and the scripts and styles this document started from, and it keeps the public copy of both boot
 * reads: the real conditions of an offline reload, nothing timed.
 */
async function offlineReady(p: Page) {
  await p.waitForFunction(async () => {
    if (!navigator.serviceWorker.controller) return false;
    const registration = await navigator.serviceWorker.getRegistration();
    if (registration?.active?.state !== 'activated') return false;
    const precacheName = (await caches.keys()).find((n) => n.startsWith('workbox-precache'));
    if (!precacheName) return false;
    const precached = new Set((await (await caches.open(precacheName)).keys()).map((r) => new URL(r.url).pathname));
    const entry = [...document.querySelectorAll<HTMLScriptElement>('script[type="module"][src]'), ...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"][href]')]
      .map((e) => new URL(e instanceof HTMLScriptElement ? e.src : e.href).pathname);
    if (!precached.has('/index.html') || entry.length === 0 || !entry.every((path) => precached.has(path))) return false;
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

/** Sign the browser in as the editor (the session cookie the portal gave the API client). */
async function browserSignedIn() {
  const [name, value] = editor.cookie!.split('=');
  // Persistent, as the portal's own cookie is (it has an expiry): closing the page must not sign the device out.
  await browser.context.addCookies([{ name, value, url: server.url, expires: Math.floor(Date.now() / 1000) + 3600 }]);
}

/** The outbox as the page lists it. */
async function outbox(p: Page) {
  return p.locator('.outbox-record').evaluateAll((els) => els.map((e) => ({
    clientId: (e as HTMLElement).dataset.clientId!, state: (e as HTMLElement).dataset.state!, kind: (e as HTMLElement).dataset.kind!, text: (e as HTMLElement).innerText,
  })));
}

async function openField(p: Page) {
  await openAtlas(p, server.url, '#v=field');
  await p.locator('.field-mode').waitFor();
}

async function waitForStates(p: Page, ids: string[], state: string) {
  await p.waitForFunction(({ ids, state }) => ids.every((id) => document.querySelector(`.outbox-record[data-client-id="${id}"]`)?.getAttribute('data-state') === state), { ids, state }, { timeout: 30_000 });
}

/** axe-core's serious and critical violations in the page as it is now (rule id and a target each). */
async function axeViolations(p: Page): Promise<string[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the debugging protocol: the page's CSP (script-src 'self') refuses inline scripts.
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(source);
  return p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const res = await axe.run(document, { resultTypes: ['violations'] });
    return res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}

describe('field mode online', () => {
  it('"bản nearest me" chooses the bản whose centre is closest to the device', async () => {
    const all = await villages();
    const here = all[5];
    await browser.context.grantPermissions(['geolocation'], { origin: new URL(server.url).origin });
    await browser.context.setGeolocation({ longitude: here.centroid[0], latitude: here.centroid[1], accuracy: 12 });
    await browserSignedIn();
    await openField(page);
    await page.locator('.field-choose button', { hasText: strings.field.nearestMe }).click();
    await expect.poll(() => page.locator('#field-village').inputValue()).toBe(here.id);
    const listed = await page.locator('.field-nearest li').allInnerTexts();
    expect(listed).toHaveLength(3);
    expect(listed[0]).toContain(here.label);
  });

  it('refuses a GPS centre less precise than 50 m, and says how precise it was', async () => {
    const v = (await villages())[2];
    await browserSignedIn();
    await browser.context.grantPermissions(['geolocation'], { origin: new URL(server.url).origin });
    await browser.context.setGeolocation({ longitude: v.centroid[0], latitude: v.centroid[1], accuracy: 120 });
    await openField(page);
    await page.selectOption('#field-village', v.id);
    const form = page.locator(`.field-village[data-village-id="${v.id}"] .field-centre`);
    await form.locator('button', { hasText: strings.field.useGps }).click();
    await expect.poll(() => form.locator('[role="alert"]').innerText()).toBe(strings.field.tooInaccurate('120', 50));
    expect(await form.locator('button[type="submit"]').count()).toBe(0);
  });

  it('makes a photo small on the device (≤ 1600 px JPEG, ≤ 600 kB) and keeps it with the value; a record can be discarded', async () => {
    const v = (await villages())[3];
    await browserSignedIn();
    await openField(page);
    await page.selectOption('#field-village', v.id);
    const values = page.locator(`.field-village[data-village-id="${v.id}"] .field-values`);
    // A 4000×3000 camera photo of noise (it does not compress), chosen in the file input.
    await values.locator('input[type="file"]').evaluate(async (input: HTMLInputElement) => {
      const canvas = document.createElement('canvas');
      canvas.width = 4000;
      canvas.height = 3000;
      const ctx = canvas.getContext('2d')!;
      const img = ctx.createImageData(4000, 3000);
      for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 2654435761) >>> 24;
      ctx.putImageData(img, 0, 0);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
      const dt = new DataTransfer();
      dt.items.add(new File([blob], 'bien-ban.png', { type: 'image/png' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await values.locator('[role="status"]', { hasText: 'Ảnh đã thu nhỏ' }).waitFor({ timeout: 60_000 });
    await values.locator('select[name="value-culturalVillage"]').selectOption('true');
    await values.locator('input[name="source-culturalVillage"]').fill('Quyết định công nhận bản văn hoá');
    await values.locator('button[type="submit"]').click();
    await expect.poll(async () => (await outbox(page)).length).toBe(1);
    const [record] = await outbox(page);
    expect(record.text).toContain(strings.field.withPhoto);
    const photo = await page.evaluate(async (clientId) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => { const r = indexedDB.open('atlas-field'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
      const rec = await new Promise<{ input: { photo: { mimeType: string; dataBase64: string } } }>((resolve) => { const r = db.transaction('records').objectStore('records').get(clientId); r.onsuccess = () => resolve(r.result); });
      const bytes = Uint8Array.from(atob(rec.input.photo.dataBase64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: rec.input.photo.mimeType }));
      db.close();
      return { mimeType: rec.input.photo.mimeType, bytes: bytes.length, jpeg: bytes[0] === 0xff && bytes[1] === 0xd8, width: bitmap.width, height: bitmap.height };
    }, record.clientId);
    expect(photo.mimeType).toBe('image/jpeg');
    expect(photo.jpeg).toBe(true);
    expect(photo.bytes).toBeLessThanOrEqual(600_000);
    expect(Math.max(photo.width, photo.height)).toBeLessThanOrEqual(1600);
    expect(photo.width / photo.height).toBeCloseTo(4 / 3, 1);
    await page.locator(`.outbox-record[data-client-id="${record.clientId}"] .outbox-discard`).click();
    await expect.poll(async () => (await outbox(page)).length).toBe(0);
  });

  it('has no serious or critical accessibility violation (axe-core) at 390×844', async () => {
    await browserSignedIn();
    await openField(page);
    await page.selectOption('#field-village', (await villages())[0].id);
    expect(await axeViolations(page)).toEqual([]);
    await shot('field-mode-390.png');
  });
});

describe('field mode offline, outbox and sync', () => {
  let target: Village;
  const period = '2026';
  const gps = { accuracy: 8 } as { latitude: number; longitude: number; accuracy: number };
  let recorded: string[] = [];

  it('an editor records a bản centre from GPS and two values offline; they wait in the outbox', async () => {
    target = (await villages()).find((v) => !v.centreKnown)!;
    expect(target).toBeTruthy();
    // Where the officer stands: a little north-east of the bản's schematic centroid.
    gps.longitude = target.centroid[0] + 0.0011;
    gps.latitude = target.centroid[1] + 0.0007;
    await browser.context.grantPermissions(['geolocation'], { origin: new URL(server.url).origin });
    await browser.context.setGeolocation(gps);
    await browserSignedIn();
    await openField(page);
    await offlineReady(page);
    await browser.context.setOffline(true);
    await openField(page);
    // Offline the public copy names nobody: the device remembers its editor.
    expect(await page.locator('#tab-field').count()).toBe(1);
    await page.selectOption('#field-village', target.id);
    const form = page.locator(`.field-village[data-village-id="${target.id}"]`);
    await form.locator('.field-centre button', { hasText: strings.field.useGps }).click();
    await expect.poll(() => form.locator('.gps-accuracy').innerText()).toBe(strings.field.accuracy('8'));
    await form.locator('.field-centre input[name="sourceNote"]').fill('Đo GPS tại nhà văn hoá bản, 30/11/2026');
    await form.locator('.field-centre button[type="submit"]').click();
    const values = form.locator('.field-values');
    await values.locator('input[name="period"]').fill(period);
    await values.locator('select[name="value-carRoadAccess"]').selectOption('true');
    await values.locator('input[name="source-carRoadAccess"]').fill('Trưởng bản xác nhận, 30/11/2026');
    await values.locator('input[name="value-households"]').fill('152');
    await values.locator('input[name="source-households"]').fill('Sổ hộ của bản, 2026');
    await values.locator('button[type="submit"]').click();
    await expect.poll(async () => (await outbox(page)).length).toBe(3);
    const box = await outbox(page);
    expect(box.map((r) => r.kind).sort()).toEqual(['CENTRE', 'OBSERVATION', 'OBSERVATION']);
    expect(box.every((r) => r.state === 'waiting')).toBe(true);
    expect(await page.locator('.outbox-count').innerText()).toBe(strings.field.waitingCount(3));
    recorded = box.map((r) => r.clientId);
    // Nothing reached the portal.
    expect((await villages()).find((v) => v.id === target.id)!.centreKnown).toBe(false);
    expect(await observation(target.id, 'households', period)).toBeNull();
    await shot('field-outbox-offline.png');
  });

  it('closing and reopening the page (still offline) keeps the outbox', async () => {
    expect(recorded).toHaveLength(3);
    await page.close();
    page = await browser.context.newPage();
    await openField(page);
    const box = await outbox(page);
    expect(box.map((r) => r.clientId).sort()).toEqual([...recorded].sort());
    expect(box.every((r) => r.state === 'waiting')).toBe(true);
    expect(await page.locator('.offline-banner').count()).toBe(1);
  });

  it('back online, a sync on demand puts the records on the server, with history entries', async () => {
    expect(recorded).toHaveLength(3);
    const before = (await history(target.id)).length;
    await browser.context.setOffline(false);
    // (A page opened while offline may not hear the 'online' event in headless Chromium: the officer syncs.)
    await page.locator('.outbox-sync').click();
    await waitForStates(page, recorded, 'applied');
    const v = (await villages()).find((x) => x.id === target.id)!;
    expect(v.centreKnown).toBe(true);
    expect(v.centroid[0]).toBeCloseTo(gps.longitude, 5);
    expect(v.centroid[1]).toBeCloseTo(gps.latitude, 5);
    expect((await observation(target.id, 'carRoadAccess', period))?.value).toBe(true);
    expect((await observation(target.id, 'households', period))?.value).toBe(152);
    const entries = (await history(target.id)).slice(before);
    expect(entries.map((e) => e.field).sort()).toEqual(['carRoadAccess@2026', 'centre', 'households@2026']);
    expect(entries.every((e) => e.who === 'canbo')).toBe(true);
  });

  it('once a sync reached the portal, the page leaves offline mode: no banner, the editor signed in, live data', async () => {
    expect(recorded).toHaveLength(3);
    await page.locator('.offline-banner').waitFor({ state: 'detached' });
    await page.locator('button', { hasText: strings.auth.signOut }).waitFor();
    expect(await page.locator('button', { hasText: strings.auth.signIn }).count()).toBe(0);
    expect(await page.locator('.field-mode').innerText()).not.toContain(strings.field.rememberedUser('canbo'));
  });

  it('a record sent twice is applied once', async () => {
    expect(recorded).toHaveLength(3);
    const before = await history(target.id);
    // The same record again, straight from the device's outbox, as a sync interrupted after sending would resend it.
    const answer = await page.evaluate(async (clientId) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => { const r = indexedDB.open('atlas-field'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
      const record = await new Promise<{ input: unknown }>((resolve) => { const r = db.transaction('records').objectStore('records').get(clientId); r.onsuccess = () => resolve(r.result); });
      const res = await fetch('/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation ($r: [FieldRecordInput!]!) { syncFieldRecords(records: $r) { clientId status } }', variables: { r: [record.input] } }),
      });
      return res.json();
    }, recorded.find((id) => id)!);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.syncFieldRecords[0].status).toBe('ALREADY_APPLIED');
    expect(await history(target.id)).toEqual(before);
  });

  it('a change made meanwhile on the server is shown as a conflict, not overwritten; keeping mine is the officer\'s choice', async () => {
    const unit = (await villages()).find((v) => v.id !== target.id)!;
    await openField(page);
    await browser.context.setOffline(true);
    await page.selectOption('#field-village', unit.id);
    const values = page.locator(`.field-village[data-village-id="${unit.id}"] .field-values`);
    await values.locator('input[name="period"]').fill(period);
    await values.locator('input[name="value-households"]').fill('200');
    await values.locator('input[name="source-households"]').fill('Họp bản 30/11/2026');
    await values.locator('button[type="submit"]').click();
    await expect.poll(async () => (await outbox(page)).filter((r) => r.state === 'waiting').length).toBe(1);
    const mine = (await outbox(page)).find((r) => r.state === 'waiting')!.clientId;
    // Another session sets the same value on the server while the officer is offline.
    const other = await editor.gql('mutation ($input: ObservationEdit!) { setObservation(input: $input) { version } }', {
      input: { unitId: unit.id, indicator: 'households', period, value: 310, sourceNote: 'Báo cáo của xã', expectedVersion: 0 },
    });
    expect(other.body.errors).toBeUndefined();
    // The page was open when the network went and came back: the 'online' event starts the sync.
    await browser.context.setOffline(false);
    await waitForStates(page, [mine], 'conflict');
    expect((await observation(unit.id, 'households', period))?.value).toBe(310);
    const conflict = page.locator(`.outbox-record[data-client-id="${mine}"] .outbox-conflict`);
    expect(await conflict.locator('.conflict-mine').innerText()).toBe('200');
    expect(await conflict.locator('.conflict-server').innerText()).toContain('310');
    await shot('field-conflict.png');
    await conflict.locator('.keep-mine').click();
    await waitForStates(page, [mine], 'waiting');
    await page.locator('.outbox-sync').click();
    await waitForStates(page, [mine], 'applied');
    expect((await observation(unit.id, 'households', period))?.value).toBe(200);
    const last = (await history(unit.id)).at(-1)!;
    expect(last.field).toBe('households@2026');
    // The history keeps the whole value before and after (value, source, who…): the server's 310 replaced by the officer's 200.
    const valueOf = (x: unknown) => (x as { value: unknown } | null)?.value;
    expect([valueOf(last.oldValue), valueOf(last.newValue)]).toEqual([310, 200]);
  });
});

describe('the outbox retries on its own', () => {
  it('a record kept while the portal refuses syncs is sent by the page itself once the portal answers again, with no action of the officer', async () => {
    // A short first wait for this page (30 s on a device); the growth of the wait is the same.
    await page.evaluate(() => localStorage.setItem('atlas.fieldRetryBaseMs', '300'));
    await browserSignedIn();
    let refused = 0;
    const refuseSync = async (route: import('playwright-core').Route) => {
      if (route.request().method() === 'POST' && (route.request().postData() ?? '').includes('syncFieldRecords')) {
        refused++;
        await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'unavailable' }] }) });
      } else await route.continue();
    };
    // On the context: it sees the page's requests whether or not the service worker handles them.
    await browser.context.route('**/graphql', refuseSync);
    try {
      await openField(page);
      const unit = (await villages())[0];
      await page.selectOption('#field-village', unit.id);
      const values = page.locator(`.field-village[data-village-id="${unit.id}"] .field-values`);
      await values.locator('input[name="period"]').fill('2027');
      await values.locator('input[name="value-households"]').fill('77');
      await values.locator('input[name="source-households"]').fill('Họp bản, thử lại tự động');
      await values.locator('button[type="submit"]').click();
      await expect.poll(async () => (await outbox(page)).filter((r) => r.state === 'waiting').length).toBe(1);
      const id = (await outbox(page)).find((r) => r.state === 'waiting')!.clientId;
      // The page tries on its own while the portal refuses: the record keeps waiting, nothing reaches the server.
      await expect.poll(() => refused, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
      expect((await outbox(page)).find((r) => r.clientId === id)!.state).toBe('waiting');
      expect(await observation(unit.id, 'households', '2027')).toBeNull();
      // The portal answers again: the next try sends it, no button pressed, no 'online' event.
      await browser.context.unroute('**/graphql', refuseSync);
      await waitForStates(page, [id], 'applied');
      expect((await observation(unit.id, 'households', '2027'))?.value).toBe(77);
    } finally {
      await browser.context.unroute('**/graphql', refuseSync).catch(() => undefined);
      await page.evaluate(() => localStorage.removeItem('atlas.fieldRetryBaseMs'));
    }
  }, 180_000);
});

describe('review queue', () => {
  it('a supervisor sees the field records with officer, time and position, accepts one and sends one back with a note', async () => {
    // The synced records of the tests above, or (run alone) two made here by the editor through the API.
    let { body } = await admin.gql('{ fieldSubmissions(status: PENDING) { submissionId officer position { lon } } }');
    if (body.data.fieldSubmissions.length < 2) {
      const v = (await villages())[7];
      const recs = ['a', 'b'].map((k, i) => ({
        clientId: `00000000-0000-4000-8000-00000000000${i + 1}`, kind: 'OBSERVATION', villageId: v.id, recordedAt: new Date().toISOString(),
        position: { lon: v.centroid[0], lat: v.centroid[1], accuracyMeters: 9 }, baseVersion: 0, indicator: k === 'a' ? 'households' : 'population',
        period: '2026', value: 40 + i, sourceNote: 'Sổ theo dõi của bản',
      }));
      const synced = await editor.gql('mutation ($r: [FieldRecordInput!]!) { syncFieldRecords(records: $r) { status } }', { r: recs });
      expect(synced.body.data.syncFieldRecords.map((x: { status: string }) => x.status)).toEqual(['APPLIED', 'APPLIED']);
      ({ body } = await admin.gql('{ fieldSubmissions(status: PENDING) { submissionId officer position { lon } } }'));
    }
    const pending = body.data.fieldSubmissions as Array<{ submissionId: string; officer: string }>;
    expect(pending.length).toBeGreaterThanOrEqual(2);
    const [first, second] = pending;
    await browser.context.clearCookies();
    const [name, value] = admin.cookie!.split('=');
    await browser.context.addCookies([{ name, value, url: server.url, expires: Math.floor(Date.now() / 1000) + 3600 }]);
    await openAtlas(page, server.url, '#v=review');
    const item = (id: string) => page.locator(`.review-item[data-submission-id="${id}"]`);
    await item(first.submissionId).waitFor();
    expect(await page.locator('.review-item').count()).toBe(pending.length);
    const text = await item(first.submissionId).innerText();
    // The indicator and the bản as the page names them elsewhere, not the internal key and code.
    const named = await admin.gql(`{ fieldSubmissions(status: PENDING) { submissionId indicator village { id } } indicators { key nameVi } villages { id name nameKnown provisionalLabel } }`);
    const sub = named.body.data.fieldSubmissions.find((x: { indicator: string | null }) => x.indicator !== null);
    const ind = named.body.data.indicators.find((i: { key: string }) => i.key === sub.indicator);
    expect(ind).toBeTruthy();
    const valueText = await item(sub.submissionId).locator('p').first().innerText();
    expect(valueText).toContain(ind.nameVi);
    expect(valueText).not.toContain(` · ${ind.key}`);
    const v = named.body.data.villages.find((x: { id: string }) => x.id === sub.village.id);
    expect(valueText).toContain(v.nameKnown && v.name ? `Bản ${v.name}` : `${v.provisionalLabel} ${strings.provisionalSuffix}`);
    expect(text).toContain(strings.review.by(first.officer, '').replace(/, ghi lúc $/, ''));
    expect(text).toMatch(/Vị trí khi ghi: vĩ độ/);
    expect(await axeViolations(page)).toEqual([]);
    await item(first.submissionId).locator('button', { hasText: strings.review.accept }).click();
    await item(first.submissionId).waitFor({ state: 'detached' });
    await item(second.submissionId).locator('input').fill('Thiếu chữ ký trưởng bản');
    await item(second.submissionId).locator('button', { hasText: strings.review.sendBack }).click();
    await item(second.submissionId).waitFor({ state: 'detached' });
    const accepted = await admin.gql('{ fieldSubmissions(status: ACCEPTED) { submissionId reviewedBy } }');
    expect(accepted.body.data.fieldSubmissions).toContainEqual({ submissionId: first.submissionId, reviewedBy: 'admin' });
    const returned = await admin.gql('{ fieldSubmissions(status: RETURNED) { submissionId reviewNote } }');
    expect(returned.body.data.fieldSubmissions).toContainEqual({ submissionId: second.submissionId, reviewNote: 'Thiếu chữ ký trưởng bản' });
    await shot('field-review.png');
  });
});
