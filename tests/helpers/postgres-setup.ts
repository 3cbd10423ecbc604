// Global setup of the "postgres" test project: one throwaway cluster for the run, and one database in it seeded once
// by the portal's own code (migrations, seeding), which every portal's database is then copied from
// (CREATE DATABASE … TEMPLATE): a file copy instead of seeding again for each suite.
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { postgresBinDir, startCluster } from './postgres-cluster.ts';
import { openPgStore } from '../../server/store/open-pg.ts';

declare module 'vitest' {
  export interface ProvidedContext { pgAdminUrl: string; pgTemplate: string }
}

/** The database every test database is copied from: migrated and seeded from seeds/muong-bang. */
export const TEMPLATE_DATABASE = 'atlas_seeded_template';

export default async function setup(project: TestProject) {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL binaries are missing: the postgres project should not have been defined (vite.config.ts)');
  const cluster = await startCluster(bin);
  try {
    const admin = new pg.Client(cluster.adminUrl);
    await admin.connect();
    try { await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`); } finally { await admin.end(); }
    const url = cluster.adminUrl.replace(/\/postgres$/, `/${TEMPLATE_DATABASE}`);
    const seeds = new URL('../../seeds/muong-bang', import.meta.url).pathname;
    // openPgStore enables PostGIS, migrates and seeds, as a portal's first start does; closed, so it can be copied.
    const { store, seeded } = await openPgStore(url, seeds);
    await store.close();
    if (!seeded) throw new Error(`${TEMPLATE_DATABASE} was not seeded`);
  } catch (e) {
    cluster.stop();
    throw e;
  }
  project.provide('pgAdminUrl', cluster.adminUrl);
  project.provide('pgTemplate', TEMPLATE_DATABASE);
  return () => cluster.stop();
}
