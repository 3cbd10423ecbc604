// The commune's map as every view opens it: the base style, the commune in view, no rotation, the page's language
// for MapLibre's own controls. The single map and the compare maps share it, so they look and behave alike.
import { Map as MapLibreMap, type MapOptions } from 'maplibre-gl';
import { baseStyle } from './base-style.ts';
import { mapLocale } from './map-locale.ts';

export function createCommuneMap(container: HTMLElement, extra: Partial<MapOptions> = {}): MapLibreMap {
  const map = new MapLibreMap({
    container,
    style: baseStyle(),
    center: [104.9, 21.3],
    zoom: 9,
    attributionControl: false,
    locale: mapLocale(),
    maplibreLogo: false,
    dragRotate: false,
    pitchWithRotate: false,
    renderWorldCopies: false,
    // No preserveDrawingBuffer (a copy of the canvas at every frame on software GL): the commune map prints a copy of
    // its frames (print-copy.ts), the PNG export copies a frame as it is drawn (map-snapshot.ts).
    ...extra,
  });
  map.touchZoomRotate.disableRotation();
  return map;
}
