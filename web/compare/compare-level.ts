// The level an indicator is mapped at when it is chosen from a list (the overview and the compare view):
// per bản for a yes/no indicator the report gives per bản, otherwise per former commune.
import type { Indicator } from '../api/types.ts';
import type { Level } from '../state/ui-state.ts';

/** The level at which `indicator` informs best. */
export function naturalLevel(indicator: Pick<Indicator, 'kind' | 'levels'>): Level {
  return indicator.kind === 'boolean' && indicator.levels.includes('village') ? 'village' : 'formerCommune';
}
