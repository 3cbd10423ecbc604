// The last published value of an observation, kept beside its current value by both stores: a published value stays
// public while an editor's unpublished edit of it waits for an admin (server/access/observation-visibility.ts).
import type { Observation, ObservationInput, Publication, PublishedParts, PublishedValue, UnversionedPublishedValue } from './atlas-store.ts';

/** What is kept of a value when it is published: the value with its bound, status and source, and the publish action. */
export function publishedValueOf(o: PublishedParts, publication: Publication): UnversionedPublishedValue {
  return {
    value: o.value, comparator: o.comparator ?? null, denominator: o.denominator, status: o.status, source: o.source,
    formula: o.formula, note: o.note, enteredBy: o.enteredBy, enteredAt: o.enteredAt, publication,
  };
}

/**
 * Whether a write puts back exactly the last published value (a revert of the edit, or the same value on the same
 * source and sentence): then the stored value is the published one again, and it is published as it was.
 */
export function restoresPublished(published: UnversionedPublishedValue | null, input: ObservationInput): boolean {
  if (!published) return false;
  return JSON.stringify(published.value) === JSON.stringify(input.value)
    && (published.comparator ?? null) === (input.comparator ?? null)
    && published.denominator === input.denominator
    && published.status === input.status
    && sameSource(published.source, input.source);
}

/**
 * The publication and last published value a write of `input` over `old` leaves. Every written value starts
 * unpublished, whatever document it names (only publishObservation publishes); the last published value stays, with
 * the version the public saw it at, so unpublished edits change nothing the public sees. Putting it back exactly (a
 * revert) publishes it again as it was, at that same version: the public saw neither the edits nor their withdrawal.
 * Undoing a publish action puts back an earlier one (keepPublished): the public's value changes there, so it is seen
 * at the version written.
 */
export function publicationAfterWrite(old: Observation | null, input: ObservationInput): { publication: Publication | null; published: PublishedValue | null } {
  const undone = input.keepPublished !== undefined;
  const kept = undone ? input.keepPublished! : old?.published ?? null;
  if (!kept) return { publication: null, published: null };
  return {
    publication: restoresPublished(kept, input) ? kept.publication : null,
    published: undone ? { ...kept, version: old ? old.version + 1 : 1 } : old!.published!,
  };
}

/** The value an admin's publish action makes public, at the version that action writes. */
export function publishedByAction(old: Observation, source: Observation['source'], publication: Publication): PublishedValue {
  return { ...publishedValueOf({ ...old, source }, publication), version: old.version + 1 };
}

const sameSource = (a: ObservationInput['source'], b: ObservationInput['source']) =>
  a.doc === b.doc && (a.section ?? null) === (b.section ?? null) && (a.quote ?? null) === (b.quote ?? null);
