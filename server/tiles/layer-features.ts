// A layer's features are the same for every tile and for every viewer of one visibility class until the data
// changes: computed once per snapshot (a data version) and class, then each tile only cuts them.
import { visibilityClass } from '../access/observation-visibility.ts';
import type { Viewer } from '../schema/context.ts';
import type { AtlasSnapshot, TileFeature } from '../store/atlas-store.ts';
import type { TileLayer } from './tile-layer.ts';

const computed = new WeakMap<AtlasSnapshot, Map<string, TileFeature[]>>();

/** The layer's features as this viewer may see them, from the snapshot's cache. */
export function layerFeatures(layer: TileLayer, store: AtlasSnapshot, viewer: Viewer): TileFeature[] {
  let bySnapshot = computed.get(store);
  if (!bySnapshot) { bySnapshot = new Map(); computed.set(store, bySnapshot); }
  const key = `${layer.name}|${visibilityClass(viewer)}`;
  let features = bySnapshot.get(key);
  if (!features) { features = layer.features(store, viewer); bySnapshot.set(key, features); }
  return features;
}
