// Everything the portal needs at start, in two parallel requests (the boot queries, GET by persisted id); switching
// indicator or level afterwards is computed in the browser. What the facts of yes/no indicators imply
// comes from the server's fact engine (coverages), so every view reads the same counts and deductions.
import { BOOT_QUERY, BOOT_VALUES_QUERY } from './boot.ts';
import { requestPersisted } from './graphql.ts';
import { asDescribed, type Commune, type Coverage, type Indicator, type Me, type Neighbour, type Place, type SourceDocument, type Target, type UnitValue, type VillageInfo } from './types.ts';

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
  const [boot, values] = await Promise.all([requestPersisted(BOOT_QUERY, {}, signal), loadBootValues(signal)]);
  const data: AtlasData = {
    commune: asDescribed<Commune>(boot.commune),
    villages: asDescribed<VillageInfo[]>(boot.villages),
    neighbours: asDescribed<Neighbour[]>(boot.neighbours),
    sources: boot.sources,
    indicators: boot.indicators,
    observations: values.observations,
    coverages: asDescribed<Coverage[]>(boot.coverages),
    targets: values.targets,
    places: asDescribed<Place[]>(boot.places),
  };
  return { data, me: boot.me };
}

/** The values of the first map (the boot values query): observations as AtlasData keeps them, and targets. */
export async function loadBootValues(signal?: AbortSignal): Promise<Pick<AtlasData, 'observations' | 'targets'>> {
  const values = await requestPersisted(BOOT_VALUES_QUERY, {}, signal);
  // Above the bản every period is there (the overview's trends); of a bản, its newest value of each indicator.
  const observations = [...values.commune, ...values.formerCommunes, ...values.latest.filter((o) => o.level === 'village')];
  return { observations, targets: values.targets };
}
