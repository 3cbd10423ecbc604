// Vietnam's provinces and communes as a read-only in-memory index: reference data shipped with the code
// (seeds/vietnam/), identical for every portal, never edited, never part of a backup or of the data version.
//
// On both stores it answers official figures by code, provinces, outlines (simplified as asked) and the data-quality
// figures. On SQLite it also answers the store's nationalCommunes (bbox, search, province; index-commune-page.ts):
// an R-tree over 3,321 bounding boxes answers a bbox query in microseconds. PostgreSQL answers those, and its
// national tiles, from its PostGIS tables instead (store/pg-national.ts). Outlines are kept as JSON text (about
// 12 MB) and parsed only for the units asked.
import Flatbush from 'flatbush';
import { bbox as turfBbox, bboxPolygon, booleanIntersects, simplify } from '@turf/turf';
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import { foldDiacritics } from '../../geo/fold-diacritics.ts';
import type { NationalCommuneSeed, NationalProvinceSeed } from '../../geo/national/national-seed-types.ts';
import { nationalQuality, type NationalQuality } from '../../geo/national/national-quality.ts';
import { readNationalSeeds, type NationalSeeds } from '../../geo/national/read-national-seeds.ts';
import { nationalClassLimits, type NationalMeasure } from '../../geo/national/national-measures.ts';
import { config } from '../config.ts';
import { simplifyLevel, type GeometryOptions } from '../queries/geometry-output.ts';

export type BBox = [number, number, number, number];

/** A commune of the index: its seed without the parsed outline, with what queries need precomputed. */
export interface IndexedCommune extends Omit<NationalCommuneSeed, 'geometry'> {
  bbox: BBox | null;
  /** Folded "type name code" for diacritic-insensitive search. */
  folded: string;
}

export interface IndexedProvince extends Omit<NationalProvinceSeed, 'geometry'> {
  communeCount: number;
  bbox: BBox;
}

export interface NationalIndex {
  /** Quantile class limits of each measure over every commune (geo/national/quantile-classes.ts). */
  limits: Record<NationalMeasure, number[]>;
  provinces: IndexedProvince[];
  /** Sorted by code. */
  communes: IndexedCommune[];
  commune(code: string): IndexedCommune | undefined;
  province(code: string): IndexedProvince | undefined;
  /** Communes whose outline meets the box (bounding boxes first, then the exact test for those crossing its edge), by code. */
  inBox(box: BBox): IndexedCommune[];
  /** Communes whose folded type, name or code contains the folded text, by code. */
  search(text: string): IndexedCommune[];
  /** A commune's or province's outline ("commune:03943", "province:14"), simplified and rounded as asked; cached. */
  geometry(key: string, opts?: GeometryOptions): Geometry | null;
  quality(): NationalQuality;
  /** The document the units come from. */
  source: NationalSeeds['source'];
}

// Outlines asked for through the API (full, simplified or rounded), most recently used kept: each is parsed and
// simplified once, not per request (a page of 100 full outlines parsed again was most of an answer's 0.3 s, and an
// anonymous storm of them held the event loop). Every commune's full outline parsed is about 20 MB of heap.
const OUTPUT_CACHE_ENTRIES = 10_000;

