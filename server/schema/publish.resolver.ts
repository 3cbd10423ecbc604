import { Arg, Authorized, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import { checkPeriod } from '../edits/check-observation.ts';
import { cleanText } from '../edits/check-text.ts';
import { badInput } from '../errors.ts';
import { checkPublication } from '../access/publication-rule.ts';
import { unitView } from '../queries/commune-view.ts';
import type { AtlasContext } from './context.ts';
import { Observation } from './observation.type.ts';
import { toObservation } from './unit-views.ts';

const MAX_TEXT = 500;

@Resolver()
export class PublishResolver {
  @Authorized('admin')
  @Mutation(() => Observation, {
    description: 'Publish one value (admins): a public document states it for this unit. The value becomes public (sensitive bản values are otherwise shown to signed-in users only), its source becomes that document, and the action is kept in the history. Values entered or imported are never public before this.',
  })
  async publishObservation(
    @Arg('unitId', () => String, { description: 'Unit id, e.g. "ml-05".' }) unitId: string,
    @Arg('indicator', () => String, { description: 'Indicator key, e.g. "drugFree".' }) indicator: string,
    @Arg('period', () => String, { description: 'Period of the value, e.g. "2025".' }) period: string,
    @Arg('expectedVersion', () => Int, { description: 'Version of the value you checked against the document; if it changed since, CONFLICT and nothing is written.' }) expectedVersion: number,
    @Arg('document', () => String, {
      description: 'Id of a public source document (see Query.sources) that states this value for this unit: it must be about the unit\'s commune (SourceDocument.communes), else BAD_USER_INPUT with reason DOCUMENT_OF_OTHER_COMMUNE; where the seeds record the value it states for this unit, indicator and period, the stored value must be that one (reason VALUE_NOT_IN_DOCUMENT).',
    }) document: string,
    @Arg('section', () => String, { description: 'Part and section of the document, e.g. "Phần thứ hai I.7.2".' }) section: string,
    @Arg('quote', () => String, {
      description: 'The sentence of the document that states the value (kept in the history). For a bản it must name the bản. It is not checked against the document\'s text: no document\'s full text is in the repository (the seeds hold only the passages their own facts rest on), so the admin\'s reading is what the history records.',
    }) quote: string,
    @Ctx() { store: atlas, viewer }: AtlasContext,
  ): Promise<Observation> {
    const cleanSection = cleanText('section', section, 1);
    const cleanQuote = cleanText('quote', quote, 3);
    for (const [field, text] of [['section', cleanSection], ['quote', cleanQuote]] as const) {
      if (text.length > MAX_TEXT) throw badInput(field, `${field}: tối đa ${MAX_TEXT} ký tự`, `${field}: at most ${MAX_TEXT} characters`);
    }
    // Which document may publish which value is decided in server/access (any detailed commune's units alike).
    const snapshot = await atlas.snapshot();
    const doc = checkPublication(snapshot, { unitId, indicator, period, expectedVersion, document, quote: cleanQuote });
    const stored = await atlas.publishObservation({ unitId, indicator, period: checkPeriod(period) }, expectedVersion,
      { doc: doc.id, section: cleanSection, quote: cleanQuote }, cleanQuote, { who: viewer.name!, why: `Công bố theo / Published on ${doc.id} · ${cleanSection}` });
    return toObservation(unitView(snapshot, unitId), viewer, stored);
  }
}
