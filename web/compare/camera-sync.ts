// Linked twin maps: moving either map (pan, zoom, buttons, keys) moves the other to the same view.
import type { Map as MapLibreMap } from 'maplibre-gl';

/** Keep `b`'s camera on `a`'s and back; returns the function that unlinks them. */
export function linkCameras(a: MapLibreMap, b: MapLibreMap): () => void {
  // A jump of the follower fires its own move: it must not echo back to the leader.
  let following = false;
  const follow = (from: MapLibreMap, to: MapLibreMap) => () => {
    if (following) return;
    following = true;
    try {
      to.jumpTo({ center: from.getCenter(), zoom: from.getZoom(), bearing: from.getBearing(), pitch: from.getPitch() });
    } finally {
      following = false;
    }
  };
  const aMoves = follow(a, b);
  const bMoves = follow(b, a);
  a.on('move', aMoves);
  b.on('move', bMoves);
  return () => {
    a.off('move', aMoves);
    b.off('move', bMoves);
  };
}
