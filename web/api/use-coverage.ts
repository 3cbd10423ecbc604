// Coverage of the yes/no indicator on the map, fetched once per indicator and kept.
import { useEffect, useState } from 'react';
import { fetchCoverage } from './coverage.ts';
import type { Coverage } from './types.ts';

const cache = new Map<string, Promise<Coverage>>();

/** Forget cached coverage (after an edit). */
export function clearCoverageCache(): void {
  cache.clear();
}

/** The coverage of `indicator` when it is a yes/no indicator, else null. */
export function useCoverage(indicator: string | null, isBoolean: boolean, version = 0): Coverage | null {
  const [coverage, setCoverage] = useState<Coverage | null>(null);
  useEffect(() => {
    if (!indicator || !isBoolean) {
      setCoverage(null);
      return;
    }
    let live = true;
    let p = cache.get(indicator);
    if (!p) {
      p = fetchCoverage(indicator);
      cache.set(indicator, p);
      p.catch(() => cache.delete(indicator));
    }
    p.then((c) => { if (live) setCoverage(c); }, (e: unknown) => console.error(e));
    return () => {
      live = false;
    };
  }, [indicator, isBoolean, version]);
  return coverage && coverage.indicator === indicator ? coverage : null;
}
