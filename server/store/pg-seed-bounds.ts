// The bounds of seeded values ("trên 100%" is ">") and the commune's administrative centre on PostgreSQL: written at
// seeding, and copied forward into a database seeded before migration 2 (as seed-bounds.ts does on SQLite).
import type pg from 'pg';
import type { SeedBundle } from '../../geo/seed-bundle.ts';

/**
 * Store the seeds' bounds on the seeded values they belong to, and the commune's administrative centre. A value an
 * officer has changed since seeding keeps what it has (its bound, if any, came with the edit).
 */
export async function copySeedBoundsForwardPg(c: pg.Pool | pg.PoolClient, b: SeedBundle): Promise<void> {
  for (const o of b.observations) {
    if (!o.comparator) continue;
    await c.query(`UPDATE observations SET comparator = $1 WHERE unit_id = $2 AND indicator = $3 AND period = $4
      AND entered_by = 'seed' AND entered_at IS NULL AND comparator IS NULL AND value = $5::jsonb`,
    [o.comparator, o.unit, o.indicator, o.period, JSON.stringify(o.value)]);
  }
  const centre = b.commune.adminCentre;
  if (centre) {
    await c.query(`UPDATE units SET admin_centre = $1::jsonb WHERE id = $2 AND level = 'commune' AND admin_centre IS NULL`, [JSON.stringify({
      name: centre.name, status: centre.status, source: centre.source,
      villageName: centre.village?.name ?? null, villageId: centre.village?.villageId ?? null,
      formerCommuneId: centre.village?.formerCommune ?? null, note: centre.village?.note ?? null,
    }), b.commune.id]);
  }
}
