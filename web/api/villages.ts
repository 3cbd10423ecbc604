// Query: the 23 bản with their cells and what is known of them (values come from observations.ts).
import { request } from './graphql.ts';
import { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';
import type { VillageInfo } from './types.ts';

export const VILLAGES_QUERY = /* GraphQL */ `
  query AtlasVillages {
    villages {
      id name nameKnown label provisionalLabel boundaryQuality centroid centreKnown areaKm2 note version geometry
      nameSource { ${SOURCE_REF_FIELDS} }
      formerCommune { id code name }
    }
  }
`;

/** Fetch every bản. */
export async function fetchVillages(signal?: AbortSignal): Promise<VillageInfo[]> {
  return (await request<{ villages: VillageInfo[] }>(VILLAGES_QUERY, undefined, signal)).villages;
}
