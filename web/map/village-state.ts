// Classifies a bản's observation of a boolean indicator into the three states the map shows.
import type { Observation, Village } from '../api/types.ts';

/** achieved / not achieved from a bản-level value; unknown when the source gives no bản-level value. */
export type VillageState = 'achieved' | 'notAchieved' | 'unknown';

/** The three states in legend order. */
export const VILLAGE_STATES: readonly VillageState[] = ['achieved', 'notAchieved', 'unknown'];

/** State of one observation: only a real boolean counts; anything else is unknown, never guessed. */
export function stateOf(observation: Observation | null): VillageState {
  if (!observation) return 'unknown';
  if (observation.value === true) return 'achieved';
  if (observation.value === false) return 'notAchieved';
  return 'unknown';
}

/** How many bản are in each state (every state present, 0 included). */
export function countStates(villages: Village[]): Record<VillageState, number> {
  const counts: Record<VillageState, number> = { achieved: 0, notAchieved: 0, unknown: 0 };
  for (const v of villages) counts[stateOf(v.observation)] += 1;
  return counts;
}
