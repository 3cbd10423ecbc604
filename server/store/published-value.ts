// The last published value of an observation, kept beside its current value by both stores: a published value stays
// public while an editor's unpublished edit of it waits for an admin (server/access/observation-visibility.ts).
import type { ObservationInput, Publication, PublishedParts, PublishedValue } from './atlas-store.ts';

/** What is kept of a value when it is published: the value with its bound, status and source, and the publish action. */
export function publishedValueOf(o: PublishedParts, publication: Publication): PublishedValue {
  return {
    value: o.value, comparator: o.comparator ?? null, denominator: o.denominator, status: o.status, source: o.source,
    formula: o.formula, note: o.note, enteredBy: o.enteredBy, enteredAt: o.enteredAt, publication,
  };
}

/**
 * Whether a write puts back exactly the last published value (a revert of the edit, or the same value on the same
 * source and sentence): then the stored value is the published one again, and it is published as it was.
 */
export function restoresPublished(published: PublishedValue | null, input: ObservationInput): boolean {
  if (!published) return false;
  return JSON.stringify(published.value) === JSON.stringify(input.value)
    && (published.comparator ?? null) === (input.comparator ?? null)
    && published.denominator === input.denominator
    && published.status === input.status
    && sameSource(published.source, input.source);
}

const sameSource = (a: ObservationInput['source'], b: ObservationInput['source']) =>
  a.doc === b.doc && (a.section ?? null) === (b.section ?? null) && (a.quote ?? null) === (b.quote ?? null);
