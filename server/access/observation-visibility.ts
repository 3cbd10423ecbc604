import type { AtlasSnapshot, Observation } from '../store/atlas-store.ts';
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
 *
 * While a sensitive value that was published has an unpublished edit (typed, imported or from the field) pending,
 * anonymous visitors keep seeing the last published value, with its source and quote, until an admin publishes the
 * new one; signed-in users see the pending one (publicationState says PENDING). Returns the value this viewer sees
 * for this stored observation, or null when it sees none (unknown).
 */
export function visibleObservation(store: AtlasSnapshot, viewer: Viewer, obs: Observation): Observation | null {
  if (viewer.role !== 'anonymous') return obs;
  const sensitive = store.indicator(obs.indicator)?.sensitive ?? false;
  if (obs.review === null && (!sensitive || obs.publication !== null)) {
    // Published again by withdrawing the edits over it: the public saw none of them, so it sees the published value as
    // it was (its version and entry), not the withdrawal's.
    return sensitive && obs.published && obs.published.version !== obs.version ? lastPublished(obs) : obs;
  }
  return sensitive && obs.published ? lastPublished(obs) : null;
}

/** The first of these observations (newest period first; those `where` keeps) the viewer sees a value of, as it sees it. */
export function firstVisible(store: AtlasSnapshot, viewer: Viewer, observations: Observation[], where?: (o: Observation) => boolean): Observation | undefined {
  for (const o of observations) {
    if (where && !where(o)) continue;
    const seen = visibleObservation(store, viewer, o);
    if (seen) return seen;
  }
  return undefined;
}

/** Every one of these observations the viewer sees a value of, as it sees it. */
export function allVisible(store: AtlasSnapshot, viewer: Viewer, observations: Observation[]): Observation[] {
  return observations.flatMap((o) => visibleObservation(store, viewer, o) ?? []);
}

/**
 * Where a value stands in publication: PUBLIC (not sensitive: public as entered), PUBLISHED (a public document states
 * it), PENDING (an unpublished edit of a published value: the public sees the last published one), RESTRICTED (never
 * published: signed-in users only).
 */
export type PublicationState = 'PUBLIC' | 'PUBLISHED' | 'PENDING' | 'RESTRICTED';

/** The publication state of a value as stored (the viewer sees the value visibleObservation gave it). */
export function publicationState(store: AtlasSnapshot, obs: Observation): PublicationState {
  if (!store.indicator(obs.indicator)?.sensitive) return 'PUBLIC';
  if (obs.publication !== null) return 'PUBLISHED';
  return obs.published ? 'PENDING' : 'RESTRICTED';
}

/**
 * The stored observation with its last published value in place of the pending one, at the version the public saw it
 * at: the current version grows with each unpublished edit, and would tell that edits wait.
 */
function lastPublished(obs: Observation): Observation {
  const p = obs.published!;
  return {
    ...obs, version: p.version, value: p.value, comparator: p.comparator, denominator: p.denominator, status: p.status, source: p.source, formula: p.formula, note: p.note,
    enteredBy: p.enteredBy, enteredAt: p.enteredAt, publication: p.publication, review: null, fieldClientId: null,
  };
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
