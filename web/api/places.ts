// Query: places of interest (resettlement sites, roads…) with their attributes and sources.
import { graphql, request } from './graphql.ts';
import { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';
import { asDescribed, type Place } from './types.ts';

export const PLACES_QUERY = graphql(`
  query AtlasPlaces {
    places {
      id kind name nameEn status formerCommuneId villageIds note noteEn geometry
      attributes { key value unit status source { ...SourceRefFields } }
      source { ...SourceRefFields }
    }
  }
`, [SOURCE_REF_FIELDS]);

/** Fetch every place. */
export async function fetchPlaces(signal?: AbortSignal): Promise<Place[]> {
  return asDescribed<Place[]>((await request(PLACES_QUERY, {}, signal)).places);
}
