// Everything the portal needs at start, fetched in parallel once; switching indicator or level
// afterwards is computed in the browser (coverage of yes/no indicators is fetched on demand).
import { fetchCommune } from './commune.ts';
import { fetchIndicators } from './indicators.ts';
import { fetchNeighbours } from './neighbours.ts';
import { fetchObservations } from './observations.ts';
import { fetchPlaces } from './places.ts';
import { fetchSources } from './sources.ts';
import { fetchTargets } from './targets.ts';
import { fetchVillages } from './villages.ts';
import type { Commune, Indicator, Neighbour, Place, SourceDocument, Target, UnitValue, VillageInfo } from './types.ts';

export interface AtlasData {
  commune: Commune;
  villages: VillageInfo[];
  neighbours: Neighbour[];
  sources: SourceDocument[];
  indicators: Indicator[];
  observations: UnitValue[];
  targets: Target[];
  places: Place[];
}

/** Load the commune, bản, neighbours, sources, indicators, observations, targets and places. */
export async function loadAtlasData(signal?: AbortSignal): Promise<AtlasData> {
  const [commune, villages, neighbours, sources, indicators, observations, targets, places] = await Promise.all([
    fetchCommune(signal),
    fetchVillages(signal),
    fetchNeighbours(signal),
    fetchSources(signal),
    fetchIndicators(signal),
    fetchObservations({}, signal),
    fetchTargets(signal),
    fetchPlaces(signal),
  ]);
  return { commune, villages, neighbours, sources, indicators, observations, targets, places };
}
