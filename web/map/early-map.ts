// The commune map, created before React and the panels' modules run: main.tsx imports this module first, so the
// map's WebGL context, style and worker are set up while the rest of the page's JavaScript is evaluated and React
// renders, rather than after React's first commit. Its container waits in the body, full-screen as the map is in the
// page; MapView takes the map and moves the container into its place (the WebGL context moves with it).
import type { Map as MapLibreMap } from 'maplibre-gl';
import './worker.ts';
import { createCommuneMap } from './create-commune-map.ts';
import { takeMapContainer } from './map-container.ts';
import { removeFirstPicture } from '../first-picture/first-picture.ts';

export interface EarlyMap { map: MapLibreMap; container: HTMLDivElement }

let early: EarlyMap | null = null;

/** Create the map at once, for MapView to take. */
function createEarly(): EarlyMap {
  const container = takeMapContainer();
  return { map: createCommuneMap(container), container };
}

// Without WebGL the map cannot be made here: MapView then makes its own and shows what failed.
try {
  early = createEarly();
} catch (e) {
  console.warn('map not created early', e);
  // No map to take its place (MapView shows what failed): the picture would read as a map that never comes.
  removeFirstPicture();
}

/** The map created early, once (a second MapView, or the same after a remount, makes its own). */
export function takeEarlyMap(): EarlyMap | null {
  const taken = early;
  early = null;
  return taken;
}
