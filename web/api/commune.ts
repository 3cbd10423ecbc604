// Query: the commune, its former communes and its boundary provenance.
import { graphql, request } from './graphql.ts';
import { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';
import { asDescribed, type Commune } from './types.ts';

export const COMMUNE_QUERY = graphql(`
  query AtlasCommune {
    commune {
      id code name statedAreaKm2 officialAreaKm2 measuredAreaKm2 population
      adminCentre { name villageName villageId located formerCommuneId formerCommuneKnown status source { ...SourceRefFields } }
      geometry boundaryQuality boundarySource
      formerCommunes { id code name villageCount geometry boundaryQuality centroid }
    }
  }
`, [SOURCE_REF_FIELDS]);

/** Fetch the commune with its former communes. */
export async function fetchCommune(signal?: AbortSignal): Promise<Commune> {
  return asDescribed<Commune>((await request(COMMUNE_QUERY, {}, signal)).commune);
}
