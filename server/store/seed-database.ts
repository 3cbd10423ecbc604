// First start: turn seeds/<commune>/ into database rows — facts as they are, geometry computed once here
// (cleaned official boundary, schematic zones and bản cells) so no request ever does geometry work.
import type Database from 'better-sqlite3';
import { simplify } from '@turf/turf';
import type { Geometry } from 'geojson';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanPolygon } from '../../geo/clean-polygon.ts';
import { partitionCommune, type ZoneInput } from '../../geo/partition-commune.ts';
import { readBoundary } from '../../geo/read-boundary.ts';
import { readSeedBundle, type SeedBundle } from '../../geo/seed-bundle.ts';
import type { SourceRef } from '../../geo/seed-types.ts';
import { validateSeeds } from '../../geo/validate-seeds.ts';
import { boundaryRecord, schematicBoundaries } from './boundary-record.ts';
import { BUILT_IN_SOURCES } from './built-in-sources.ts';
import type { BoundaryInput } from './atlas-store.ts';
import { BOUNDS_SCHEMA, DOCUMENT_COMMUNES_SCHEMA, PUBLICATION_SCHEMA, PUBLISHED_VALUE_SCHEMA, publishSeededValues, TEXTS_EN_SCHEMA, writeSeedTexts } from './migrations.ts';
import { carryPublishedValues } from './carry-published-values.ts';
import { knownDocumentCommunes, writeDocumentCommunes } from './document-communes.ts';
import { copySeedBoundsForward } from './seed-bounds.ts';

export interface BoundaryManifest {
  commune: { file: string; quality: 'OFFICIAL'; source: SourceRef };
  neighbours: Array<{ file: string; code: string; name: string; province: string }>;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** True once the database holds a seeded commune. */
export function isSeeded(db: Database.Database): boolean {
  return db.prepare(`SELECT 1 FROM meta WHERE key = 'seeded_at'`).get() !== undefined;
}

/** What seeding writes, read and checked from a seed directory, geometry computed: the same for every store. */
export interface PreparedSeed {
  bundle: SeedBundle;
  manifest: BoundaryManifest;
  geometry: ReturnType<typeof computeGeometry>;
  /** The official boundary, then the schematic zones and cells. */
  boundaries: BoundaryInput[];
}

/** Read, validate and compute everything a seeded database holds (throws naming each problem of the seeds). */
export function prepareSeed(seedDir: string): PreparedSeed {
  const bundle = readSeedBundle(seedDir);
  const problems = validateSeeds(bundle);
  if (problems.length) throw new Error(`seeds in ${seedDir} have ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  const manifest = JSON.parse(readFileSync(join(seedDir, 'boundaries.json'), 'utf8')) as BoundaryManifest;
  const geometry = computeGeometry(bundle, seedDir, manifest);
  const boundaries = [
    boundaryRecord(bundle.commune.id, manifest.commune.quality, geometry.commune, manifest.commune.source,
      'Official polygon, self-intersections resolved by a boolean union with itself.'),
    ...schematicBoundaries(geometry.partition),
  ];
  return { bundle, manifest, geometry, boundaries };
}

/** Seed an empty database from a seed directory in one transaction; a seeded database is left as it is. */
export function seedDatabase(db: Database.Database, seedDir: string): { seeded: boolean } {
  if (isSeeded(db)) return { seeded: false };
  const { bundle, manifest, geometry, boundaries } = prepareSeed(seedDir);
  db.transaction(() => {
    if (isSeeded(db)) return; // another process seeded it meanwhile
    insertFacts(db, bundle);
    insertGeometry(db, boundaries, manifest, geometry);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('seeded_at', ?), ('data_version', '1'), ('seed_dir', ?)`)
      .run(new Date().toISOString(), seedDir);
    // (A database still at an older schema gets this from migration 4.)
    const schema = db.pragma('user_version', { simple: true }) as number;
    if (schema >= PUBLICATION_SCHEMA) publishSeededValues(db);
    // (And this from migration 5.)
    if (schema >= BOUNDS_SCHEMA) copySeedBoundsForward(db, bundle);
    // The English texts (a database still at an older schema gets them from migration 6).
    if (schema >= TEXTS_EN_SCHEMA) writeSeedTexts(db, bundle);
    // The communes each document is about (and this from migration 10).
    if (schema >= DOCUMENT_COMMUNES_SCHEMA) writeDocumentCommunes(db, knownDocumentCommunes(bundle));
    // Each published value is its own last published value, bounds included (and this from migration 11).
    if (schema >= PUBLISHED_VALUE_SCHEMA) carryPublishedValues(db);
  })();
  return { seeded: true };
}

function computeGeometry(b: SeedBundle, seedDir: string, manifest: BoundaryManifest) {
  const raw = readBoundary(join(seedDir, manifest.commune.file));
  const commune = cleanPolygon(raw.geometry);
  const zones: ZoneInput[] = b.formerCommunes.map((fc) => {
    const land = b.observations.find((o) => o.unit === fc.id && o.indicator === 'landAreaKm2');
    if (!land || typeof land.value !== 'number') {
      throw new Error(`seeds: former commune ${fc.id} has no landAreaKm2 observation; the schematic zones are sized by it`);
    }
    return {
      id: fc.id,
      targetAreaKm2: land.value,
      villages: b.villages.filter((v) => v.formerCommune === fc.id).map((v) => ({ id: v.id, centre: v.centre?.lonLat ?? null })),
    };
  });
  const partition = partitionCommune(commune, zones);
  const neighbours = manifest.neighbours.map((n) => {
    // Context layer only: simplified to ~30 m, which is far below what the map shows around the commune.
    const g = simplify(readBoundary(join(seedDir, n.file)).geometry, { tolerance: 0.0003, highQuality: true });
    return { ...n, geometry: g };
  });
  return { commune, partition, neighbours };
}

