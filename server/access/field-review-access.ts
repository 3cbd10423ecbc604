// Who may accept or return a value entered in the field.
import type { Viewer } from '../schema/context.ts';
import type { FieldSubmission } from '../store/atlas-store.ts';

/**
 * Editors and admins review, but never their own entries: a review is a second pair of eyes on what an officer
 * recorded, and an admin's own field entry is no exception (another editor or admin reviews it).
 */
export function canReview(viewer: Viewer, submission: Pick<FieldSubmission, 'officer'>): boolean {
  if (viewer.role !== 'editor' && viewer.role !== 'admin') return false;
  return viewer.name !== null && viewer.name.toLowerCase() !== submission.officer.toLowerCase();
}
