/// <reference types="vite/client" />
// MapLibre finds its worker next to its own module; once bundled it is not there, so point it at
// the copy Vite emits into the build (same origin, no CDN).
import { prewarm, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(new URL(workerUrl, document.baseURI).href);
// Start the worker now: its module (the largest file after MapLibre's own) downloads and compiles while
// React renders and the boot data arrives, instead of after the map is created.
prewarm();
