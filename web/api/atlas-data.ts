// Everything the portal needs at start, fetched in parallel once; switching indicator or level
// afterwards is computed in the browser. What the facts of yes/no indicators imply comes from the
// server's fact engine (coverages), so every view reads the same counts and deductions.
import { fetchCommune } from './commune.ts';
import { fetchCoverages } from './coverage.ts';
import { fetchIndicators } from './indicators.ts';
import { fetchNeighbours } from './neighbours.ts';
import { fetchObservations } from './observations.ts';
import { fetchPlaces } from './places.ts';
import { fetchSources } from './sources.ts';
import { fetchTargets } from './targets.ts';
import { fetchVillages } from './villages.ts';
import type { Commune, Coverage, Indicator, Neighbour, Place, SourceDocument, Target, UnitValue, VillageInfo } from './types.ts';

export interface AtlasData {
  commune: Commune;
  villages: VillageInfo[];
  neighbours: Neighbour[];
  sources: SourceDocument[];
  indicators: Indicator[];
  observations: UnitValue[];
  /** Every yes/no indicator resolved by the fact engine. */
  coverages: Coverage[];
  targets: Target[];
  places: Place[];
}

/** Load the commune, bản, neighbours, sources, indicators, observations, coverages, targets and places. */
export async function loadAtlasData(signal?: AbortSignal): Promise<AtlasData> {
  const [commune, villages, neighbours, sources, indicators, observations, coverages, targets, places] = await Promise.all([
    fetchCommune(signal),
    fetchVillages(signal),
    fetchNeighbours(signal),
    fetchSources(signal),
    fetchIndicators(signal),
    fetchObservations({}, signal),
    fetchCoverages(signal),
    fetchTargets(signal),
    fetchPlaces(signal),
  ]);
  return { commune, villages, neighbours, sources, indicators, observations, coverages, targets, places };
}
