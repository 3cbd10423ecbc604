// The feature-states the first paint is coloured by, worked out from the boot data and the URL's state before React
// and the page's model exist: the first picture draws them, and the map made before React is given them. The colours
// are choroplethFills', which the page's model takes its own from, so the page finds them already set.
import type { AtlasData } from '../api/atlas-data.ts';
import { choroplethFills } from '../model/choropleth-fills.ts';
import { ObservationIndex } from '../model/observation-index.ts';
import { DEFAULT_STATE, type UiState } from '../state/ui-state.ts';
import { choroplethSource, fillState } from './layers/fill-state.ts';

export interface FirstPaintColours {
  /** The source of the level coloured. */
  source: string;
  /** Feature-state by unit id. */
  states: Map<string, Record<string, unknown>>;
}

/** The first paint's colours for the indicator, level and classes of `ui`. */
export function firstPaintColours(data: AtlasData, ui: UiState): FirstPaintColours {
  const indicator = data.indicators.find((i) => i.key === ui.indicator) ?? data.indicators.find((i) => i.key === DEFAULT_STATE.indicator);
  const fills = indicator
    ? choroplethFills(data, new ObservationIndex(data.observations), { indicator, level: ui.level, method: ui.method, classes: ui.classes, palette: ui.palette }).fills
    : [];
  return { source: choroplethSource(ui.level), states: new Map(fills.map((f) => [f.id, fillState(f)])) };
}
