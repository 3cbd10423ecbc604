// The test hook: window.__atlas says when the bản layer has been drawn and what it holds.
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface AtlasHook {
  map: MapLibreMap;
  /** True once the map went idle after the bản layer was added and coloured. */
  ready: boolean;
  /** Distinct bản features held by the map's bản source. */
  villageCount: number;
  /** Number of bản per state (achieved, notAchieved, unknown). */
  states: Record<string, number>;
}

declare global {
  interface Window {
    __atlas?: AtlasHook;
  }
}

/** Publish (or update) the hook. */
export function publishAtlas(hook: AtlasHook): void {
  window.__atlas = hook;
}
