// Query: every indicator with its kind, unit, direction and the levels it is observed at.
import { request } from './graphql.ts';
import type { Indicator } from './types.ts';

export const INDICATORS_QUERY = /* GraphQL */ `
  query AtlasIndicators {
    indicators { key nameVi nameEn kind unit higherIsBetter sensitive levels descriptionVi descriptionEn }
  }
`;

/** Fetch the indicators in the report's order. */
export async function fetchIndicators(signal?: AbortSignal): Promise<Indicator[]> {
  return (await request<{ indicators: Indicator[] }>(INDICATORS_QUERY, undefined, signal)).indicators;
}
