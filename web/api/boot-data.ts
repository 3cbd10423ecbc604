// The boot queries' answers as the page keeps them (AtlasData). Without the GraphQL client: the first picture
// (web/first-picture/) reads the same answers before the page's main code has loaded.
import type { AtlasData } from './atlas-data.ts';
import type { BOOT_QUERY, BOOT_VALUES_QUERY } from './boot.ts';
import type { ResultOf } from './graphql.ts';
import { asDescribed, type Commune, type Coverage, type Neighbour, type Place, type VillageInfo } from './types.ts';

export type BootAnswer = ResultOf<typeof BOOT_QUERY>;
export type BootValuesAnswer = ResultOf<typeof BOOT_VALUES_QUERY>;

/** The values of the first map: observations as AtlasData keeps them, and targets. */
export function bootValuesOf(values: BootValuesAnswer): Pick<AtlasData, 'observations' | 'targets'> {
  // Above the bản every period is there (the overview's trends); of a bản, its newest value of each indicator.
  const observations = [...values.commune, ...values.formerCommunes, ...values.latest.filter((o) => o.level === 'village')];
  return { observations, targets: values.targets };
}

/** AtlasData from the two boot answers. */
export function atlasDataOf(boot: BootAnswer, values: BootValuesAnswer): AtlasData {
  const { observations, targets } = bootValuesOf(values);
  return {
    commune: asDescribed<Commune>(boot.commune),
    villages: asDescribed<VillageInfo[]>(boot.villages),
    neighbours: asDescribed<Neighbour[]>(boot.neighbours),
    sources: boot.sources,
    indicators: boot.indicators,
    observations,
    coverages: asDescribed<Coverage[]>(boot.coverages),
    targets,
    places: asDescribed<Place[]>(boot.places),
  };
}
