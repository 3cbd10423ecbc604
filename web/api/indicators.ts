// Query: every indicator with its kind, unit, direction and the levels it is observed at.
import { graphql, request } from './graphql.ts';

export const INDICATORS_QUERY = graphql(`
  query AtlasIndicators {
    indicators { key nameVi nameEn kind unit higherIsBetter sensitive levels }
  }
`);

/** Fetch the indicators in the report's order. */
export async function fetchIndicators(signal?: AbortSignal) {
  return (await request(INDICATORS_QUERY, {}, signal)).indicators;
}