function insertFacts(db: Database.Database, b: SeedBundle) {
  const src = db.prepare(`INSERT INTO sources (id, title, kind, public, publisher, date, url, licence, note) VALUES (?,?,?,?,?,?,?,?,?)`);
  for (const s of b.sources) src.run(s.id, s.title.vi, s.kind, s.public ? 1 : 0, s.publisher?.vi ?? null, s.date ?? null, s.url ?? null, s.licence?.vi ?? null, s.note ?? null);
  // The portal's own products (generated geometry, officers' entries) are sources too, so every value names one.
  for (const s of BUILT_IN_SOURCES) src.run(s.id, s.title.vi, s.kind, s.public ? 1 : 0, s.publisher?.vi ?? null, null, null, null, s.note ?? null);

  const unit = db.prepare(`INSERT INTO units (id, level, code, name, name_en, provisional_label, name_source, name_confidence,
    parent_id, valid_from, valid_to, centre_lon, centre_lat, centre_source, note, sort) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const c = b.commune;
  unit.run(c.id, 'commune', c.code, c.name, c.nameEn, null, json(c.founding.source), null, null, c.validFrom, c.validTo, null, null, null,
    `${c.founding.resolution} (${c.founding.date}, ${c.founding.by})`, 0);
  b.formerCommunes.forEach((f, i) =>
    unit.run(f.id, 'formerCommune', f.code, f.name, null, f.labelPrefix, null, null, c.id, f.validFrom, f.validTo, null, null, null, null, i));
  b.villages.forEach((v, i) =>
    unit.run(v.id, 'village', null, v.name, null, v.provisionalLabel, json(v.nameSource), v.nameConfidence, v.formerCommune,
      null, null, v.centre?.lonLat[0] ?? null, v.centre?.lonLat[1] ?? null, json(v.centre?.source), v.note?.vi ?? null, i));

  const ind = db.prepare(`INSERT INTO indicators (key, name_vi, name_en, kind, unit, higher_is_better, sensitive, levels,
    description_vi, description_en, sort) VALUES (?,?,?,?,?,?,?,?,?,?,?)`);
  b.indicators.forEach((x, i) => ind.run(x.key, x.nameVi, x.nameEn, x.kind, x.unit,
    x.higherIsBetter === null ? null : x.higherIsBetter ? 1 : 0, x.sensitive ? 1 : 0, JSON.stringify(x.levels),
    x.descriptionVi ?? null, x.descriptionEn ?? null, i));

  const obs = db.prepare(`INSERT INTO observations (unit_id, indicator, period, value, denominator, status, source, formula, note,
    entered_by, entered_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`);
  for (const o of b.observations) obs.run(o.unit, o.indicator, o.period, JSON.stringify(o.value), o.denominator ?? null, o.status,
    JSON.stringify(o.source), o.formula ?? null, o.note ?? null, 'seed', null);

  const tgt = db.prepare(`INSERT INTO targets (no, grp, label_vi, label_en, indicator, comparator, value, unit, year, baseline, parts, source, note)
    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  for (const t of b.targets) tgt.run(t.no, t.group, t.labelVi, t.labelEn, t.indicator, t.comparator, t.value, t.unit, t.year,
    json(t.baseline), JSON.stringify(t.parts ?? []), JSON.stringify(t.source), t.note ?? null);

  const place = db.prepare(`INSERT INTO places (id, kind, name, former_commune_id, village_ids, status, attributes, geometry, source, note)
    VALUES (?,?,?,?,?,?,?,?,?,?)`);
  for (const p of b.places) place.run(p.id, p.kind, p.name.vi, p.formerCommune, JSON.stringify(p.villages), p.status,
    JSON.stringify(p.attributes), json(p.geometry), JSON.stringify(p.source), p.note?.vi ?? null);
}

function insertGeometry(db: Database.Database, records: BoundaryInput[], manifest: BoundaryManifest, g: ReturnType<typeof computeGeometry>) {
  const put = db.prepare(`INSERT INTO boundaries (unit_id, quality, geometry, area_km2, centroid_lon, centroid_lat, bbox, source, method)
    VALUES (?,?,?,?,?,?,?,?,?)`);
  for (const r of records) {
    put.run(r.unitId, r.quality, JSON.stringify(r.geometry), r.areaKm2, r.centroid[0], r.centroid[1], JSON.stringify(r.bbox), JSON.stringify(r.source), r.method);
  }
  const nb = db.prepare(`INSERT INTO neighbours (code, name, province, geometry, source) VALUES (?,?,?,?,?)`);
  for (const n of g.neighbours) nb.run(n.code, n.name, n.province, JSON.stringify(n.geometry as Geometry), JSON.stringify(manifest.commune.source));
}
