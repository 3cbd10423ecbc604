// When layers and sources may be added to a map. Not isStyleLoaded(): it is false while any source's tiles load,
// and 'load' fires only once, so "isStyleLoaded() or else 'load'" waits forever when it is asked after that 'load'
// while tiles load (the Country tab's tiles, say, when the commune's data arrives).
import type { Map as MapLibreMap } from 'maplibre-gl';

/** Whether layers and sources may be added now. */
export const styleLoaded = (map: MapLibreMap): boolean => Boolean(map.style?._loaded);

/** Run `fn` once the map's style is loaded (at once if it is); returns a function that cancels the wait. */
export function whenStyleLoaded(map: MapLibreMap, fn: () => void): () => void {
  if (styleLoaded(map)) {
    fn();
    return () => {};
  }
  // The style fires its 'data' (the map's 'styledata') when it has loaded.
  const onStyle = () => {
    if (!styleLoaded(map)) return;
    map.off('styledata', onStyle);
    fn();
  };
  map.on('styledata', onStyle);
  return () => map.off('styledata', onStyle);
}
