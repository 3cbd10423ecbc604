// A map layer is one declarative object: the MapLibre layers it adds, which of them the first paint needs,
// whether the layer list may switch it off, and (for the choropleth fills) the level it belongs to.
import type { LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
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
  /** The MapLibre layers, bottom to top (their sources exist already: see sources.ts). */
  layers: readonly LayerSpecification[];
  /**
   * Of `layers`, those the first paint draws (the choropleth's colours and the solid outlines); the others (patterns,
   * dashes, halos, neighbours, highlights) are added right after the map's first 'idle' (see index.ts).
   */
  firstPaint?: readonly string[];
  /** Shown only at this level (the choropleth fills). */
  level?: Level;
  /** Register the images the layers use (pattern fills), before they are added. */
  images?: (map: MapLibreMap) => void;
}

/** The MapLibre layer ids of a spec, bottom to top. */
export const layerIds = (spec: LayerSpec): string[] => spec.layers.map((l) => l.id);

/** Paint helpers shared by the fills: the feature-state fields the choropleth sets. */
export const FS = {
  state: ['coalesce', ['feature-state', 'state'], 'unknown'],
  color: ['to-color', ['coalesce', ['feature-state', 'color'], '#f2f2f0']],
  estimated: ['boolean', ['feature-state', 'estimated'], false],
  hover: ['boolean', ['feature-state', 'hover'], false],
  selected: ['boolean', ['feature-state', 'selected'], false],
} as const;
