// Query: how many bản achieve a boolean indicator, for the commune and per former commune.
import { request } from './graphql.ts';
import { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';
import type { Coverage } from './types.ts';

export const COVERAGE_QUERY = /* GraphQL */ `
  query AtlasCoverage($indicator: String!) {
    coverage(indicator: $indicator) {
      indicator indicatorName achieved total share complete target targetComparator targetNo targetMet unknownVillages
      source { ${SOURCE_REF_FIELDS} }
      groups { id code name achieved total share complete unknownVillages basis formula source { ${SOURCE_REF_FIELDS} } }
    }
  }
`;

/** Fetch the coverage of `indicator`. */
export async function fetchCoverage(indicator: string, signal?: AbortSignal): Promise<Coverage> {
  return (await request<{ coverage: Coverage }, { indicator: string }>(COVERAGE_QUERY, { indicator }, signal)).coverage;
}
