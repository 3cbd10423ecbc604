// The first map of a commune that records years of values, in real headless Chromium against the real portal:
// 6,000 household counts over many periods, imported through the real import mutation, are more than one
// anonymous answer may carry (the 2 MB cap), yet the page still boots from exactly the two GETs by persisted id,
// each answered 200 under the cap, and the map shows each bản's newest count.
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openAtlas, styledAs, type AtlasBrowser } from './helpers/browser.ts';
import { createUserWithCli, signedIn } from './helpers/session.ts';
import { gql, startServer, type RunningServer } from './helpers/start-server.ts';

const EDITOR = { name: 'nhieusolieu', password: 'mat-khau-nhieu-so-lieu-2026' };
/** The seeds give no bản a household count: every one the map colours below was imported here. */
const INDICATOR = 'households';
const ROWS = 6000;
/** The import takes at most 5,000 rows a file: two files of 3,000. */
const FILES = 2;
/** The anonymous answer cap's default (server/config.ts), in characters of JSON. */
const CAP = 2 * 1024 * 1024;
const IMPORT = 'mutation ($i: ObservationImportInput!) { importObservations(input: $i) { applied rowsValid problems { message } } }';
/** Every field the page reads of an observation (web/api/observations.ts), asked of all of them at once. */
const ALL_OBSERVATIONS = `{ allObservations { indicator period value comparator denominator status formula note enteredBy enteredAt version unitId level unitLabel
  source { doc title titleEn section ref quotes label labelEn } } }`;

let server: RunningServer;
let browser: AtlasBrowser;
let villageIds: string[];
/** The household count imported for each bản's newest period. */
const newest = new Map<string, number>();
const newestPeriod = String(2026);
let rowsApplied = 0;
const seen: Request[] = [];

