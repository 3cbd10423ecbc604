// The commune map, created before React and the panels' modules run: main.tsx imports this module first, so the
// map's WebGL context, style and worker are set up while the rest of the page's JavaScript is evaluated and React
// renders, rather than after React's first commit. Its container waits in the body, full-screen as the map is in the
// page; MapView takes the map and moves the container into its place (the WebGL context moves with it).
// When the boot data is in (the boot-start script's GETs, usually answered before MapLibre's chunk has run), the map
// is made with the first paint in its style (the sources, the fills and solid outlines, coloured, at the opening
// camera), as a bare MapLibre page is: one style load and no layers added after it. React renders the page once that
// first paint is drawn (firstPaintDrawn, app-start.tsx): in traces its render ran between the map's first frames and
// delayed them. MapView then finds the first paint on the map and adds nothing to it.
import type { Map as MapLibreMap } from 'maplibre-gl';
import './worker.ts';
import { startedAtlasData } from '../api/started-atlas-data.ts';
import { parseHash } from '../state/url-state.ts';
import { publishAtlas } from './atlas-global.ts';
import { baseStyle } from './base-style.ts';
import { createCommuneMap } from './create-commune-map.ts';
import { firstPaintColours } from './first-paint-colours.ts';
import { withFirstPaintLayers } from './layers/index.ts';
import { takeMapContainer } from './map-container.ts';
import { openingCamera } from './opening-camera.ts';
import { OTHER_MAPS, removeFirstPicture } from '../first-picture/first-picture.ts';

export interface EarlyMap {
  map: MapLibreMap;
  container: HTMLDivElement;
  /** Whether the map has gone idle (a frame drawn with everything loaded) since it was made. */
  wentIdle: () => boolean;
  /** Settles once the first paint in its style is drawn (its first 'idle'), or fails (an error, its WebGL context lost); at once when it holds none. */
  firstPaint: Promise<void>;
}

/** Create the map, with the first paint in its style when the boot data is in. */
async function createEarly(container: HTMLDivElement): Promise<EarlyMap> {
  const ui = parseHash(location.hash);
  const data = OTHER_MAPS.includes(ui.view) ? null : await startedAtlasData();
  let map: MapLibreMap;
  if (data) {
    const camera = openingCamera(container, data, ui);
    const colours = firstPaintColours(data, ui);
    map = createCommuneMap(container, { style: withFirstPaintLayers(baseStyle(), { data }, ui.level, ui.hidden), center: camera.center, zoom: camera.zoom });
    // The style's sources exist from its load (before any frame): set there, the colours come with the first tiles.
    map.once('style.load', () => {
      for (const [id, state] of colours.states) map.setFeatureState({ source: colours.source, id }, state);
    });
  } else map = createCommuneMap(container);
  let idle = false;
  map.once('idle', () => {
    idle = true;
    if (!data) return;
    // The first choropleth is drawn (MapView adds the rest once it has the page's data): it replaces the picture.
    publishAtlas({ map, firstPaint: true });
    removeFirstPicture();
  });
  const firstPaint = data ? new Promise<void>((resolve) => {
    for (const event of ['idle', 'error', 'webglcontextlost'] as const) map.once(event, () => resolve());
  }) : Promise.resolve();
  return { map, container, wentIdle: () => idle, firstPaint };
}

// Without WebGL the map cannot be made here: MapView then makes its own and shows what failed.
let early: Promise<EarlyMap | null> | null = createEarly(takeMapContainer()).catch((e: unknown) => {
  console.warn('map not created early', e);
  // No map to take its place (MapView shows what failed): the picture would read as a map that never comes.
  removeFirstPicture();
  return null;
});

/**
 * Resolves once the map made early has drawn its first paint (its first 'idle'), or at once when it was not made or
 * holds no first paint: the page's React render waits for it, so the two do not share the main thread while
 * MapLibre draws the first frames. A map that fails (an error, its WebGL context lost) does not hold the page back.
 */
export function firstPaintDrawn(): Promise<void> {
  return (early ?? Promise.resolve(null)).then((e) => e?.firstPaint);
}

/** The map created early, once (a second MapView, or the same after a remount, makes its own). */
export function takeEarlyMap(): Promise<EarlyMap | null> {
  const taken = early ?? Promise.resolve(null);
  early = null;
  return taken;
}
