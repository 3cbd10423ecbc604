// The floor for the first choropleth: a bare MapLibre page (no React, no panels) with the same 23 bản
// cells inlined as GeoJSON, one fill layer coloured by a property and one line layer. Served from its own
// loopback server with MapLibre's own files, compressed as the portal's build compresses its files (brotli at
// quality 11, web/build/precompress-plugin.ts), so it pays the same JS as the portal does for the map.
// window.__bareIdleAt is performance.now() at the map's first 'idle'.
import express from 'express';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { documentText } from '../../web/api/graphql.ts';
import { BOOT_QUERY } from '../../web/api/boot.ts';
import { compressed } from '../../web/build/precompress-plugin.ts';
import { acceptedEncodings } from '../../server/http/static-files.ts';

const root = new URL('../..', import.meta.url).pathname;
const COLOURS = ['#d7301f', '#fc8d59', '#fdcc8a', '#fef0d9'];

interface Cell { id: string; geometry: unknown }

/** The page's HTML with the cells and the commune's bounds inlined. */
function html(cells: Cell[], bounds: [number, number, number, number]): string {
  const data = {
    type: 'FeatureCollection',
    features: cells.map((c, i) => ({ type: 'Feature', id: i, properties: { c: i % COLOURS.length }, geometry: c.geometry })),
  };
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/maplibre-gl.css"><style>html,body,#map{margin:0;height:100%}</style></head>
<body><div id="map"></div><script type="module">
import { Map, setWorkerUrl } from '/maplibre-gl.mjs';
setWorkerUrl(new URL('/maplibre-gl-worker.mjs', location.href).href);
const data = ${JSON.stringify(data)};
const map = new Map({ container: 'map', bounds: ${JSON.stringify(bounds)}, fitBoundsOptions: { padding: 20 }, attributionControl: false,
  style: { version: 8, sources: { v: { type: 'geojson', data } }, layers: [
    { id: 'bg', type: 'background', paint: { 'background-color': '#f4f1ea' } },
    { id: 'fill', type: 'fill', source: 'v', paint: { 'fill-color': ['match', ['get', 'c'], ${COLOURS.map((c, i) => `${i}, '${c}'`).join(', ')}, '#ccc'] } },
    { id: 'line', type: 'line', source: 'v', paint: { 'line-color': '#555', 'line-width': 1 } },
  ] } });
map.once('idle', () => { window.__bareIdleAt = performance.now(); });
</script></body></html>`;
}

/** Start the bare page's server, with the cells the portal at portalUrl draws (its boot query). */
export async function startBarePage(portalUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const res = await fetch(new URL('graphql', portalUrl), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: documentText(BOOT_QUERY) }),
  });
  const boot = (await res.json()) as { data: { villages: Cell[]; commune: { geometry: { coordinates: unknown } } } };
  const xs: number[] = [];
  const ys: number[] = [];
  const walk = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') { xs.push((c as number[])[0]); ys.push((c as number[])[1]); } else (c as unknown[]).forEach(walk);
  };
  walk(boot.data.commune.geometry.coordinates);
  const page = html(boot.data.villages, [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
  const dist = `${root}node_modules/maplibre-gl/dist/`;
  const app = express();
  const files: Array<[string, string, Buffer]> = [
    ['/', 'html', Buffer.from(page)],
    ...['maplibre-gl.mjs', 'maplibre-gl-worker.mjs', 'maplibre-gl.css'].map((f): [string, string, Buffer] => [`/${f}`, f.endsWith('.css') ? 'css' : 'js', readFileSync(`${dist}${f}`)]),
  ];
  for (const [path, type, plain] of files) {
    const { br, gz } = await compressed(plain, `${root}node_modules/.cache/precompress`);
    app.get(path, (req, r) => {
      const accepts = acceptedEncodings(req.headers['accept-encoding']);
      const [encoding, body] = accepts('br') ? ['br', br] : accepts('gzip') ? ['gzip', gz] : [null, plain];
      r.type(type).vary('Accept-Encoding');
      if (encoding) r.setHeader('Content-Encoding', encoding);
      r.send(body);
    });
  }
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    stop: () => new Promise((resolve) => { server.close(() => resolve()); }),
  };
}
