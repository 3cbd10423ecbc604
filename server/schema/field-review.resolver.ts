import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { canReview } from '../access/field-review-access.ts';
import { cleanText } from '../edits/check-text.ts';
import { AtlasError, badInput } from '../errors.ts';
import type { AtlasSnapshot, FieldSubmission as StoredSubmission } from '../store/atlas-store.ts';
import type { AtlasContext } from './context.ts';
import { FieldReviewDecision, FieldSubmissionStatus, type FieldRecordKind } from './field-enums.ts';
import { FieldSubmission } from './field-submission.type.ts';
import { PAGE_CAP } from './paging.ts';
import { unitView } from '../queries/commune-view.ts';
import { toVillage } from './unit-views.ts';

// The bản is read in the view of the detailed commune that holds it (any commune's records share one queue).
const toSubmission = (store: AtlasSnapshot, s: StoredSubmission): FieldSubmission => ({
  submissionId: String(s.id), clientId: s.clientId, kind: s.kind as FieldRecordKind, village: villageOf(unitView(store, s.unitId), s.unitId),
  indicator: s.indicator, period: s.period, value: s.value, officer: s.officer, recordedAt: s.recordedAt, receivedAt: s.receivedAt,
  position: s.position, sourceNote: s.sourceNote, photoUrl: s.hasPhoto ? `/field-photos/${s.id}` : null,
  status: s.review as FieldSubmissionStatus, reviewNote: s.reviewNote, reviewedBy: s.reviewedBy, reviewedAt: s.reviewedAt,
});

const villageOf = (view: AtlasSnapshot, unitId: string) => toVillage(view, view.unit(unitId)!);

/** A submission id as the API gives it (a positive whole number), or BAD_USER_INPUT naming the argument. */
function submissionId(id: string, field: string): number {
  if (!/^[1-9]\d{0,9}$/.test(id)) throw badInput(field, `"${id}" không phải mã bản ghi`, `"${id}" is not a submission id`);
  return Number(id);
}

@Resolver()
export class FieldReviewResolver {
  @Authorized('editor')
  @Query(() => [FieldSubmission], { description: `The review queue of field records (editors and admins), oldest first; at most ${PAGE_CAP} a page. An officer finds a returned record and its note here.` })
  async fieldSubmissions(
    @Ctx() { store: atlas }: AtlasContext,
    @Arg('status', () => FieldSubmissionStatus, { defaultValue: FieldSubmissionStatus.PENDING, description: 'Which ones: PENDING (default), ACCEPTED or RETURNED.' }) status: FieldSubmissionStatus,
    @Arg('first', () => Int, { defaultValue: 50, description: `Page size, at most ${PAGE_CAP}. Written as a literal it multiplies the query's cost (at most 2000): pass it as a variable.` }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The submissionId of the last one of the previous page.' }) after: string | null,
  ): Promise<FieldSubmission[]> {
    if (first < 0 || first > PAGE_CAP) throw badInput('first', `first phải từ 0 đến ${PAGE_CAP}`, `first must be between 0 and ${PAGE_CAP}`);
    const afterId = after === null || after === undefined ? 0 : submissionId(after, 'after');
    const store = await atlas.snapshot();
    return (await atlas.fieldSubmissions(status, afterId, first)).map((s) => toSubmission(store, s));
  }

  @Authorized('editor')
  @Mutation(() => FieldSubmission, {
    description: 'Accept or return a PENDING field record (editors and admins, never the officer who recorded it: a review is a second pair of eyes). ' +
      'ACCEPT: its value follows the normal rules (public unless sensitive; a sensitive one still needs an admin\'s publishObservation). ' +
      'RETURN (a note is required): the value stays shown to signed-in users only, marked returned. The decision is kept in the history. A record reviewed already: CONFLICT.',
  })
  async reviewFieldSubmission(
    @Arg('id', () => ID, { description: 'submissionId.' }) id: string,
    @Arg('decision', () => FieldReviewDecision, { description: 'ACCEPT or RETURN.' }) decision: FieldReviewDecision,
    @Ctx() { store: atlas, viewer }: AtlasContext,
    @Arg('note', () => String, { nullable: true, description: 'Why (required to RETURN; shown to the officer), 3–500 characters.' }) note?: string | null,
  ): Promise<FieldSubmission> {
    const found = await atlas.fieldSubmissionById(submissionId(id, 'id'));
    if (!found || found.review === null) throw new AtlasError('NOT_FOUND', `Không có bản ghi thực địa ${id} trong hàng chờ / No field submission ${id} to review`, { field: 'id' });
    if (!canReview(viewer, found)) {
      throw new AtlasError('FORBIDDEN', 'Không tự xét bản ghi của mình: người khác xét / You cannot review your own record: another editor or admin does', { field: 'id' });
    }
    const clean = note === null || note === undefined ? null : cleanText('note', note) || null;
    if (clean !== null && clean.length > 500) throw badInput('note', 'note: tối đa 500 ký tự', 'note: at most 500 characters');
    if (decision === FieldReviewDecision.RETURN && (clean === null || clean.length < 3)) {
      throw badInput('note', 'Trả lại cần ghi lý do (ít nhất 3 ký tự)', 'Returning a record needs a note saying why (at least 3 characters)');
    }
    const reviewed = await atlas.reviewFieldSubmission(found.id, decision === FieldReviewDecision.ACCEPT ? 'ACCEPTED' : 'RETURNED', clean,
      { who: viewer.name!, why: clean });
    return toSubmission(await atlas.snapshot(), reviewed);
  }
}
