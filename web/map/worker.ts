/// <reference types="vite/client" />
// MapLibre finds its worker next to its own module; once bundled it is not there, so point it at
// the copy Vite emits into the build (same origin, no CDN).
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(new URL(workerUrl, document.baseURI).href);
