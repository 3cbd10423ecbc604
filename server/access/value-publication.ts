// Where a value a signed-in user is shown stands in publication, for the ways out that carry values as flat columns
// and properties (exports, OGC items, vector tiles): each reads publicationState, the one rule, through this module.
import type { BanBasis } from '../../geo/facts/fact-types.ts';
import { ANONYMOUS, type Viewer } from '../schema/context.ts';
import type { AtlasSnapshot, Indicator, Observation, Unit } from '../store/atlas-store.ts';
import { canSeeDeduced } from './deduced-visibility.ts';
import { publicationState, type PublicationState } from './observation-visibility.ts';

/** A sensitive value's state as a file or feature names it beside the value (never PUBLIC: that is for values not sensitive). */
export type ShownPublication = Exclude<PublicationState, 'PUBLIC'>;


/**
 * Whether this viewer's files and features carry a publication column beside this indicator's values: signed-in users,
 * sensitive indicators. Anonymous visitors only ever receive public values, so theirs stay as they were.
 */
export function carriesPublication(viewer: Viewer, indicator: Pick<Indicator, 'sensitive'> | undefined): boolean {
  return viewer.role !== 'anonymous' && (indicator?.sensitive ?? false);
}

/** The state that says least public: RESTRICTED before PENDING before PUBLISHED. */
const ORDER: ShownPublication[] = ['RESTRICTED', 'PENDING', 'PUBLISHED'];

/**
 * The publication state of a sensitive value as shown to a signed-in user, from what it rests on: its own stored
 * observation (publicationState), or for a value the fact engine deduced for a bản, RESTRICTED where anonymous visitors
 * may not see a deduction about that bản (deduced-visibility.ts), else the least public state of the facts it rests on.
 * Null when the value is unknown.
 */
export function shownPublication(store: AtlasSnapshot, indicator: Pick<Indicator, 'sensitive'>, unit: Pick<Unit, 'name'>,
  basis: BanBasis, sources: Observation[]): ShownPublication | null {
  if (sources.length === 0) return null;
  if (basis !== 'OWN' && !canSeeDeduced(ANONYMOUS, indicator, unit)) return 'RESTRICTED';
  return leastPublic(store, sources);
}

/** A count of bản (a former commune's, the commune's) as shown to a signed-in user: the least public state of the facts it rests on; null when none. */
export function countPublication(store: AtlasSnapshot, sources: Observation[]): ShownPublication | null {
  return sources.length === 0 ? null : leastPublic(store, sources);
}

function leastPublic(store: AtlasSnapshot, sources: Observation[]): ShownPublication {
  const states = sources.map((o) => publicationState(store, o));
  return ORDER.find((s) => states.includes(s)) ?? 'PUBLISHED';
}
