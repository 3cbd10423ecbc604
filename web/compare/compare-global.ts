// The compare view's test hook: window.__compare holds both maps and what each has drawn.
import type { Map as MapLibreMap } from 'maplibre-gl';

export type Side = 'left' | 'right';

export interface TwinHook {
  map: MapLibreMap;
  /** The styling drawn once the map went idle (the model's key), '' before. */
  renderedKey: string;
  /** Features per state at the level shown, as set with setFeatureState. */
  states: Record<string, number>;
}

declare global {
  interface Window {
    __compare?: Partial<Record<Side, TwinHook>>;
  }
}

/** Publish (or clear, with null) one side's hook. */
export function publishTwin(side: Side, hook: TwinHook | null): void {
  const all = { ...window.__compare };
  if (hook) all[side] = hook;
  else delete all[side];
  window.__compare = all;
}