/** Build the index from seeds (read from seeds/vietnam/ by nationalIndex()). */
export function buildNationalIndex(seeds: NationalSeeds): NationalIndex {
  const outlines = new Map<string, string>();
  const communeCount = new Map<string, number>();
  const communes: IndexedCommune[] = seeds.communes.map(({ geometry, ...c }) => {
    if (geometry) outlines.set(`commune:${c.code}`, JSON.stringify(geometry));
    communeCount.set(c.provinceCode, (communeCount.get(c.provinceCode) ?? 0) + 1);
    return { ...c, bbox: geometry ? (turfBbox(geometry).slice(0, 4) as BBox) : null, folded: foldDiacritics(`${c.type} ${c.name} ${c.code}`) };
  }).sort((a, b) => a.code.localeCompare(b.code));
  const provinces: IndexedProvince[] = seeds.provinces.map(({ geometry, ...p }) => {
    outlines.set(`province:${p.code}`, JSON.stringify(geometry));
    return { ...p, communeCount: communeCount.get(p.code) ?? 0, bbox: turfBbox(geometry).slice(0, 4) as BBox };
  });
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const limits = nationalClassLimits(communes);
  const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
  const withBox = communes.filter((c) => c.bbox);
  const tree = new Flatbush(Math.max(1, withBox.length));
  for (const c of withBox) tree.add(...c.bbox!);
  if (withBox.length === 0) tree.add(0, 0, 0, 0);
  tree.finish();
  const position = new Map(communes.map((c, i) => [c.code, i]));
  const output = new Map<string, Geometry>();
  // Computed now, so the parsed outlines of the seeds are not kept for it.
  const quality = nationalQuality(seeds);

  const cached = (k: string): Geometry | undefined => {
    const g = output.get(k);
    if (g) { output.delete(k); output.set(k, g); } // most recently used last
    return g;
  };
  const keep = (k: string, g: Geometry): Geometry => {
    output.set(k, g);
    if (output.size > OUTPUT_CACHE_ENTRIES) output.delete(output.keys().next().value!);
    return g;
  };
  /** The full outline, parsed once and kept with the other outputs. */
  const parsed = (key: string): MultiPolygon | null => {
    const k = `${key}||`;
    const g = cached(k);
    if (g) return g as MultiPolygon;
    const text = outlines.get(key);
    return text ? (keep(k, JSON.parse(text) as MultiPolygon) as MultiPolygon) : null;
  };

  return {
    limits,
    provinces,
    communes,
    commune: (code) => byCode.get(code),
    province: (code) => provinceByCode.get(code),
    inBox(box) {
      const [x0, y0, x1, y1] = box;
      const boxPolygon = bboxPolygon(box);
      const hits = tree.search(x0, y0, x1, y1).map((i) => withBox[i]).filter((c) => {
        const [a0, b0, a1, b1] = c.bbox!;
        // Inside the box: it meets it. Crossing its edge: test the outline itself.
        if (a0 >= x0 && b0 >= y0 && a1 <= x1 && b1 <= y1) return true;
        const g = parsed(`commune:${c.code}`);
        return g !== null && booleanIntersects(g, boxPolygon);
      });
      return hits.sort((a, b) => position.get(a.code)! - position.get(b.code)!);
    },
    search(text) {
      const q = foldDiacritics(text);
      return q ? communes.filter((c) => c.folded.includes(q)) : communes;
    },
    geometry(key, opts = {}) {
      const level = simplifyLevel(opts.simplifyMeters);
      const k = `${key}|${level ?? ''}|${opts.precision ?? ''}`;
      const known = cached(k);
      if (known) return known;
      const raw = parsed(key);
      if (!raw) return null;
      // ~111 km per degree of latitude: the tolerance in degrees, as for the commune's own outlines.
      let g: Geometry = level === null ? raw : simplifiedMultiPolygon(raw, level / 111_000);
      if (opts.precision !== undefined && opts.precision !== null) {
        const f = 10 ** opts.precision;
        const round = (c: unknown): unknown => (typeof c === 'number' ? Math.round(c * f) / f : (c as unknown[]).map(round));
        g = { ...g, coordinates: round((g as MultiPolygon).coordinates) } as Geometry;
      }
      return level === null && (opts.precision === undefined || opts.precision === null) ? g : keep(k, g);
    },
    quality: () => quality,
    source: seeds.source,
  };
}

/**
 * Each polygon simplified on its own: one whose ring turf cannot simplify (a sliver of a few repeated points) is kept
 * as it is, so a tiny island never breaks a whole outline.
 */
function simplifiedMultiPolygon(g: MultiPolygon, tolerance: number): MultiPolygon {
  return {
    type: 'MultiPolygon',
    coordinates: g.coordinates.map((coordinates) => {
      try {
        return (simplify({ type: 'Polygon', coordinates }, { tolerance, highQuality: false }) as Polygon).coordinates;
      } catch {
        return coordinates;
      }
    }),
  };
}

let loaded: NationalIndex | null = null;

/** The index of seeds/vietnam/, read on first use (about half a second) and kept. */
export function nationalIndex(): NationalIndex {
  return (loaded ??= buildNationalIndex(readNationalSeeds(config.nationalSeedDir)));
}
