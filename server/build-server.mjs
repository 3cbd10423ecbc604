// `npm start` and `npm run build`: the server compiled once to plain JavaScript (dist/server/main.js), so the
// portal runs on node alone, without a TypeScript loader in memory. esbuild bundles our own code (server/, geo/,
// seeds' readers) into one file; packages stay in node_modules. Plain .mjs: it must run before anything is built.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/server`;

try {
  await build({
    absWorkingDir: root,
    // The import reader, the national tile cutter and the import writer run in worker threads: entries of their
    // own (started by server/workers/start-worker.ts).
    entryPoints: ['server/main.ts', 'server/imports/table-worker.ts', 'server/tiles/national-tile-worker.ts', 'server/store/sqlite-write-worker.ts'],
    outdir: out,
    outbase: 'server',
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // type-graphql's decorators as tsconfig.json declares them (legacy decorators, explicit type functions).
    tsconfig: 'tsconfig.json',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
} catch (e) {
  // A read-only installation (a service user) may still run the build made by `npm run build`.
  if (!existsSync(`${out}/main.js`)) throw e;
  console.warn(`Could not rebuild the server (${e.message.split('\n')[0]}); running the existing build in ${out}`);
}
