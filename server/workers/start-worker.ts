// Worker threads of our own code (the import reader, the national tile cutter) start the same way: built
// (`npm start`: dist/server/…), the worker is its own built file (an entry of server/build-server.mjs); run as
// TypeScript (tests, tsx), the worker does not inherit the main thread's loader, so it registers tsx itself first.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { config } from '../config.ts';

/** The code a worker of `module` (a path under server/ without extension, e.g. "imports/table-worker") starts with. */
export function workerBoot(module: string): string {
  if (!import.meta.url.endsWith('.ts')) return `import(${JSON.stringify(pathToFileURL(join(config.root, `dist/server/${module}.js`)).href)});`;
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.register())
  .then(() => import(${JSON.stringify(new URL(`../${module}.ts`, import.meta.url).href)}));`;
}

/** A worker thread running `module` (see workerBoot), unref'd: it never keeps a stopping portal alive. */
export function startWorker(module: string, options: Omit<WorkerOptions, 'eval' | 'execArgv'> = {}): Worker {
  // execArgv empty: the parent's loader flags would register tsx a second time.
  const worker = new Worker(workerBoot(module), { ...options, eval: true, execArgv: [] });
  worker.unref();
  return worker;
}
