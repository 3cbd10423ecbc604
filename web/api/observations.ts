// Query: every observation the viewer may see, at every level, newest period first.
import { request } from './graphql.ts';
import { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';
import type { UnitValue } from './types.ts';

export const OBSERVATIONS_QUERY = /* GraphQL */ `
  query AtlasObservations($unitId: String, $indicator: String) {
    observations(unitId: $unitId, indicator: $indicator) {
      indicator period value denominator status formula note enteredBy enteredAt version unitId level unitLabel
      source { ${SOURCE_REF_FIELDS} }
    }
  }
`;

/** Fetch observations (all of them, or of one unit / indicator). */
export async function fetchObservations(filter: { unitId?: string; indicator?: string } = {}, signal?: AbortSignal): Promise<UnitValue[]> {
  return (await request<{ observations: UnitValue[] }, { unitId?: string; indicator?: string }>(OBSERVATIONS_QUERY, filter, signal)).observations;
}
