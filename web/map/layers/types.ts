// A map layer is one declarative object: the MapLibre layers it adds, whether the layer list
// may switch it off, and (for the choropleth fills) the level it belongs to.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AtlasData } from '../../api/atlas-data.ts';
import type { Level } from '../../state/ui-state.ts';

export interface LayerContext {
  data: AtlasData;
}

export interface LayerSpec {
  /** Stable id; specs sharing a `group` are switched together in the layer list. */
  id: string;
  /** Layer-list entry (and URL key when switched off); null: always shown. */
  group: string | null;
  /** The MapLibre layer ids the spec adds, bottom to top. */
  layerIds: readonly string[];
  /** Shown only at this level (the choropleth fills). */
  level?: Level;
  /** Add the layers (their sources exist already: see sources.ts). */
  add: (map: MapLibreMap, ctx: LayerContext) => void;
}

/** Paint helpers shared by the fills: the feature-state fields the choropleth sets. */
export const FS = {
  state: ['coalesce', ['feature-state', 'state'], 'unknown'],
  color: ['to-color', ['coalesce', ['feature-state', 'color'], '#f2f2f0']],
  estimated: ['boolean', ['feature-state', 'estimated'], false],
  hover: ['boolean', ['feature-state', 'hover'], false],
  selected: ['boolean', ['feature-state', 'selected'], false],
} as const;
