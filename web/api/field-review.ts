// The supervisors' review queue of field records (server/schema.graphql: fieldSubmissions, reviewFieldSubmission).
import { graphql, request, type ResultOf } from './graphql.ts';

export const FIELD_SUBMISSIONS_QUERY = graphql(`
  query AtlasFieldSubmissions($status: FieldSubmissionStatus!, $first: Int!, $after: String) {
    fieldSubmissions(status: $status, first: $first, after: $after) {
      submissionId kind indicator period value officer recordedAt receivedAt sourceNote photoUrl status reviewNote reviewedBy reviewedAt
      village { id label }
      position { lon lat accuracyMeters }
    }
  }
`);

export const REVIEW_FIELD_SUBMISSION_MUTATION = graphql(`
  mutation AtlasReviewFieldSubmission($id: ID!, $decision: FieldReviewDecision!, $note: String) {
    reviewFieldSubmission(id: $id, decision: $decision, note: $note) { submissionId status reviewNote reviewedBy reviewedAt }
  }
`);

export type FieldSubmission = ResultOf<typeof FIELD_SUBMISSIONS_QUERY>['fieldSubmissions'][number];
export type SubmissionStatus = FieldSubmission['status'];
export const PAGE_SIZE = 20;

/** A page of the queue, oldest first (after: the last submissionId of the previous page). */
export async function fetchSubmissions(status: SubmissionStatus, after: string | null): Promise<FieldSubmission[]> {
  return (await request(FIELD_SUBMISSIONS_QUERY, { status, first: PAGE_SIZE, after })).fieldSubmissions;
}

/** Accept or return (with a note) one submission. */
export async function reviewSubmission(id: string, decision: 'ACCEPT' | 'RETURN', note: string | null): Promise<void> {
  await request(REVIEW_FIELD_SUBMISSION_MUTATION, { id, decision, note });
}
