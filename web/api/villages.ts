// Query: the 23 bản with geometry and their observation of one indicator (null = unknown at bản level).
import { request } from './graphql.ts';
import { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';
import type { Village } from './types.ts';

export const VILLAGES_QUERY = /* GraphQL */ `
  query AtlasVillages($indicator: String!) {
    villages {
      id name nameKnown label provisionalLabel boundaryQuality centroid geometry
      formerCommune { id code name }
      observation(indicator: $indicator) {
        indicator period value denominator status formula note
        source { ${SOURCE_REF_FIELDS} }
      }
    }
  }
`;

/** Fetch every bản with its observation of `indicator`. */
export async function fetchVillages(indicator: string, signal?: AbortSignal): Promise<Village[]> {
  return (await request<{ villages: Village[] }, { indicator: string }>(VILLAGES_QUERY, { indicator }, signal)).villages;
}
