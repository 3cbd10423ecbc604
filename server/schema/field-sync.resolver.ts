import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { applyFieldRecord, type FieldRecordOutcome } from '../edits/field-record.ts';
import { AtlasError } from '../errors.ts';
import type { AtlasContext } from './context.ts';
import { FieldRecordInput } from './field-record.inputs.ts';
import { FieldRecordResult } from './field-record-result.type.ts';
import type { FieldRecordStatus } from './field-enums.ts';

/** Records one sync call takes: an outbox of a long day; a larger one is sent in several calls. */
export const SYNC_MAX_RECORDS = 200;

const toResult = (o: FieldRecordOutcome): FieldRecordResult => ({
  ...o, status: o.status as FieldRecordStatus, submissionId: o.submissionId === null ? null : String(o.submissionId),
});

@Resolver()
export class FieldSyncResolver {
  @Authorized('editor')
  @Mutation(() => [FieldRecordResult], {
    description: `Send the field app's outbox (editors; at most ${SYNC_MAX_RECORDS} records a call, and the request body at most 8 MB: send records with photos a few at a time). ` +
      'Each record is applied or refused on its own, in its own transaction, in the order sent, and answered in that order. A value written from the field waits in the review queue (fieldSubmissions) and is shown to signed-in users only until accepted.',
  })
  async syncFieldRecords(
    @Arg('records', () => [FieldRecordInput], { description: 'The records, oldest first.' }) records: FieldRecordInput[],
    @Ctx() { store, viewer }: AtlasContext,
  ): Promise<FieldRecordResult[]> {
    if (records.length > SYNC_MAX_RECORDS) {
      throw new AtlasError('BAD_USER_INPUT', `Tối đa ${SYNC_MAX_RECORDS} bản ghi mỗi lần gửi (đã gửi ${records.length}) / At most ${SYNC_MAX_RECORDS} records a call (${records.length} sent)`,
        { field: 'records', reason: 'TOO_MANY_RECORDS', max: SYNC_MAX_RECORDS });
    }
    const results: FieldRecordResult[] = [];
    for (const r of records) results.push(toResult(await applyFieldRecord(store, viewer.name!, r)));
    return results;
  }
}
