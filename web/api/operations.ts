// Every operation the page sends, in one list: `npm test` validates each against server/schema.graphql,
// and the persisted-operation manifest (persisted-operations.json) is built from it.
import { BOOT_QUERY, BOOT_VALUES_QUERY } from './boot.ts';
import { COMMUNE_QUERY } from './commune.ts';
import { COVERAGE_QUERY, COVERAGES_QUERY } from './coverage.ts';
import { NAME_VILLAGE_MUTATION, PLACE_CENTRE_MUTATION, SET_OBSERVATION_MUTATION } from './edits.ts';
import { FIELD_SUBMISSIONS_QUERY, REVIEW_FIELD_SUBMISSION_MUTATION } from './field-review.ts';
import { SYNC_FIELD_RECORDS_MUTATION } from './field-sync.ts';
import { INDICATORS_QUERY } from './indicators.ts';
import { NEIGHBOURS_QUERY } from './neighbours.ts';
import { NATIONAL_COMMUNE_QUERY, NATIONAL_OVERVIEW_QUERY } from './national.ts';
import { OBSERVATIONS_QUERY } from './observations.ts';
import { PLACES_QUERY } from './places.ts';
import { HISTORY_QUERY, ME_QUERY, SIGN_IN_MUTATION, SIGN_OUT_MUTATION } from './session.ts';
import { SOURCES_QUERY } from './sources.ts';
import { TARGETS_QUERY } from './targets.ts';
import { VILLAGES_QUERY } from './villages.ts';

/**
 * The page's operations: boot (everything the first map needs, in two GETs), the parts again after an edit or for
 * full geometry (commune, bản, neighbours, sources, indicators, observations, places, coverage, targets), profile
 * (history), session and editing, field sync and the review queue.
 */
export const PAGE_OPERATIONS = [
  BOOT_QUERY, BOOT_VALUES_QUERY, COMMUNE_QUERY, VILLAGES_QUERY, NEIGHBOURS_QUERY, SOURCES_QUERY, INDICATORS_QUERY, OBSERVATIONS_QUERY, PLACES_QUERY,
  COVERAGE_QUERY, COVERAGES_QUERY, TARGETS_QUERY,
  ME_QUERY, SIGN_IN_MUTATION, SIGN_OUT_MUTATION, HISTORY_QUERY,
  SET_OBSERVATION_MUTATION, NAME_VILLAGE_MUTATION, PLACE_CENTRE_MUTATION,
  NATIONAL_OVERVIEW_QUERY, NATIONAL_COMMUNE_QUERY,
  SYNC_FIELD_RECORDS_MUTATION, FIELD_SUBMISSIONS_QUERY, REVIEW_FIELD_SUBMISSION_MUTATION,
] as const;
