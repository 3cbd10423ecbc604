// Query: the source documents (titles, publishers, licences) behind every number and boundary.
import { graphql, request } from './graphql.ts';

export const SOURCES_QUERY = graphql(`
  query AtlasSources {
    sources { id title titleEn publisher publisherEn licence licenceEn url }
  }
`);

/** Fetch the source documents. */
export async function fetchSources(signal?: AbortSignal) {
  return (await request(SOURCES_QUERY, {}, signal)).sources;
}
