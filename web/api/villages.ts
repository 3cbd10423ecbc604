// Query: the 23 bản with their cells and what is known of them (values come from observations.ts).
import { graphql, request } from './graphql.ts';
import { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';
import { asDescribed, type VillageInfo } from './types.ts';

/** A bản's identity and provenance, without its cell (the boot query asks for a compact one). */
export const VILLAGE_IDENTITY_FIELDS = graphql(`
  fragment VillageIdentityFields on Village {
    id name nameKnown label provisionalLabel boundaryQuality centroid centreKnown areaKm2 note noteEn version
    nameSource { ...SourceRefFields }
    formerCommune { id code name }
  }
`, [SOURCE_REF_FIELDS]);

/** What the page keeps of a bản: identity, cell and provenance (also what placeVillageCentre answers). */
export const VILLAGE_FIELDS = graphql(`
  fragment VillageFields on Village {
    ...VillageIdentityFields
    geometry
  }
`, [VILLAGE_IDENTITY_FIELDS]);

export const VILLAGES_QUERY = graphql(`
  query AtlasVillages {
    villages { ...VillageFields }
  }
`, [VILLAGE_FIELDS]);

/** Fetch every bản. */
export async function fetchVillages(signal?: AbortSignal): Promise<VillageInfo[]> {
  return asDescribed<VillageInfo[]>((await request(VILLAGES_QUERY, {}, signal)).villages);
}
