import { Arg, Authorized, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import { checkPeriod } from '../edits/check-observation.ts';
import { cleanText } from '../edits/check-text.ts';
import { AtlasError, badInput } from '../errors.ts';
import { foldDiacritics } from '../../geo/fold-diacritics.ts';
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
    @Arg('document', () => String, { description: 'Id of a public source document (see Query.sources) that states this value for this unit.' }) document: string,
    @Arg('section', () => String, { description: 'Part and section of the document, e.g. "Phần thứ hai I.7.2".' }) section: string,
    @Arg('quote', () => String, {
      description: 'The sentence of the document that states the value (kept in the history). For a bản it must name the bản. It is not checked against the document\'s text: no document\'s full text is in the repository (the seeds hold only the passages their own facts rest on), so the admin\'s reading is what the history records.',
    }) quote: string,
    @Ctx() { store: atlas, viewer }: AtlasContext,
  ): Promise<Observation> {
    // The unit's own commune (any detailed commune): the same rule publishes its values.
    const store = unitView(await atlas.snapshot(), unitId);
    const doc = store.source(document);
    // Only a published document can publish a value: not an officer's entry, not the atlas's own generated geometry.
    if (!doc || !doc.public || doc.kind === 'entry' || doc.kind === 'generated') {
      throw badInput('document', `"${document}" không phải tài liệu công khai`, `"${document}" is not a public source document`);
    }
    const cleanSection = cleanText('section', section, 1);
    const cleanQuote = cleanText('quote', quote, 3);
    for (const [field, text] of [['section', cleanSection], ['quote', cleanQuote]] as const) {
      if (text.length > MAX_TEXT) throw badInput(field, `${field}: tối đa ${MAX_TEXT} ký tự`, `${field}: at most ${MAX_TEXT} characters`);
    }
    const unit = store.unit(unitId);
    if (!unit) throw new AtlasError('NOT_FOUND', `Không có đơn vị "${unitId}" / No unit "${unitId}"`, { field: 'unitId' });
    // The document must state the value for this bản: its sentence names the bản (diacritics and case aside).
    // An unnamed bản (a provisional cell) cannot be named by any public document.
    if (unit.level === 'village') {
      if (!unit.name) throw badInput('unitId', `Bản ${unit.provisionalLabel} chưa có tên: không tài liệu nào nêu được giá trị cho bản này`, `Bản ${unit.provisionalLabel} has no name yet: no document can state a value for it`);
      if (!foldDiacritics(cleanQuote).includes(foldDiacritics(unit.name))) {
        throw badInput('quote', `Câu trích phải nêu tên bản ${unit.name}`, `The quote must name bản ${unit.name}: the document has to state the value for that bản`);
      }
    }
    if (!store.indicator(indicator)) throw badInput('indicator', `Không có chỉ tiêu "${indicator}"`, `Unknown indicator "${indicator}"`);
    const stored = await atlas.publishObservation({ unitId, indicator, period: checkPeriod(period) }, expectedVersion,
      { doc: doc.id, section: cleanSection, quote: cleanQuote }, cleanQuote, { who: viewer.name!, why: `Công bố theo / Published on ${doc.id} · ${cleanSection}` });
    return toObservation(store, viewer, stored);
  }
}
