// The service worker the build writes (dist/web/sw.js, built by the sqlite project's global setup): its
// precache list holds what the page needs offline and leaves out the analyst console's editor.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const WEB = new URL('../dist/web/', import.meta.url).pathname;

/** The precache entries written into sw.js. */
function precached(): Array<{ url: string; revision: string | null }> {
  const sw = readFileSync(`${WEB}sw.js`, 'utf8');
  const list = sw.match(/\[\{url:"[^\]]*\]/)?.[0];
  if (!list) throw new Error('no precache list in sw.js');
  return JSON.parse(list.replace(/(\{|,)(url|revision):/g, '$1"$2":')) as Array<{ url: string; revision: string | null }>;
}

describe('the built service worker', () => {
  it('precaches the page, its main chunk and CSS, the six fonts, the map worker, field mode, manifest and icons', () => {
    expect(existsSync(`${WEB}sw.js`)).toBe(true);
    const urls = precached().map((e) => e.url);
    const assets = readdirSync(`${WEB}assets`);
    expect(urls).toContain('index.html');
    expect(urls).toContain('manifest.webmanifest');
    expect(urls).toEqual(expect.arrayContaining(['icons/icon-192.png', 'icons/icon-512.png']));
    // Every file index.html names (the boot-start script, the entry that draws the first picture, the CSS) is in the list.
    const named = [...readFileSync(`${WEB}index.html`, 'utf8').matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThanOrEqual(3);
    for (const f of named) expect(urls).toContain(f);
    expect(urls.filter((u) => u.endsWith('.woff2'))).toHaveLength(6);
    // …and the map's and the app's chunks, which the entry loads after the picture (web/main.tsx).
    for (const prefix of ['maplibre-gl-worker-', 'maplibre-', 'react-', 'app-start-', 'FieldMode-', 'VillageProfile-', 'Planner-']) {
      const file = assets.find((a) => a.startsWith(prefix));
      expect(file, prefix).toBeTruthy();
      expect(urls).toContain(`assets/${file}`);
    }
  });

  it('leaves out the analyst console and its editor, and lists no file twice', () => {
    const urls = precached().map((e) => e.url);
    for (const prefix of ['AnalystConsole-', 'monaco-editor-', 'editor.worker-', 'json.worker-', 'graphql.worker-']) {
      expect(readdirSync(`${WEB}assets`).some((a) => a.startsWith(prefix)), prefix).toBe(true);
      expect(urls.filter((u) => u.startsWith(`assets/${prefix}`))).toEqual([]);
    }
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('gives a revision to every file whose name does not carry its content hash', () => {
    for (const e of precached()) {
      if (e.url.startsWith('assets/')) expect(e.revision).toBeNull();
      else expect(e.revision).toMatch(/^[0-9a-f]{16}$/);
    }
  });
});
