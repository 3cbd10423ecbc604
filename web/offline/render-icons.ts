// Renders the app icons (web/public/icons/icon-192.png, icon-512.png) from icon.svg with Debian's Chromium.
// Run once after changing the drawing: `npx tsx web/offline/render-icons.ts`; the PNGs are committed.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const dir = new URL('../public/icons/', import.meta.url).pathname;
const svg = readFileSync(`${dir}icon.svg`, 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  await page.screenshot({ path: `${dir}icon-${size}.png`, omitBackground: true });
  await page.close();
}
await browser.close();
