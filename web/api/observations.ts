// Query: every observation the viewer may see, at every level, newest period first.
import { graphql, request, type ResultOf } from './graphql.ts';
import { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';

/** What the page reads of an observation with its unit named. */
export const OBSERVATION_FIELDS = graphql(`
  fragment ObservationFields on UnitValue {
    indicator period value comparator denominator status formula note enteredBy enteredAt version unitId level unitLabel
    source { ...SourceRefFields }
  }
`, [SOURCE_REF_FIELDS]);

export const OBSERVATIONS_QUERY = graphql(`
  query AtlasObservations($unitId: String, $indicator: String, $offset: Int!) {
    observations(unitId: $unitId, indicator: $indicator, limit: 100, offset: $offset) { ...ObservationFields }
  }
`, [OBSERVATION_FIELDS]);

type ObservationRow = ResultOf<typeof OBSERVATIONS_QUERY>['observations'][number];

/** Fetch observations (all of them, or of one unit / indicator), page by page (the portal sends at most 100 a page). */
export async function fetchObservations(filter: { unitId?: string; indicator?: string } = {}, signal?: AbortSignal, have: ObservationRow[] = []) {
  const all: ObservationRow[] = [...have];
  for (;;) {
    const { observations } = await request(OBSERVATIONS_QUERY, { ...filter, offset: all.length }, signal);
    all.push(...observations);
    if (observations.length < 100) return all;
  }
}
