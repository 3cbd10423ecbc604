// `npm start`: build the web page if needed, create and seed the database if needed, serve both on one port.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { config } from './config.ts';
import { createApp } from './http/app.ts';
import { buildAtlasSchema } from './schema/build-schema.ts';
import { openStore } from './store/open-store.ts';
import { precomputeSimplified } from './queries/geometry-output.ts';
import { startReader } from './imports/read-off-thread.ts';
import { answerHeapRequests } from './diagnostics/heap-report.ts';

async function ensureWebBuilt() {
  if (existsSync(join(config.webDir, 'index.html')) || process.env.ATLAS_SKIP_WEB_BUILD) return;
  console.log('Building the web app (first start)…');
  const { build } = await import('vite');
  await build({ configFile: join(config.root, 'vite.config.ts'), logLevel: 'warn' });
}

async function main() {
  answerHeapRequests();
  await ensureWebBuilt();
  const { store, seeded, location } = openStore(config.dataDir, config.seedDir, { allowNew: Boolean(process.env.ATLAS_NEW_DATABASE) });
  console.log(seeded ? `Created and seeded ${location}` : `Using ${location}`);
  precomputeSimplified(store); // geometry work at start-up, not in the first requests
  startReader(); // the import reader's worker thread loads while the server starts
  const schema = await buildAtlasSchema();
  const { app, stop } = await createApp({ schema, store, webDir: config.webDir });
  const server = app.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    console.log(`Commune Atlas: http://localhost:${port}/`);
    if (process.env.ATLAS_EXIT_AFTER_START) shutdown(); // start-up checks only (tests, deployment probes)
  });
  const shutdown = () => {
    server.close();
    void stop().finally(() => { store.close(); process.exit(0); });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((e) => {
  console.error(`Commune Atlas could not start: ${(e as Error).message}`);
  process.exit(1);
});
