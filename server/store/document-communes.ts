// Which communes each source document is about (the sources table's `communes`): a document can publish a value only
// for a unit of one of them (server/access/publication-rule.ts). The seeds say it for their documents; the portal's own
// sources and the national reference data are about every commune ("all"). A document the atlas knows nothing of keeps
// [] (about no commune it can be checked against): it publishes nothing until someone records what it is about.
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeedBundle } from '../../geo/seed-bundle.ts';
import type { DocumentCommunes } from '../../geo/seed-types.ts';
import { config } from '../config.ts';
import { BUILT_IN_SOURCES } from './built-in-sources.ts';

export interface DocumentCommunesRecord { id: string; communes: DocumentCommunes }

/** The id of the national reference document (seeds/vietnam/source.json), or null when that file is not there. */
function nationalDocumentId(): string | null {
  try {
    return (JSON.parse(readFileSync(join(config.nationalSeedDir, 'source.json'), 'utf8')) as { id: string }).id;
  } catch {
    return null;
  }
}

/** What the seeds (when still there), the portal and the national reference data say each of their documents is about. */
export function knownDocumentCommunes(bundle: Pick<SeedBundle, 'sources'> | null): DocumentCommunesRecord[] {
  const national = nationalDocumentId();
  return [
    ...[...(bundle?.sources ?? []), ...BUILT_IN_SOURCES].map((s) => ({ id: s.id, communes: s.communes })),
    ...(national ? [{ id: national, communes: 'all' as const }] : []),
  ];
}

/** Record these documents' communes on SQLite (rows not stored are skipped). */
export function writeDocumentCommunes(db: Database.Database, records: DocumentCommunesRecord[]): void {
  const update = db.prepare(`UPDATE sources SET communes = ? WHERE id = ?`);
  for (const r of records) update.run(JSON.stringify(r.communes), r.id);
}

/** Record these documents' communes on PostgreSQL (rows not stored are skipped). */
export async function writeDocumentCommunesPg(c: pg.Pool | pg.PoolClient, records: DocumentCommunesRecord[]): Promise<void> {
  for (const r of records) await c.query(`UPDATE sources SET communes = $1 WHERE id = $2`, [JSON.stringify(r.communes), r.id]);
}
