// A first picture of the choropleth, drawn without MapLibre as soon as the boot data is in: on a slow network the
// map's own code (MapLibre's chunk and worker, ~360 kB) comes seconds after the 40 kB of data. It draws the first
// paint's layers (layer-list.ts: the fills and solid outlines) from their own specs, the colours from
// firstPaintColours (the map made early is given the same), at the camera the map opens at (opening-camera.ts), as
// SVG in the map's container. MapView moves it to the map's own camera when it sets it; it is removed once the map's
// first paint is drawn (the same picture, so no jump). No picture on the
// tabs that show another map (Country, Compare). Nothing here imports MapLibre, React or the page's strings.
import type { Geometry, Position } from 'geojson';
import type { AtlasData } from '../api/atlas-data.ts';
import { startedAtlasData } from '../api/started-atlas-data.ts';
import { baseStyle } from '../map/base-style.ts';
import { firstPaintColours } from '../map/first-paint-colours.ts';
import { LAYERS, layerVisible } from '../map/layers/layer-list.ts';
import { sourceSpecs } from '../map/layers/sources.ts';
import { mapContainer } from '../map/map-container.ts';
import { openingCamera } from '../map/opening-camera.ts';
import type { UiState, View } from '../state/ui-state.ts';
import { parseHash } from '../state/url-state.ts';
import { projector, type PictureCamera } from './mercator-camera.ts';
import { paintValue } from './paint-value.ts';

/** When the picture was drawn and removed (performance.now()), for the page tests and `npm run bench`. */
export interface FirstPictureHook { drawnAt?: number; removedAt?: number }

declare global {
  interface Window { __atlasFirstPicture?: FirstPictureHook }
}

const SVG = 'http://www.w3.org/2000/svg';
/** Tabs whose map is not the commune's choropleth at first paint. */
export const OTHER_MAPS: readonly View[] = ['national', 'compare'];

let svg: SVGSVGElement | null = null;
let drawn: { data: AtlasData; ui: UiState } | null = null;
let gone = false;

function pathOf(geometry: Geometry, at: (p: Position) => [number, number]): string {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.type === 'MultiLineString' ? geometry.coordinates : [];
  const ring = (r: Position[], close: boolean) => r.map((p, i) => `${i ? 'L' : 'M'}${at(p).map((x) => x.toFixed(1)).join(' ')}`).join('') + (close ? 'Z' : '');
  return [...polygons.flatMap((rings) => rings.map((r) => ring(r, true))), ...lines.map((l) => ring(l, false))].join('');
}

/** The SVG of the first paint's layers at `camera`, in a `width`×`height` container. */
function render(target: SVGSVGElement, data: AtlasData, ui: UiState, camera: PictureCamera, width: number, height: number): void {
  const { source: coloured, states } = firstPaintColours(data, ui);
  const sources = sourceSpecs(data);
  const at = projector(camera, width, height);
  const parts: string[] = [];
  const background = baseStyle().layers[0];
  const bg = background.type === 'background' ? background.paint?.['background-color'] : undefined;
  parts.push(`<rect width="100%" height="100%" fill="${String(paintValue(bg, { properties: {}, state: {} }))}"/>`);
  for (const spec of LAYERS) {
    if (!layerVisible(spec, ui.level, ui.hidden)) continue;
    for (const layer of spec.layers) {
      if (!spec.firstPaint?.includes(layer.id) || (layer.type !== 'fill' && layer.type !== 'line')) continue;
      const source = sources[layer.source as string];
      const geojson = source?.data;
      if (!geojson || typeof geojson === 'string') continue;
      const features = geojson.type === 'FeatureCollection' ? geojson.features : geojson.type === 'Feature' ? [geojson] : [];
      for (const f of features) {
        const properties = (f.properties ?? {}) as Record<string, unknown>;
        const id = String(source.promoteId ? properties[source.promoteId as string] : f.id);
        const input = { properties, state: (layer.source === coloured ? states.get(id) : undefined) ?? {} };
        if (layer.filter !== undefined && paintValue(layer.filter, input) !== true) continue;
        const d = pathOf(f.geometry, at);
        if (layer.type === 'fill') {
          const color = paintValue(layer.paint?.['fill-color'] ?? '#000000', input);
          const opacity = paintValue(layer.paint?.['fill-opacity'] ?? 1, input);
          parts.push(`<path data-layer="${layer.id}" data-id="${id}" d="${d}" fill="${String(color)}" fill-opacity="${Number(opacity)}" fill-rule="evenodd"/>`);
        } else {
          const color = paintValue(layer.paint?.['line-color'] ?? '#000000', input);
          const width = paintValue(layer.paint?.['line-width'] ?? 1, input);
          const opacity = paintValue(layer.paint?.['line-opacity'] ?? 1, input);
          const join = layer.layout?.['line-join'] === 'round' ? 'round' : 'miter';
          parts.push(`<path data-layer="${layer.id}" data-id="${id}" d="${d}" fill="none" stroke="${String(color)}" stroke-width="${Number(width)}" stroke-opacity="${Number(opacity)}" stroke-linejoin="${join}"/>`);
        }
      }
    }
  }
  target.setAttribute('viewBox', `0 0 ${width} ${height}`);
  target.innerHTML = parts.join('');
}

