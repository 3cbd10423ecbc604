// Query: the commune, its former communes and its boundary provenance.
import { request } from './graphql.ts';
import type { Commune } from './types.ts';

export const COMMUNE_QUERY = /* GraphQL */ `
  query AtlasCommune {
    commune {
      id code name statedAreaKm2 officialAreaKm2 measuredAreaKm2 population
      geometry boundaryQuality boundarySource
      formerCommunes { id code name villageCount geometry boundaryQuality centroid }
    }
  }
`;

/** Fetch the commune with its former communes. */
export async function fetchCommune(signal?: AbortSignal): Promise<Commune> {
  return (await request<{ commune: Commune }>(COMMUNE_QUERY, undefined, signal)).commune;
}
