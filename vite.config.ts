import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { BOOT_OPERATIONS } from './web/api/boot.ts';
import { bootStartScript, persistedGetUrl } from './web/api/persisted-get.ts';
import { serviceWorker } from './web/offline/service-worker-build.ts';
import { postgresBinDir } from './tests/helpers/postgres-cluster.ts';
import { precompress } from './web/build/precompress-plugin.ts';
import { workerStartScript } from './web/map/worker-start.ts';

// The suites that run on both stores (the "postgres" project runs them against PostgreSQL/PostGIS).
const STORE_SUITES = ['api', 'api-edits', 'ogc', 'export', 'publication-marked', 'import', 'import-while-reading', 'access-matrix', 'published-value', 'published-value-migration', 'concurrency', 'tiles', 'spatial-store', 'field-sync', 'national', 'second-commune', 'request-store'].map((f) => `tests/${f}.test.ts`);
// Suites about PostgreSQL alone (the postgres project only).
const POSTGRES_SUITES = ['pg-data-version'].map((f) => `tests/${f}.test.ts`);

if (process.env.VITEST && !postgresBinDir()) {
  console.warn('\n!!! PostgreSQL binaries not found (initdb, pg_ctl): the PostgreSQL variant of the store suites is SKIPPED.' +
    '\n!!! Install them (Debian: apt-get install postgresql postgresql-15-postgis-3) to run both stores; .ci/run does.\n');
}

/**
 * The page's first network work: a small script, loaded async from index.html, starts the boot GETs and MapLibre's
 * worker (web/map/worker-start.ts) before the main bundle runs. Its text names the worker's file, known once the
 * bundle is written: it is made in generateBundle, which runs before the HTML is written (transformIndexHtml).
 */
function startBootQueries(): Plugin {
  let fileName = '';
  return {
    name: 'start-boot-queries',
    apply: 'build',
    generateBundle(_options, bundle) {
      const worker = Object.values(bundle).find((f) => f.type === 'asset' && /(^|\/)maplibre-gl-worker-[^/]*\.mjs$/.test(f.fileName));
      if (!worker) this.error("MapLibre's worker module is not in the bundle (web/map/worker.ts imports it with ?url)");
      const code = bootStartScript(BOOT_OPERATIONS) + workerStartScript(`./${worker.fileName}`);
      fileName = `assets/boot-start-${createHash('sha256').update(code).digest('hex').slice(0, 8)}.js`;
      this.emitFile({ type: 'asset', fileName, source: code });
    },
    transformIndexHtml: () => [{ tag: 'script', attrs: { src: `./${fileName}`, async: true }, injectTo: 'head-prepend' }],
  };
}

// One config: Vite builds web/ into dist/web (served by the portal), Vitest runs tests/ and geo/.
export default defineConfig({
  root: 'web',
  base: './',
  plugins: [react(), startBootQueries(), serviceWorker({ bootUrls: BOOT_OPERATIONS.map((name) => persistedGetUrl(name)) }), precompress({ cacheDir: 'node_modules/.cache/precompress' })],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // GraphiQL's editor is one large lazy chunk, loaded only when the analyst console opens.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      // MapLibre and React in chunks of their own: their names (content hashes) survive a change of the portal's
      // code, so a returning browser keeps them (cached as immutable) and the build reuses their compression.
      output: {
        codeSplitting: {
          groups: [
            // Its JavaScript only: its CSS stays with the page's (before styles.css, which overrides it), so the first
            // picture's entry (web/main.tsx) does not import MapLibre's chunk for it.
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/].*\.m?js$/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
          ],
        },
      },
      onLog(level, log, handler) {
        // GraphiQL ships React-compiler directives ("use no memo") that bundling drops harmlessly.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  test: {
    root: '.',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser and server tests start real processes: keep them from competing for the 2 cores.
    fileParallelism: false,
    projects: [
      // The web build (for the page tests) belongs to this project only: the postgres project runs no page test.
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts', 'geo/**/*.test.ts'], exclude: POSTGRES_SUITES, globalSetup: ['tests/helpers/global-setup.ts', 'tests/helpers/sqlite-setup.ts'] } },
      // The same suites again with the portal on PostgreSQL/PostGIS, in one throwaway cluster for the run.
      ...(postgresBinDir() ? [{
        extends: true as const,
        test: {
          name: 'postgres', include: [...STORE_SUITES, ...POSTGRES_SUITES], env: { ATLAS_TEST_STORE: 'postgres' },
          globalSetup: ['tests/helpers/postgres-setup.ts'],
        },
      }] : []),
    ],
  },
});
