// The commune map on paper. A WebGL canvas prints the frame it keeps, and the commune map keeps none: without
// preserveDrawingBuffer, which on a software renderer costs a copy of the whole canvas at every frame, the first
// paint's included. So while the page is laid out for paper (print-layout.ts), each frame the map draws is copied,
// inside MapLibre's 'render' event (as map-snapshot.ts does), into a 2D canvas over the map's (styles.css), made for
// that layout and removed after it. Labels and controls stay above it.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { printLayout } from './print-layout.ts';

/** Keep a copy of the map's frames while the page is laid out for paper; returns what stops it. */
export function keepPrintCopy(map: MapLibreMap): () => void {
  let copy: HTMLCanvasElement | null = null;
  const onRender = () => {
    if (!printLayout()) {
      copy?.remove();
      copy = null;
      return;
    }
    const src = map.getCanvas();
    if (!copy) {
      copy = document.createElement('canvas');
      copy.className = 'map-print-copy';
      copy.setAttribute('aria-hidden', 'true');
      src.after(copy);
    }
    if (copy.width !== src.width) copy.width = src.width;
    if (copy.height !== src.height) copy.height = src.height;
    copy.style.width = src.style.width;
    copy.style.height = src.style.height;
    copy.getContext('2d')!.drawImage(src, 0, 0);
  };
  map.on('render', onRender);
  return () => {
    map.off('render', onRender);
    copy?.remove();
  };
}
