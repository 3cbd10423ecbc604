// Query: what the facts of the yes/no indicators imply (the server's fact engine), for the commune,
// per former commune and per bản, as this viewer may see it.
import { graphql, request } from './graphql.ts';
import { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';
import { asDescribed, type Coverage } from './types.ts';

/** Everything the page reads of a Coverage: the commune's count, each group's and each bản's value. */
export const COVERAGE_FIELDS = graphql(`
  fragment CoverageFields on Coverage {
    indicator indicatorName
    achieved min max total share complete unknownVillages basis status assumptions reason { key params } sources { ...SourceRefFields }
    target targetComparator targetNo targetMet
    source { ...SourceRefFields }
    findings { kind unitId params }
    groups {
      id code name
      achieved min max total share complete unknownVillages basis status assumptions reason { key params } sources { ...SourceRefFields }
      formula source { ...SourceRefFields }
    }
    villages { unitId value basis status assumptions reason { key params } sources { ...SourceRefFields } publication publishedValue }
  }
`, [SOURCE_REF_FIELDS]);

export const COVERAGE_QUERY = graphql(`
  query AtlasCoverage($indicator: String!) {
    coverage(indicator: $indicator) { ...CoverageFields }
  }
`, [COVERAGE_FIELDS]);

export const COVERAGES_QUERY = graphql(`
  query AtlasCoverages {
    coverages { ...CoverageFields }
  }
`, [COVERAGE_FIELDS]);

/** Fetch the coverage of `indicator`. */
export async function fetchCoverage(indicator: string, signal?: AbortSignal): Promise<Coverage> {
  return asDescribed<Coverage>((await request(COVERAGE_QUERY, { indicator }, signal)).coverage);
}

/** Fetch the coverage of every yes/no indicator. */
export async function fetchCoverages(signal?: AbortSignal): Promise<Coverage[]> {
  return asDescribed<Coverage[]>((await request(COVERAGES_QUERY, {}, signal)).coverages);
}
