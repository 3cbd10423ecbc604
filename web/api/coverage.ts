// Query: what the facts of the yes/no indicators imply (the server's fact engine), for the commune,
// per former commune and per bản, as this viewer may see it.
import { request } from './graphql.ts';
import { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';
import type { Coverage } from './types.ts';

const COUNT = `achieved min max total share complete unknownVillages basis status assumptions reason { key params } sources { ${SOURCE_REF_FIELDS} }`;
const COVERAGE_FIELDS = `
  indicator indicatorName ${COUNT} target targetComparator targetNo targetMet
  source { ${SOURCE_REF_FIELDS} }
  findings { kind unitId params }
  groups { id code name ${COUNT} formula source { ${SOURCE_REF_FIELDS} } }
  villages { unitId value basis status assumptions reason { key params } sources { ${SOURCE_REF_FIELDS} } }
`;

export const COVERAGE_QUERY = /* GraphQL */ `
  query AtlasCoverage($indicator: String!) {
    coverage(indicator: $indicator) { ${COVERAGE_FIELDS} }
  }
`;

export const COVERAGES_QUERY = /* GraphQL */ `
  query AtlasCoverages {
    coverages { ${COVERAGE_FIELDS} }
  }
`;

/** Fetch the coverage of `indicator`. */
export async function fetchCoverage(indicator: string, signal?: AbortSignal): Promise<Coverage> {
  return (await request<{ coverage: Coverage }, { indicator: string }>(COVERAGE_QUERY, { indicator }, signal)).coverage;
}

/** Fetch the coverage of every yes/no indicator. */
export async function fetchCoverages(signal?: AbortSignal): Promise<Coverage[]> {
  return (await request<{ coverages: Coverage[] }, Record<string, never>>(COVERAGES_QUERY, {}, signal)).coverages;
}
