// Query: the communes around Mường Bang, drawn faded for context.
import { request } from './graphql.ts';
import type { Neighbour } from './types.ts';

export const NEIGHBOURS_QUERY = /* GraphQL */ `
  query AtlasNeighbours {
    neighbours { code name geometry }
  }
`;

/** Fetch the neighbouring communes. */
export async function fetchNeighbours(signal?: AbortSignal): Promise<Neighbour[]> {
  return (await request<{ neighbours: Neighbour[] }>(NEIGHBOURS_QUERY, undefined, signal)).neighbours;
}
