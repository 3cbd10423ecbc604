import { simplify } from '@turf/turf';
import type { Geometry } from 'geojson';
import type { AtlasStore } from '../store/atlas-store.ts';

export interface GeometryOptions {
  /** Decimal places kept in coordinates (6 ≈ 0.1 m, 4 ≈ 10 m). */
  precision?: number | null;
  /** Douglas–Peucker tolerance in metres. */
  simplifyMeters?: number | null;
}

const simplified = new WeakMap<AtlasStore, { version: number; cache: Map<string, Geometry> }>();

/**
 * A stored geometry as asked for: simplified (computed once per unit, tolerance and data version,
 * so repeated requests do no geometry work) and rounded to a number of decimals.
 */
export function outputGeometry(store: AtlasStore, key: string, geometry: Geometry, opts: GeometryOptions = {}): Geometry {
  let g = geometry;
  if (opts.simplifyMeters) {
    const version = store.dataVersion();
    let entry = simplified.get(store);
    if (!entry || entry.version !== version) { entry = { version, cache: new Map() }; simplified.set(store, entry); }
    const k = `${key}|${opts.simplifyMeters}`;
    if (!entry.cache.has(k)) {
      // ~111 km per degree: a tolerance in degrees good enough at this latitude for display output.
      entry.cache.set(k, simplify(geometry, { tolerance: opts.simplifyMeters / 111_000, highQuality: true }));
    }
    g = entry.cache.get(k)!;
  }
  if (opts.precision !== undefined && opts.precision !== null) {
    const f = 10 ** opts.precision;
    const round = (c: unknown): unknown => (typeof c === 'number' ? Math.round(c * f) / f : (c as unknown[]).map(round));
    g = { ...g, coordinates: round((g as { coordinates: unknown }).coordinates) } as Geometry;
  }
  return g;
}
