// Query: the source documents (titles, publishers, licences) behind every number and boundary.
import { request } from './graphql.ts';
import type { SourceDocument } from './types.ts';

export const SOURCES_QUERY = /* GraphQL */ `
  query AtlasSources {
    sources { id title publisher licence url }
  }
`;

/** Fetch the source documents. */
export async function fetchSources(signal?: AbortSignal): Promise<SourceDocument[]> {
  return (await request<{ sources: SourceDocument[] }>(SOURCES_QUERY, undefined, signal)).sources;
}
