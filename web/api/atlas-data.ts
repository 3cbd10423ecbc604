// Everything the map page needs, fetched in parallel from the portal.
import { fetchCommune } from './commune.ts';
import { fetchCoverage } from './coverage.ts';
import { fetchNeighbours } from './neighbours.ts';
import { fetchSources } from './sources.ts';
import { fetchVillages } from './villages.ts';
import type { Commune, Coverage, Neighbour, SourceDocument, Village } from './types.ts';

export interface AtlasData {
  indicator: string;
  commune: Commune;
  villages: Village[];
  coverage: Coverage;
  neighbours: Neighbour[];
  sources: SourceDocument[];
}

/** Load the commune, bản, coverage of `indicator`, neighbours and sources. */
export async function loadAtlasData(indicator: string, signal?: AbortSignal): Promise<AtlasData> {
  const [commune, villages, coverage, neighbours, sources] = await Promise.all([
    fetchCommune(signal),
    fetchVillages(indicator, signal),
    fetchCoverage(indicator, signal),
    fetchNeighbours(signal),
    fetchSources(signal),
  ]);
  return { indicator, commune, villages, coverage, neighbours, sources };
}
