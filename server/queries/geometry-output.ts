import { simplify } from '@turf/turf';
import type { Geometry } from 'geojson';
import type { AtlasSnapshot } from '../store/atlas-store.ts';

export interface GeometryOptions {
  /** Decimal places kept in coordinates (6 ≈ 0.1 m, 4 ≈ 10 m). */
  precision?: number | null;
  /** Douglas–Peucker tolerance in metres, rounded down to one of SIMPLIFY_LEVELS. */
  simplifyMeters?: number | null;
}

/**
 * The tolerances outlines are simplified at (1, 2, 5 × 10ⁿ m up to the 5 km maximum). A request
 * uses the largest level not above what it asks, so it is never simplified more than asked, and
 * the cache holds at most one outline per bản and level whatever clients send.
 */
export const SIMPLIFY_LEVELS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] as const;

export function simplifyLevel(meters: number | null | undefined): number | null {
  if (!meters) return null;
  let level: number | null = null;
  for (const l of SIMPLIFY_LEVELS) if (l <= meters) level = l;
  return level;
}

type VersionedCache = WeakMap<AtlasSnapshot, { version: number; cache: Map<string, Geometry> }>;
const simplified: VersionedCache = new WeakMap();
const output: VersionedCache = new WeakMap();

/** The store's cache for its current data version (a new, empty one after any edit). */
function cacheFor(caches: VersionedCache, store: AtlasSnapshot): Map<string, Geometry> {
  const version = store.dataVersion();
  let entry = caches.get(store);
  if (!entry || entry.version !== version) { entry = { version, cache: new Map() }; caches.set(store, entry); }
  return entry.cache;
}

function simplifiedGeometry(store: AtlasSnapshot, key: string, geometry: Geometry, level: number): Geometry {
  const cache = cacheFor(simplified, store);
  const k = `${key}|${level}`;
  let g = cache.get(k);
  if (!g) {
    // ~111 km per degree: a tolerance in degrees good enough at this latitude for display output.
    g = simplify(geometry, { tolerance: level / 111_000, highQuality: true });
    cache.set(k, g);
  }
  return g;
}

/** Simplify every bản outline at every level now (at start-up), so requests find them ready. */
export function precomputeSimplified(store: AtlasSnapshot): void {
  for (const v of store.units('village')) {
    const b = store.boundary(v.id);
    if (b) for (const level of SIMPLIFY_LEVELS) simplifiedGeometry(store, v.id, b.geometry as Geometry, level);
  }
}

/**
 * A stored geometry as asked for: simplified and rounded once per bản, level, precision and data version
 * (precision is 0–10 and levels are fixed, so the cache stays small whatever clients send); fifteen aliases
 * of the same outline, or fifteen clients, share one object.
 */
export function outputGeometry(store: AtlasSnapshot, key: string, geometry: Geometry, opts: GeometryOptions = {}): Geometry {
  const cache = cacheFor(output, store);
  const k = `${key}|${simplifyLevel(opts.simplifyMeters)}|${opts.precision ?? ''}`;
  let g = cache.get(k);
  if (!g) { g = computeOutput(store, key, geometry, opts); cache.set(k, g); }
  return g;
}

function computeOutput(store: AtlasSnapshot, key: string, geometry: Geometry, opts: GeometryOptions): Geometry {
  const level = simplifyLevel(opts.simplifyMeters);
  let g = level === null ? geometry : simplifiedGeometry(store, key, geometry, level);
  if (opts.precision !== undefined && opts.precision !== null) {
    const f = 10 ** opts.precision;
    const round = (c: unknown): unknown => (typeof c === 'number' ? Math.round(c * f) / f : (c as unknown[]).map(round));
    g = { ...g, coordinates: round((g as { coordinates: unknown }).coordinates) } as Geometry;
  }
  return g;
}
