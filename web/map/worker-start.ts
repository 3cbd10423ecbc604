// MapLibre's worker, started by the boot-start script at the top of the HTML rather than when MapLibre's chunk has been
// evaluated: its module (520 kB, the largest file after MapLibre's own) downloads and compiles while the page's
// JavaScript downloads and runs. A <link rel="modulepreload"> cannot do this: it fills the page's module map, not a
// worker's, so the worker would fetch its module again. MapLibre makes its workers itself (`new Worker(url)` in its
// pool); the first one it makes for this URL is handed the worker already started (worker.ts).

/** Where the boot-start script leaves the worker it started, with its URL made absolute. */
interface StartedWorker { url: string; worker: Worker }
const started = () => window as unknown as { __atlasWorker?: StartedWorker };

/** The text of the classic script's statement that starts a module worker from `url` (relative to the page). */
export function workerStartScript(url: string): string {
  return `window.__atlasWorker={url:new URL(${JSON.stringify(url)},document.baseURI).href,worker:new Worker(${JSON.stringify(url)},{type:"module"})};\n`;
}

/** The worker started early for `url` (absolute), once; undefined when none was. */
export function takeStartedWorker(url: string): Worker | undefined {
  const w = started().__atlasWorker;
  if (!w || w.url !== url) return undefined;
  delete started().__atlasWorker;
  return w.worker;
}

/**
 * Run `makeWorkers` (MapLibre's prewarm) so that its first `new Worker(url)` gets the worker started early instead of a
 * new one; any other worker is made as usual. The constructor is replaced only while `makeWorkers` runs.
 */
export function withStartedWorker(url: string, makeWorkers: () => void): void {
  let early = takeStartedWorker(url);
  if (!early) {
    makeWorkers();
    return;
  }
  const NativeWorker = window.Worker;
  const Handing = function (this: unknown, scriptUrl: string | URL, options?: WorkerOptions): Worker {
    if (early && new URL(String(scriptUrl), document.baseURI).href === url) {
      const w = early;
      early = undefined;
      return w;
    }
    return new NativeWorker(scriptUrl, options);
  } as unknown as typeof Worker;
  window.Worker = Handing;
  try {
    makeWorkers();
  } finally {
    window.Worker = NativeWorker;
    // Not taken (MapLibre asked for no worker): stop it rather than leave it running.
    early?.terminate();
  }
}
