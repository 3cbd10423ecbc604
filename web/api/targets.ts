// Query: the report's 21 targets for 2030 with baseline, current value, status and, for bản counts, the candidates.
import { request } from './graphql.ts';
import { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';
import type { Target } from './types.ts';

const VALUE = `value count denominator period status formula source { ${SOURCE_REF_FIELDS} }`;

export const TARGETS_QUERY = /* GraphQL */ `
  query AtlasTargets {
    targets {
      no group labelVi labelEn indicator comparator value unit year status villagesNeeded moreVillagesNeeded moreVillagesNeededAtMost note
      baseline { ${VALUE} }
      current { ${VALUE} }
      candidates { id label }
      parts { labelVi labelEn comparator value unit }
      source { ${SOURCE_REF_FIELDS} }
    }
  }
`;

/** Fetch the targets. */
export async function fetchTargets(signal?: AbortSignal): Promise<Target[]> {
  return (await request<{ targets: Target[] }>(TARGETS_QUERY, undefined, signal)).targets;
}
