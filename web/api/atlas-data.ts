// Everything the portal needs at start, in two parallel requests (the boot queries, GET by persisted id); switching
// indicator or level afterwards is computed in the browser. What the facts of yes/no indicators imply
// comes from the server's fact engine (coverages), so every view reads the same counts and deductions.
import { BOOT_QUERY, BOOT_VALUES_QUERY } from './boot.ts';
import { requestPersisted } from './graphql.ts';
import { atlasDataOf, bootValuesOf } from './boot-data.ts';
import type { Commune, Coverage, Indicator, Me, Neighbour, Place, SourceDocument, Target, UnitValue, VillageInfo } from './types.ts';

export interface AtlasData {
  commune: Commune;
  villages: VillageInfo[];
  neighbours: Neighbour[];
  sources: SourceDocument[];
  indicators: Indicator[];
  /** Each unit's newest value of each indicator, with the earlier periods of the commune and former communes (newest first). */
  observations: UnitValue[];
  /** Every yes/no indicator resolved by the fact engine. */
  coverages: Coverage[];
  targets: Target[];
  places: Place[];
}

/** Load the commune, bản, neighbours, sources, indicators, observations, coverages, targets and places, and who is signed in. */
export async function loadAtlasData(signal?: AbortSignal): Promise<{ data: AtlasData; me: Me | null }> {
  const [boot, values] = await Promise.all([requestPersisted(BOOT_QUERY, {}, signal), requestPersisted(BOOT_VALUES_QUERY, {}, signal)]);
  return { data: atlasDataOf(boot, values), me: boot.me };
}

/** The values of the first map (the boot values query): observations as AtlasData keeps them, and targets. */
export async function loadBootValues(signal?: AbortSignal): Promise<Pick<AtlasData, 'observations' | 'targets'>> {
  return bootValuesOf(await requestPersisted(BOOT_VALUES_QUERY, {}, signal));
}
