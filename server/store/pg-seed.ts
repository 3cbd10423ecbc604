// Seeding on PostgreSQL: the rows seed-database.ts prepares (read, validated, geometry computed there), written in
// one transaction. Only the writes differ from SQLite's.
import type pg from 'pg';
import { BUILT_IN_SOURCES } from './built-in-sources.ts';
import { copySeedBoundsForwardPg } from './pg-seed-bounds.ts';
import { writeSeedTextsPg } from './pg-seed-texts.ts';
import { inWrite } from './pg-store.ts';
import { PG_BOUNDS_SCHEMA, PG_DOCUMENT_COMMUNES_SCHEMA, PG_PUBLISHED_VALUE_SCHEMA, PG_TEXTS_EN_SCHEMA, pgSchemaVersion } from './pg-migrations.ts';
import { carryPublishedValuesPg } from './carry-published-values.ts';
import { knownDocumentCommunes, writeDocumentCommunesPg } from './document-communes.ts';
import { prepareSeed } from './seed-database.ts';

const j = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** Seed an empty database from a seed directory in one transaction; a seeded database is left as it is. */
export async function seedPg(pool: pg.Pool, seedDir: string): Promise<{ seeded: boolean }> {
  const seeded = async (c: pg.Pool | pg.PoolClient) => (await c.query(`SELECT 1 FROM meta WHERE key = 'seeded_at'`)).rowCount! > 0;
  if (await seeded(pool)) return { seeded: false };
  const { bundle: b, manifest, geometry: g, boundaries } = prepareSeed(seedDir);
  return inWrite(pool, async (c) => {
    if (await seeded(c)) return { seeded: false }; // another portal seeded it meanwhile
    const run = (sql: string, values: unknown[]) => c.query(sql, values);
    const sources = [
      ...b.sources.map((s) => [s.id, s.title.vi, s.kind, s.public, s.publisher?.vi ?? null, s.date ?? null, s.url ?? null, s.licence?.vi ?? null, s.note ?? null]),
      // The portal's own products (generated geometry, officers' entries) are sources too, so every value names one.
      ...BUILT_IN_SOURCES.map((s) => [s.id, s.title.vi, s.kind, s.public, s.publisher?.vi ?? null, null, null, null, s.note ?? null]),
    ];
    for (const [i, s] of sources.entries()) {
      await run(`INSERT INTO sources (id, title, kind, public, publisher, date, url, licence, note, sort) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`, [...s, i]);
    }
    const unit = `INSERT INTO units (id, level, code, name, name_en, provisional_label, name_source, name_confidence,
      parent_id, valid_from, valid_to, centre_lon, centre_lat, centre_source, note, sort) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`;
    const cm = b.commune;
    await run(unit, [cm.id, 'commune', cm.code, cm.name, cm.nameEn, null, j(cm.founding.source), null, null, cm.validFrom, cm.validTo, null, null, null,
      `${cm.founding.resolution} (${cm.founding.date}, ${cm.founding.by})`, 0]);
    for (const [i, f] of b.formerCommunes.entries()) {
      await run(unit, [f.id, 'formerCommune', f.code, f.name, null, f.labelPrefix, null, null, cm.id, f.validFrom, f.validTo, null, null, null, null, i]);
    }
    for (const [i, v] of b.villages.entries()) {
      await run(unit, [v.id, 'village', null, v.name, null, v.provisionalLabel, j(v.nameSource), v.nameConfidence, v.formerCommune,
        null, null, v.centre?.lonLat[0] ?? null, v.centre?.lonLat[1] ?? null, j(v.centre?.source), v.note?.vi ?? null, i]);
    }
    for (const [i, x] of b.indicators.entries()) {
      await run(`INSERT INTO indicators (key, name_vi, name_en, kind, unit, higher_is_better, sensitive, levels, description_vi, description_en, sort)
        VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
      [x.key, x.nameVi, x.nameEn, x.kind, x.unit, x.higherIsBetter, x.sensitive, j(x.levels), x.descriptionVi ?? null, x.descriptionEn ?? null, i]);
    }
    for (const o of b.observations) {
      await run(`INSERT INTO observations (unit_id, indicator, period, value, denominator, status, source, formula, note, entered_by, entered_at)
        VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'seed',NULL)`,
      [o.unit, o.indicator, o.period, JSON.stringify(o.value), o.denominator ?? null, o.status, j(o.source), o.formula ?? null, o.note ?? null]);
    }
    for (const t of b.targets) {
      await run(`INSERT INTO targets (no, grp, label_vi, label_en, indicator, comparator, value, unit, year, baseline, parts, source, note)
        VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
      [t.no, t.group, t.labelVi, t.labelEn, t.indicator, t.comparator, t.value, t.unit, t.year, j(t.baseline), j(t.parts ?? []), j(t.source), t.note ?? null]);
    }
    for (const [i, p] of b.places.entries()) {
      await run(`INSERT INTO places (id, kind, name, former_commune_id, village_ids, status, attributes, geometry, geom, source, note, sort)
        VALUES ($1,$2,$3,$4,$5,$6,$7,$8::jsonb, CASE WHEN $8::text IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON($8::text), 4326) END, $9,$10,$11)`,
      [p.id, p.kind, p.name.vi, p.formerCommune, j(p.villages), p.status, j(p.attributes), j(p.geometry), j(p.source), p.note?.vi ?? null, i]);
    }
    for (const r of boundaries) {
      await run(`INSERT INTO boundaries (unit_id, quality, geometry, geom, area_km2, centroid_lon, centroid_lat, bbox, source, method)
        VALUES ($1, $2, $3::jsonb, ST_SetSRID(ST_GeomFromGeoJSON($3::text), 4326), $4, $5, $6, $7, $8, $9)`,
      [r.unitId, r.quality, JSON.stringify(r.geometry), r.areaKm2, r.centroid[0], r.centroid[1], j(r.bbox), j(r.source), r.method]);
    }
    for (const n of g.neighbours) {
      await run(`INSERT INTO neighbours (code, name, province, geometry, geom, source) VALUES ($1,$2,$3,$4::jsonb, ST_SetSRID(ST_GeomFromGeoJSON($4::text), 4326), $5)`,
        [n.code, n.name, n.province, JSON.stringify(n.geometry), j(manifest.commune.source)]);
    }
    const now = new Date().toISOString();
    await run(`INSERT INTO meta (key, value) VALUES ('seeded_at', $1), ('data_version', '1'), ('seed_dir', $2)`, [now, seedDir]);
    // Values from the seed files that cite a public document are stated by it: published (as migrations.ts does on SQLite).
    await run(`UPDATE observations SET publication = jsonb_build_object('at', $1::text, 'by', 'seed', 'source', source, 'quote', NULL)
      WHERE entered_by = 'seed' AND entered_at IS NULL AND publication IS NULL
        AND EXISTS (SELECT 1 FROM sources WHERE id = observations.source->>'doc' AND public)`, [now]);
    // What later schemas added, where the schema has it (an old schema, in tests of migrations, gets it when migrated).
    const schema = await pgSchemaVersion(c);
    // The bounds of seeded values and the administrative centre (as seed-bounds.ts does on SQLite).
    if (schema >= PG_BOUNDS_SCHEMA) await copySeedBoundsForwardPg(c, b);
    // The English texts (as writeSeedTexts does on SQLite).
    if (schema >= PG_TEXTS_EN_SCHEMA) await writeSeedTextsPg(c, b);
    // The communes each document is about (as seed-database.ts does on SQLite).
    if (schema >= PG_DOCUMENT_COMMUNES_SCHEMA) await writeDocumentCommunesPg(c, knownDocumentCommunes(b));
    // Each published value is its own last published value, bounds included (as seed-database.ts does on SQLite).
    if (schema >= PG_PUBLISHED_VALUE_SCHEMA) await carryPublishedValuesPg(c);
    return { seeded: true };
  });
}
