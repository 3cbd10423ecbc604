// Global setup of the "postgres" test project: one throwaway cluster for the run (each portal a new database in it).
import type { TestProject } from 'vitest/node';
import { postgresBinDir, startCluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext { pgAdminUrl: string }
}

export default async function setup(project: TestProject) {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL binaries are missing: the postgres project should not have been defined (vite.config.ts)');
  const cluster = await startCluster(bin);
  project.provide('pgAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
