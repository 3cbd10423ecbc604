// What the national map colours communes by, and the quantile classes of each measure over the communes: pure, so the
// national index and the tile-cutting worker (which loads nothing else of the index, turf least of all) share it.
import type { NationalCommuneSeed } from './national-seed-types.ts';
import { quantileLimits } from './quantile-classes.ts';

/** What the national map colours communes by. */
export const NATIONAL_MEASURES = ['density', 'areaKm2', 'population'] as const;
export type NationalMeasure = (typeof NATIONAL_MEASURES)[number];
/** Classes of the national map. */
export const NATIONAL_CLASSES = 5;

/** A commune's value of a measure (density: people per official km²; null when the area is 0). */
export function measureOf(c: Pick<NationalCommuneSeed, 'areaKm2' | 'population'>, m: NationalMeasure): number | null {
  if (m === 'density') return c.areaKm2 > 0 ? c.population / c.areaKm2 : null;
  return c[m];
}

/** Quantile class limits of each measure over these communes (the national map's classes). */
export function nationalClassLimits(communes: Array<Pick<NationalCommuneSeed, 'areaKm2' | 'population'>>): Record<NationalMeasure, number[]> {
  return Object.fromEntries(NATIONAL_MEASURES.map((m) => [m,
    quantileLimits(communes.map((c) => measureOf(c, m)).filter((v): v is number => v !== null), NATIONAL_CLASSES)])) as Record<NationalMeasure, number[]>;
}
