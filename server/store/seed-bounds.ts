// Facts of the seeds that the first schemas had no column for: the bounds of values ("trên 100%" is ">") and the
// commune's administrative centre. Written at seeding, and copied forward into a database seeded before them.
import type Database from 'better-sqlite3';
import { readSeedBundle, type SeedBundle } from '../../geo/seed-bundle.ts';

/** The seed directory a database was made from, or null when it is gone or unreadable (its facts then stay unknown). */
export function readSeedsIfThere(dir: string): SeedBundle | null {
  try {
    return readSeedBundle(dir);
  } catch {
    return null;
  }
}

/**
 * Store the seeds' bounds on the seeded values they belong to, and the commune's administrative centre. A value an
 * officer has changed since seeding keeps what it has (its bound, if any, came with the edit).
 */
export function copySeedBoundsForward(db: Database.Database, b: SeedBundle): void {
  const bound = db.prepare(`UPDATE observations SET comparator = ? WHERE unit_id = ? AND indicator = ? AND period = ?
    AND entered_by = 'seed' AND entered_at IS NULL AND comparator IS NULL AND value = ?`);
  for (const o of b.observations) if (o.comparator) bound.run(o.comparator, o.unit, o.indicator, o.period, JSON.stringify(o.value));
  const centre = b.commune.adminCentre;
  if (centre) {
    db.prepare(`UPDATE units SET admin_centre = ? WHERE id = ? AND level = 'commune' AND admin_centre IS NULL`).run(JSON.stringify({
      name: centre.name, status: centre.status, source: centre.source,
      villageName: centre.village?.name ?? null, villageId: centre.village?.villageId ?? null,
      formerCommuneId: centre.village?.formerCommune ?? null, note: centre.village?.note ?? null,
    }), b.commune.id);
  }
}
