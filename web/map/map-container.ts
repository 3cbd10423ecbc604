// The commune map's container, made once before the map: the first picture is drawn in it while MapLibre loads,
// and the early map (early-map.ts) is created in it. Full-screen in the body until MapView moves it into its place.
let made: HTMLDivElement | null = null;

/** The container, made on first call. */
export function mapContainer(): HTMLDivElement {
  if (!made) {
    made = document.createElement('div');
    made.className = 'map';
    document.body.append(made);
  }
  return made;
}

/** The container for the map created early, once (a map made later makes its own). */
export function takeMapContainer(): HTMLDivElement {
  const taken = mapContainer();
  made = null;
  return taken;
}
