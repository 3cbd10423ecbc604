// Query: the communes around Mường Bang, drawn faded for context.
import { graphql, request } from './graphql.ts';
import { asDescribed, type Neighbour } from './types.ts';

export const NEIGHBOURS_QUERY = graphql(`
  query AtlasNeighbours {
    neighbours { code name geometry }
  }
`);

/** Fetch the neighbouring communes. */
export async function fetchNeighbours(signal?: AbortSignal): Promise<Neighbour[]> {
  return asDescribed<Neighbour[]>((await request(NEIGHBOURS_QUERY, {}, signal)).neighbours);
}
