// The test hook: window.__atlas says when the map has been drawn, with which styling, and what it holds.
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface AtlasHook {
  map: MapLibreMap;
  /** True once the map went idle after the layers were added and coloured. */
  ready: boolean;
  /**
   * True from the map's first 'idle' with the choropleth coloured, drawn by the first paint's layers only (fills and
   * solid outlines; see map/layers/index.ts), before the others, the labels and places are added; `ready` follows.
   */
  firstPaint?: boolean;
  /** Distinct bản features held by the map's bản source. */
  villageCount: number;
  /** Number of features per state at the level shown (achieved, notAchieved, estimated, unknown, value). */
  states: Record<string, number>;
  /** The styling the map has drawn (indicator|level|method|classes|palette), set after the map went idle. */
  renderedKey: string;
  /** The print layout the page is in (set once the map was refitted to it and drawn), null on screen. */
  printLayout?: 'portrait' | 'landscape' | null;
  /** While a bản centre is dragged: the preview cells drawn (nothing of it is saved). */
  centrePreview?: { villageId: string; workerReady: boolean; centre: [number, number] | null; cells: FeatureCollection } | null;
}

declare global {
  interface Window {
    __atlas?: AtlasHook;
  }
}

/** Publish (or update) the hook. */
export function publishAtlas(hook: Partial<AtlasHook> & { map: MapLibreMap }): void {
  window.__atlas = { ready: false, villageCount: 0, states: {}, renderedKey: '', ...window.__atlas, ...hook };
}
