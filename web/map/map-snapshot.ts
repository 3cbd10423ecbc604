// A copy of the map as drawn, taken inside a frame: in MapLibre's 'render' event, after the frame is drawn and before
// it is shown, so it holds that frame whether or not the canvas keeps it (the commune map keeps none: without
// preserveDrawingBuffer it reads back blank outside a frame; print-copy.ts copies frames for paper the same way).
import type { Map as MapLibreMap } from 'maplibre-gl';

/** Draw one more frame and copy the map's canvas into a 2D canvas of the same size (device pixels). */
export function snapshotMap(map: MapLibreMap): Promise<HTMLCanvasElement> {
  return new Promise((resolve) => {
    map.once('render', () => {
      const src = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = src.width;
      copy.height = src.height;
      copy.getContext('2d')!.drawImage(src, 0, 0);
      resolve(copy);
    });
    map.triggerRepaint();
  });
}
