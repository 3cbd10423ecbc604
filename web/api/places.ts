// Query: places of interest (resettlement sites, roads…) with their attributes and sources.
import { graphql, request } from './graphql.ts';
import { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';
import { asDescribed, type Place } from './types.ts';

/** What the page reads of a place. */
export const PLACE_FIELDS = graphql(`
  fragment PlaceFields on Place {
    id kind name nameEn status formerCommuneId villageIds note noteEn geometry
    attributes { key value comparator unit status source { ...SourceRefFields } }
    source { ...SourceRefFields }
  }
`, [SOURCE_REF_FIELDS]);

export const PLACES_QUERY = graphql(`
  query AtlasPlaces {
    places { ...PlaceFields }
  }
`, [PLACE_FIELDS]);

/** Fetch every place. */
export async function fetchPlaces(signal?: AbortSignal): Promise<Place[]> {
  return asDescribed<Place[]>((await request(PLACES_QUERY, {}, signal)).places);
}
