/// <reference types="vite/client" />
// MapLibre finds its worker next to its own module; once bundled it is not there, so point it at
// the copy Vite emits into the build (same origin, no CDN).
import { prewarm, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { withStartedWorker } from './worker-start.ts';

const url = new URL(workerUrl, document.baseURI).href;
setWorkerUrl(url);
// Start the worker now (or take the one the boot-start script started at the top of the HTML, worker-start.ts): its
// module downloads and compiles while React renders and the boot data arrives, instead of after the map is created.
withStartedWorker(url, prewarm);
