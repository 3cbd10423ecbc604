// A drug status pending publication, in real headless Chromium against the real portal: an admin publishes Bản Nguồn's
// value, an editor then imports another one. Signed in as the editor, the bản's profile says "Chờ công bố" with the
// value the public sees beside it, and the map outlines the cell as not public; an anonymous visitor sees the published
// value and nothing of the kind.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as strings } from '../web/i18n/vi.ts';
import { launchBrowser, mapIdle, openAtlas, styledAs, type AtlasBrowser } from './helpers/browser.ts';
import { importNguonStatus, NGUON as BAN, publishNguonStatus } from './helpers/drug-status-flows.ts';
import type { Client } from './helpers/session.ts';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { team } from './helpers/team.ts';

const HASH = `#v=scorecard&i=drugFree&l=village&s=${BAN}`;
let server: RunningServer;
let browser: AtlasBrowser;
let page: Page;
let editor: Client;

/** The bản's drug-status row in the open profile, and whether the map marks the cell as not public. */
async function shown() {
  await styledAs(page, 'drugFree|village');
  await page.waitForSelector(`.profile[data-village-id="${BAN}"] tr[data-indicator="drugFree"]`, { timeout: 30_000 });
  await mapIdle(page);
  return page.evaluate((id) => {
    const row = document.querySelector(`.profile tr[data-indicator="drugFree"]`)!;
    const mark = row.querySelector('.pv-publication');
    return {
      state: row.querySelector('.pv-state')?.textContent ?? null,
      publication: mark?.getAttribute('data-publication') ?? null,
      text: mark?.textContent ?? null,
      legend: document.querySelector('.legend-not-public') !== null,
      outlined: window.__atlas!.map.getFeatureState({ source: 'villages', id }).notPublic === true,
      // The edit form (editors; drug status is its first indicator) says it of the current value too.
      form: document.querySelector('.profile form .pv-publication')?.getAttribute('data-publication') ?? null,
    };
  }, BAN);
}

beforeAll(async () => {
  server = await startServer();
  const clients = await team(server);
  editor = clients.editor;
  await importNguonStatus(editor, false);
  await publishNguonStatus(clients.admin);
  await importNguonStatus(editor, true); // pending: the public keeps "not achieved" until an admin publishes this one
  browser = await launchBrowser();
  page = browser.page;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a value pending publication on the page', () => {
  it('an anonymous visitor sees the published value, with no publication mark and no outline', async () => {
    await openAtlas(page, server.url, HASH);
    expect(await shown()).toEqual({ state: strings.scorecard.cell.notAchieved, publication: null, text: null, legend: false, outlined: false, form: null });
  });

  it('signed in as editor: the profile says "Chờ công bố" with the public value beside it, and the map outlines the cell', async () => {
    const [name, value] = editor.cookie!.split('=');
    await browser.context.addCookies([{ name, value, url: server.url, expires: Math.floor(Date.now() / 1000) + 3600 }]);
    await openAtlas(page, server.url, HASH);
    expect(await shown()).toEqual({
      state: strings.scorecard.cell.achieved, publication: 'PENDING',
      text: `${strings.publication.pending} · ${strings.publication.publicValue(strings.profile.no)}`, legend: true, outlined: true, form: 'PENDING',
    });
    expect(browser.consoleErrors).toEqual([]);
  });

  it('signed in as editor: the table twin of the map says it beside the value, and the compare view\'s legend counts the outlined bản', async () => {
    // The editor's cookie is still in the context (previous test).
    const row = await page.evaluate((id) => {
      const mark = document.querySelector(`#table-twin tr[data-village-id="${id}"] .pv-publication`);
      return mark?.getAttribute('data-publication') ?? null;
    }, BAN);
    expect(row).toBe('PENDING');
    await openAtlas(page, server.url, '#v=compare&i=drugFree&l=village&i2=povertyRate');
    await page.waitForSelector('.twin-legend[data-side="left"][data-indicator="drugFree"]', { state: 'attached', timeout: 30_000 });
    const counts = await page.evaluate(() => ({
      left: Number(document.querySelector('.twin-legend[data-side="left"] .legend-not-public')?.getAttribute('data-count') ?? 0),
      right: document.querySelector('.twin-legend[data-side="right"] .legend-not-public') !== null,
    }));
    expect(counts.left).toBeGreaterThanOrEqual(1);
    expect(counts.right).toBe(false);
    expect(browser.consoleErrors).toEqual([]);
  });
});
