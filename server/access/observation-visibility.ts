import type { AtlasSnapshot, Observation, Unit } from '../store/atlas-store.ts';
import type { Viewer } from '../schema/context.ts';

/**
 * Sensitive indicators (drug status) reach anonymous visitors only when the value was published: seeded
 * from a public document, or by an admin's recorded publish action (which document may publish which value is
 * publication-rule.ts's: a public one about the unit's commune, stating that value). The document a value cites is not
 * enough: an editor or an import can name any document. This holds at every level: a former commune's
 * count typed by an officer would otherwise be shown publicly as if the report said it. What a group fact
 * implies for a named bản is decided in deduced-visibility.ts. A value entered in the field is shown to signed-in
 * users only until a reviewer accepts it (review PENDING or RETURNED); accepted, it follows these same rules, so a
 * sensitive one still waits for an admin's publish action. Everything else is public.
 */
export function canSee(store: AtlasSnapshot, viewer: Viewer, obs: Observation, _unit: Unit | undefined): boolean {
  if (viewer.role !== 'anonymous') return true;
  if (obs.review !== null) return false;
  if (!store.indicator(obs.indicator)?.sensitive) return true;
  return obs.publication !== null;
}

/** Officers' user names (who entered a value) are shown to signed-in users only. */
export function canSeeWhoEntered(viewer: Viewer): boolean {
  return viewer.role !== 'anonymous';
}

/**
 * Viewers who see exactly the same values under the rules of server/access (anonymous visitors; any signed-in user):
 * what a view computed for one may be reused for another of the same class (vector tiles' features).
 */
export function visibilityClass(viewer: Viewer): 'public' | 'signed-in' {
  return viewer.role === 'anonymous' ? 'public' : 'signed-in';
}
