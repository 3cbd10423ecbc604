import { simplify } from '@turf/turf';
import type { Geometry } from 'geojson';
import type { AtlasStore } from '../store/atlas-store.ts';

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

const simplified = new WeakMap<AtlasStore, { version: number; cache: Map<string, Geometry> }>();

function simplifiedGeometry(store: AtlasStore, key: string, geometry: Geometry, level: number): Geometry {
  const version = store.dataVersion();
  let entry = simplified.get(store);
  if (!entry || entry.version !== version) { entry = { version, cache: new Map() }; simplified.set(store, entry); }
  const k = `${key}|${level}`;
  let g = entry.cache.get(k);
  if (!g) {
    // ~111 km per degree: a tolerance in degrees good enough at this latitude for display output.
    g = simplify(geometry, { tolerance: level / 111_000, highQuality: true });
    entry.cache.set(k, g);
  }
  return g;
}

/** Simplify every bản outline at every level now (at start-up), so requests find them ready. */
export function precomputeSimplified(store: AtlasStore): void {
  for (const v of store.units('village')) {
    const b = store.boundary(v.id);
    if (b) for (const level of SIMPLIFY_LEVELS) simplifiedGeometry(store, v.id, b.geometry as Geometry, level);
  }
}

// One answer's geometry, per request: fifteen aliases of the same outline are simplified and rounded once.
const perRequest = new WeakMap<object, Map<string, Geometry>>();

/**
 * A stored geometry as asked for: simplified (once per bản, level and data version) and rounded; with
 * `request` (the request's context), computed once per request for the same key and options.
 */
export function outputGeometry(store: AtlasStore, key: string, geometry: Geometry, opts: GeometryOptions = {}, request?: object): Geometry {
  if (!request) return computeOutput(store, key, geometry, opts);
  let memo = perRequest.get(request);
  if (!memo) { memo = new Map(); perRequest.set(request, memo); }
  const k = `${key}|${simplifyLevel(opts.simplifyMeters)}|${opts.precision ?? ''}`;
  let g = memo.get(k);
  if (!g) { g = computeOutput(store, key, geometry, opts); memo.set(k, g); }
  return g;
}

function computeOutput(store: AtlasStore, key: string, geometry: Geometry, opts: GeometryOptions): Geometry {
  const level = simplifyLevel(opts.simplifyMeters);
  let g = level === null ? geometry : simplifiedGeometry(store, key, geometry, level);
  if (opts.precision !== undefined && opts.precision !== null) {
    const f = 10 ** opts.precision;
    const round = (c: unknown): unknown => (typeof c === 'number' ? Math.round(c * f) / f : (c as unknown[]).map(round));
    g = { ...g, coordinates: round((g as { coordinates: unknown }).coordinates) } as Geometry;
  }
  return g;
}
