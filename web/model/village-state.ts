// The four states a bản's yes/no value can be in on the map and in the scorecard.
import type { UnitValue } from '../api/types.ts';

/** achieved / not achieved from a reported or derived bản value; estimated; unknown when no bản value exists. */
export type VillageState = 'achieved' | 'notAchieved' | 'unknown' | 'estimated';

/** The states in legend order. */
export const VILLAGE_STATES: readonly VillageState[] = ['achieved', 'notAchieved', 'estimated', 'unknown'];

/** State of one observation: only a real boolean counts; an estimate is never shown as a value colour. */
export function stateOf(observation: Pick<UnitValue, 'value' | 'status'> | null): VillageState {
  if (!observation || typeof observation.value !== 'boolean') return 'unknown';
  if (observation.status === 'ESTIMATED') return 'estimated';
  return observation.value ? 'achieved' : 'notAchieved';
}
