// Query: every observation the viewer may see, at every level, newest period first.
import { request } from './graphql.ts';
import { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';
import type { UnitValue } from './types.ts';

export const OBSERVATIONS_QUERY = /* GraphQL */ `
  query AtlasObservations($unitId: String, $indicator: String, $offset: Int!) {
    observations(unitId: $unitId, indicator: $indicator, limit: 100, offset: $offset) {
      indicator period value denominator status formula note enteredBy enteredAt version unitId level unitLabel
      source { ${SOURCE_REF_FIELDS} }
    }
  }
`;

/** Fetch observations (all of them, or of one unit / indicator), page by page (the portal sends at most 100 a page). */
export async function fetchObservations(filter: { unitId?: string; indicator?: string } = {}, signal?: AbortSignal): Promise<UnitValue[]> {
  const all: UnitValue[] = [];
  for (;;) {
    const { observations } = await request<{ observations: UnitValue[] }, { unitId?: string; indicator?: string; offset: number }>(
      OBSERVATIONS_QUERY, { ...filter, offset: all.length }, signal);
    all.push(...observations);
    if (observations.length < 100) return all;
  }
}