function draw(camera?: PictureCamera): void {
  if (!svg || !drawn) return;
  const container = svg.parentElement;
  if (!container) return;
  const box = container.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return;
  render(svg, drawn.data, drawn.ui, camera ?? openingCamera(container, drawn.data, drawn.ui), box.width, box.height);
}

async function start(): Promise<void> {
  const ui = parseHash(location.hash);
  if (OTHER_MAPS.includes(ui.view)) return;
  const container = mapContainer();
  const data = await startedAtlasData();
  if (!data || gone) return;
  const picture = document.createElementNS(SVG, 'svg');
  picture.setAttribute('class', 'first-picture');
  picture.setAttribute('aria-hidden', 'true');
  picture.setAttribute('focusable', 'false');
  svg = picture;
  drawn = { data, ui: parseHash(location.hash) };
  if (OTHER_MAPS.includes(drawn.ui.view)) return removeFirstPicture();
  container.append(picture);
  draw();
  window.addEventListener('resize', onResize);
  window.addEventListener('hashchange', onHashChange);
  requestAnimationFrame(() => setTimeout(() => {
    if (!gone) window.__atlasFirstPicture = { ...window.__atlasFirstPicture, drawnAt: performance.now() };
  }));
}

const onResize = () => draw();
/** Whether the map has taken the camera (followMapCamera): from then on the map, not the hash, says where it looks. */
let followed = false;
// The URL asks for another indicator, level or camera (typed, Back/Forward, a link) before the map has drawn: the
// picture is drawn again for it, so it never shows what the map will not. Once the map has taken the camera, or when
// another tab's map is asked for, it is removed instead (the map draws what was asked for in a moment).
const onHashChange = () => {
  const ui = parseHash(location.hash);
  if (OTHER_MAPS.includes(ui.view) || followed || !drawn) return removeFirstPicture();
  drawn = { ...drawn, ui };
  draw();
};

/** Draw the picture at the camera the map has just been set to (MapView, before its first paint). */
export function followMapCamera(camera: PictureCamera): void {
  window.removeEventListener('resize', onResize);
  followed = true;
  draw(camera);
}

/** Remove the picture: the map's first paint is drawn (it shows the same), or no map will come. */
export function removeFirstPicture(): void {
  if (gone) return;
  gone = true;
  window.removeEventListener('resize', onResize);
  window.removeEventListener('hashchange', onHashChange);
  if (svg?.isConnected) window.__atlasFirstPicture = { ...window.__atlasFirstPicture, removedAt: performance.now() };
  svg?.remove();
  svg = null;
  drawn = null;
}

void start().catch((e: unknown) => {
  console.warn('first picture not drawn', e);
  removeFirstPicture();
});
