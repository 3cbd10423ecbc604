// `npm start`: build the web page if needed, create and seed the database if needed, serve both on one port.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { config } from './config.ts';
import { createApp } from './http/app.ts';
import { createAtlasServer } from './http/listen.ts';
import { buildAtlasSchema } from './schema/build-schema.ts';
import { loadPersistedOperations } from './client-types/persisted-operations.ts';
import { openStore } from './store/open-store.ts';
import { precomputeSimplified } from './queries/geometry-output.ts';
import { prepareNationalTiles } from './tiles/national-tile-set.ts';
import { answerHeapRequests } from './diagnostics/heap-report.ts';
import { answerPathRequests } from './diagnostics/request-paths.ts';
import { reservePort } from './http/reserve-port.ts';
import { stopOnSignals } from './http/stop-on-signals.ts';

async function ensureWebBuilt() {
  if (existsSync(join(config.webDir, 'index.html')) || process.env.ATLAS_SKIP_WEB_BUILD) return;
  console.log('Building the web app (first start)…');
  const { build } = await import('vite');
  await build({ configFile: join(config.root, 'vite.config.ts'), logLevel: 'warn' });
}

async function main() {
  answerHeapRequests();
  answerPathRequests();
  // First the port: a second portal on a busy port must stop here, before it opens the database.
  const { server, protocol } = createAtlasServer(config);
  await reservePort(server, config.port, config.host);
  await ensureWebBuilt();
  const { store, seeded, location } = await openStore(config.dataDir, config.seedDir, {
    allowNew: Boolean(process.env.ATLAS_NEW_DATABASE), databaseUrl: config.databaseUrl, readUrl: config.databaseReadUrl,
  });
  console.log(seeded ? `Created and seeded ${location}` : `Using ${location}`);
  precomputeSimplified(await store.snapshot()); // geometry work at start-up, not in the first requests
  // On SQLite the national tiles are made in this process: from now, not at the first national map (PostgreSQL cuts
  // them in the database).
  if (!config.databaseUrl) prepareNationalTiles();
  const schema = await buildAtlasSchema();
  const { handler, stop: stopApollo } = await createApp({
    schema, store, webDir: config.webDir, trustProxy: config.trustProxy, persistedOperations: loadPersistedOperations(config.root),
    answerCacheBytes: config.answerCacheBytes, anonymousPostFastPath: config.anonymousPostFastPath,
  });
  server.on('request', handler);
  const stop = stopOnSignals(server, async () => {
    await stopApollo();
    await store.close();
  });
  const { port } = server.address() as AddressInfo;
  console.log(`Commune Atlas: ${protocol}://localhost:${port}/`);
  if (process.env.ATLAS_EXIT_AFTER_START) void stop(); // start-up checks only (tests, deployment probes)
}

main().catch((e) => {
  console.error(`Commune Atlas could not start: ${(e as Error).message}`);
  process.exit(1);
});
