// The field app's sync (server/schema.graphql: syncFieldRecords), sent by POST as the signed-in editor: each
// record with its device-made clientId (applied once, however often sent) and the version it was based on.
import { graphql, request, type ResultOf, type VariablesOf } from './graphql.ts';

export const SYNC_FIELD_RECORDS_MUTATION = graphql(`
  mutation AtlasSyncFieldRecords($records: [FieldRecordInput!]!) {
    syncFieldRecords(records: $records) {
      clientId status code field message serverValue serverVersion serverChangedBy serverChangedAt submissionId
    }
  }
`);

/** One record as the portal takes it (FieldRecordInput). */
export type FieldRecordInput = VariablesOf<typeof SYNC_FIELD_RECORDS_MUTATION>['records'][number];
/** The portal's answer for one record (FieldRecordResult). */
export type FieldRecordResult = ResultOf<typeof SYNC_FIELD_RECORDS_MUTATION>['syncFieldRecords'][number];

/** Send records; the portal answers for each. */
export async function syncFieldRecords(records: FieldRecordInput[]): Promise<FieldRecordResult[]> {
  return (await request(SYNC_FIELD_RECORDS_MUTATION, { records })).syncFieldRecords;
}