beforeAll(async () => {
  server = await startServer();
  // Before any request: the CLI blocks this process for seconds (a kept-alive connection could be closed meanwhile).
  createUserWithCli(server.dataDir, EDITOR.name, EDITOR.password, 'editor');
  villageIds = (await gql(server, '{ villages { id } }')).body.data.villages.map((v: { id: string }) => v.id);
  // Enough periods of household counts for every bản to make 6,000 rows, from 2026 back (the oldest period partly).
  const periods = Math.ceil(ROWS / villageIds.length);
  const rows: string[] = [];
  for (let p = 0; p < periods; p++) {
    const period = String(2026 - p);
    for (const [i, unitId] of villageIds.entries()) {
      if (rows.length === ROWS) break;
      const value = 40 + 10 * i + (p % 7);
      rows.push(`${unitId},${INDICATOR},${period},${value}`);
      if (period === newestPeriod) newest.set(unitId, value);
    }
  }
  const editor = await signedIn(server, EDITOR.name, EDITOR.password);
  const perFile = ROWS / FILES;
  for (let f = 0; f < FILES; f++) {
    const csv = ['unit,indicator,period,value', ...rows.slice(f * perFile, (f + 1) * perFile)].join('\n');
    const { body } = await editor.gql(IMPORT, { i: { fileBase64: Buffer.from(csv).toString('base64'), format: 'CSV', dryRun: false, sourceNote: 'Rà soát hộ của bản qua các năm' } });
    expect(body.errors, `file ${f + 1}`).toBeUndefined();
    expect(body.data!.importObservations.problems).toEqual([]);
    rowsApplied += body.data!.importObservations.applied ? body.data!.importObservations.rowsValid : 0;
  }
  expect((await editor.gql('mutation { signOut }')).body.errors).toBeUndefined();

  browser = await launchBrowser();
  browser.page.on('request', (r) => seen.push(r));
  await openAtlas(browser.page, server.url, `#v=layers&i=${INDICATOR}&l=village`);
  await browser.page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => undefined);
}, 420_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('6,000 imported observations over many periods', () => {
  it('are all stored, and a signed-out visitor asking for every observation at once meets the answer cap', async () => {
    expect(rowsApplied).toBe(ROWS);
    const { status, body } = await gql(server, ALL_OBSERVATIONS);
    expect(status).toBe(413);
    expect(body.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
  });

  it('the page boots from exactly two GETs by persisted id, each answered 200 under the cap', async () => {
    const requests = seen.filter((r) => new URL(r.url()).pathname === '/graphql');
    expect(requests.map((r) => r.method())).toEqual(['GET', 'GET']);
    expect(requests.map((r) => new URL(r.url()).searchParams.get('operationName')).sort()).toEqual(['AtlasBoot', 'AtlasBootValues']);
    for (const r of requests) {
      const response = await r.response();
      expect(response?.status()).toBe(200);
      expect((await response!.text()).length).toBeLessThan(CAP);
    }
  });

  it('the values query carries each bản\'s newest household count, not its earlier periods', async () => {
    const values = seen.find((r) => new URL(r.url()).searchParams.get('operationName') === 'AtlasBootValues')!;
    const body = (await (await values.response())!.json()) as { data: { latest: Array<{ unitId: string; level: string; indicator: string; period: string; value: number }> } };
    const households = body.data.latest.filter((o) => o.indicator === INDICATOR && o.level === 'village');
    expect(households.map((o) => o.unitId).sort()).toEqual([...villageIds].sort());
    for (const o of households) {
      expect(o.period, o.unitId).toBe(newestPeriod);
      expect(o.value, o.unitId).toBe(newest.get(o.unitId));
    }
  });

  it('the map colours every bản by its newest household count', async () => {
    const { page } = browser;
    await styledAs(page, `${INDICATOR}|village`);
    const states = await page.evaluate((ids) => Object.fromEntries(ids.map((id) => [id, window.__atlas!.map.getFeatureState({ source: 'villages', id })])), villageIds);
    expect(newest.size).toBe(villageIds.length);
    for (const id of villageIds) expect(states[id]?.state, id).toBe('value');
    // The classes follow the newest counts: the bản with the most households is in the top class, the fewest in the first.
    const most = villageIds.reduce((a, b) => (newest.get(a)! > newest.get(b)! ? a : b));
    const fewest = villageIds.reduce((a, b) => (newest.get(a)! < newest.get(b)! ? a : b));
    expect(states[most].cls).toBeGreaterThan(states[fewest].cls as number);
  });
});

describe('an edit on a commune with years of values', () => {
  it('after an editor saves a value, the page reads its values again from the boot values GET, not every observation page by page', async () => {
    const { page } = browser;
    const unitId = villageIds[0];
    await openAtlas(page, server.url, `#v=scorecard&s=${unitId}`);
    await page.click('.auth button.link');
    await page.fill('#auth-user', EDITOR.name);
    await page.fill('#auth-pass', EDITOR.password);
    await page.click('.auth-form button[type="submit"]');
    await page.waitForSelector('.edit-panel');
    const from = seen.length;
    await page.selectOption('#edit-indicator', INDICATOR);
    await page.fill('#edit-value', '999');
    await page.fill('#edit-period', newestPeriod);
    await page.fill('#edit-source', 'Rà soát lại số hộ');
    await page.click('.save-value');
    await page.waitForSelector('.edit-panel .saved');
    // The saved count is on the page: its values were read again.
    const row = page.locator(`.profile-values tr[data-indicator="${INDICATOR}"]`);
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain('999');
    const after = seen.slice(from).filter((r) => new URL(r.url()).pathname === '/graphql');
    const bootValues = after.filter((r) => r.method() === 'GET' && new URL(r.url()).searchParams.get('operationName') === 'AtlasBootValues');
    expect(bootValues).toHaveLength(1);
    // Pages of every observation (AtlasObservations with no bản named) would be 60 requests here.
    const everyObservation = after.filter((r) => r.method() === 'POST' && /AtlasObservations/.test(r.postData() ?? '') && !r.postDataJSON().variables?.unitId);
    expect(everyObservation).toEqual([]);
  });
});
