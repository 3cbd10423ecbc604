// Query: places of interest (resettlement sites, roads…) with their attributes and sources.
import { request } from './graphql.ts';
import { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';
import type { Place } from './types.ts';

export const PLACES_QUERY = /* GraphQL */ `
  query AtlasPlaces {
    places {
      id kind name status formerCommuneId villageIds note geometry
      attributes { key value unit status source { ${SOURCE_REF_FIELDS} } }
      source { ${SOURCE_REF_FIELDS} }
    }
  }
`;

/** Fetch every place. */
export async function fetchPlaces(signal?: AbortSignal): Promise<Place[]> {
  return (await request<{ places: Place[] }>(PLACES_QUERY, undefined, signal)).places;
}
