// The seeds' texts in both languages on PostgreSQL (source titles, publishers, licences, bản and place notes, place
// names): written at seeding, and copied into a database seeded before migration 3 (as writeSeedTexts does on SQLite).
import type pg from 'pg';
import type { SeedBundle } from '../../geo/seed-bundle.ts';
import { BUILT_IN_SOURCES } from './built-in-sources.ts';

/** Write the seeds' two-language texts over the rows they belong to. */
export async function writeSeedTextsPg(c: pg.Pool | pg.PoolClient, b: Pick<SeedBundle, 'sources' | 'villages' | 'places'>): Promise<void> {
  for (const s of [...b.sources, ...BUILT_IN_SOURCES]) {
    await c.query(`UPDATE sources SET title = $1, title_en = $2, publisher = $3, publisher_en = $4, licence = $5, licence_en = $6 WHERE id = $7`,
      [s.title.vi, s.title.en, s.publisher?.vi ?? null, s.publisher?.en ?? null, s.licence?.vi ?? null, s.licence?.en ?? null, s.id]);
  }
  for (const v of b.villages) {
    await c.query(`UPDATE units SET note = $1, note_en = $2 WHERE id = $3`, [v.note?.vi ?? null, v.note?.en ?? null, v.id]);
  }
  for (const p of b.places) {
    await c.query(`UPDATE places SET name = $1, name_en = $2, note = $3, note_en = $4 WHERE id = $5`,
      [p.name.vi, p.name.en, p.note?.vi ?? null, p.note?.en ?? null, p.id]);
  }
}
