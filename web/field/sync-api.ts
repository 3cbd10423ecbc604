// The field sync mutation (server/schema.graphql: syncFieldRecords), sent by POST as the signed-in editor.
import { GraphQLRequestError, GRAPHQL_URL, type GraphQLErrorBody } from '../api/graphql.ts';
import type { FieldRecordInput, FieldRecordResult } from './field-record.ts';

export const SYNC_FIELD_RECORDS = `
  mutation AtlasSyncFieldRecords($records: [FieldRecordInput!]!) {
    syncFieldRecords(records: $records) {
      clientId status code message serverValue serverVersion serverChangedBy serverChangedAt submissionId
    }
  }
`;

/** Send records; the portal answers for each (applied once per clientId, however often sent). */
export async function syncFieldRecords(records: FieldRecordInput[]): Promise<FieldRecordResult[]> {
  const res = await fetch(GRAPHQL_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: SYNC_FIELD_RECORDS, variables: { records } }),
  });
  let body: { data?: { syncFieldRecords: FieldRecordResult[] }; errors?: GraphQLErrorBody[] };
  try {
    body = await res.json();
  } catch {
    throw new GraphQLRequestError(`HTTP ${res.status}`, [], res.status);
  }
  if (body.errors?.length) throw new GraphQLRequestError(body.errors.map((e) => e.message).join('; '), body.errors, res.status);
  if (!body.data) throw new GraphQLRequestError(`HTTP ${res.status}`, [], res.status);
  return body.data.syncFieldRecords;
}
