import { foldDiacritics } from '../../geo/fold-diacritics.ts';
import { AtlasError, badInput, conflictError } from '../errors.ts';
import { unitView } from '../queries/commune-view.ts';
import type { AtlasSnapshot, Observation, Publication, PublishedParts, SourceDocument, Unit, UnversionedPublishedValue } from '../store/atlas-store.ts';
import { publishedValueOf } from '../store/published-value.ts';
import { recordedStatement } from '../store/seed-statements.ts';

/** An admin's publish action as asked: this unit's value, on this document, with this sentence (cleaned). */
export interface PublishRequest {
  unitId: string;
  indicator: string;
  period: string;
  expectedVersion: number;
  document: string;
  quote: string;
}

/**
 * Whether a value may be made public by an admin's recorded publish action (issue 10): only a public document (not an
 * officer's entry, not the atlas's own geometry) that is about the unit's commune (not reference data about every commune, for a bản or former commune) can state it; for a bản its sentence
 * names the bản; and where the seeds record what the document states for that unit, indicator and period, the value
 * published must be that one. Anything else would make public, under the document's name, a value it does not state.
 * Returns the document; throws a coded error (BAD_USER_INPUT with `field` and `reason`, NOT_FOUND) naming the
 * document, the unit and its commune. publishObservation asks this and nothing else decides it; who may then see the
 * value is observation-visibility.ts's.
 */
export function checkPublication(snapshot: AtlasSnapshot, req: PublishRequest): SourceDocument {
  const store = unitView(snapshot, req.unitId);
  const doc = store.source(req.document);
  if (!doc || !doc.public || doc.kind === 'entry' || doc.kind === 'generated') {
    throw badInput('document', `"${req.document}" không phải tài liệu công khai`, `"${req.document}" is not a public source document`);
  }
  const unit = store.unit(req.unitId);
  if (!unit) throw new AtlasError('NOT_FOUND', `Không có đơn vị "${req.unitId}" / No unit "${req.unitId}"`, { field: 'unitId' });
  checkAboutCommune(snapshot, doc, unit);
  // The document must state the value for this bản: its sentence names the bản (diacritics and case aside).
  // An unnamed bản (a provisional cell) cannot be named by any public document.
  if (unit.level === 'village') {
    if (!unit.name) throw badInput('unitId', `Bản ${unit.provisionalLabel} chưa có tên: không tài liệu nào nêu được giá trị cho bản này`, `Bản ${unit.provisionalLabel} has no name yet: no document can state a value for it`);
    if (!foldDiacritics(req.quote).includes(foldDiacritics(unit.name))) {
      throw badInput('quote', `Câu trích phải nêu tên bản ${unit.name}`, `The quote must name bản ${unit.name}: the document has to state the value for that bản`);
    }
  }
  if (!store.indicator(req.indicator)) throw badInput('indicator', `Không có chỉ tiêu "${req.indicator}"`, `Unknown indicator "${req.indicator}"`);
  const current = store.observations({ unitId: req.unitId, indicator: req.indicator }).find((o) => o.period === req.period);
  checkRecordedValue(doc, unit, req, current);
  return doc;
}

/** "Bản Nguồn (ml-05)", "Mường Lang (fc-muong-lang)": a unit as an error names it. */
const unitLabel = (u: Unit) => `${u.level === 'village' ? 'bản ' : ''}${u.name ?? u.provisionalLabel ?? u.id} (${u.id})`;

/**
 * The document is about the unit's commune (by official code). A document about every commune (the national reference
 * data: outlines and official figures) may speak for a commune as a whole, never for one of its bản or former communes:
 * it states nothing about them, so it cannot be the document that makes such a value public.
 */
function checkAboutCommune(snapshot: AtlasSnapshot, doc: SourceDocument, unit: Unit): void {
  const commune = snapshot.communeOf(unit.id) ?? snapshot.scope();
  const codes = doc.communes;
  if (codes === 'all' && unit.level !== 'commune') {
    throw new AtlasError('BAD_USER_INPUT',
      `Tài liệu "${doc.id}" là dữ liệu tham chiếu về mọi xã, không nêu giá trị của từng bản hay xã cũ: không thể công bố giá trị của ${unitLabel(unit)} theo tài liệu đó / ` +
      `Document "${doc.id}" is reference data about every commune and states no value of a single bản or former commune: it cannot publish one for ${unitLabel(unit)}`,
      { field: 'document', reason: 'DOCUMENT_ABOUT_EVERY_COMMUNE', document: doc.id, unitId: unit.id });
  }
  if (codes === 'all' || (commune?.code && codes.includes(commune.code))) return;
  const named = (code: string) => {
    const c = snapshot.detailedCommunes().find((u) => u.code === code);
    return c ? `${c.name} (${code})` : code;
  };
  const about = codes.length ? codes.map(named).join(', ') : null;
  const communeText = commune ? `${commune.name} (${commune.code ?? commune.id})` : '?';
  throw new AtlasError('BAD_USER_INPUT',
    `Tài liệu "${doc.id}" nói về ${about ?? 'không xã nào được ghi nhận'}, không nói về ${unitLabel(unit)} của ${communeText}: không thể công bố giá trị này theo tài liệu đó / ` +
    `Document "${doc.id}" is about ${about ?? 'no recorded commune'}, not about ${unitLabel(unit)} of ${communeText}: it cannot publish a value there`,
    { field: 'document', reason: 'DOCUMENT_OF_OTHER_COMMUNE', document: doc.id, unitId: unit.id, communeCode: commune?.code ?? null, documentCommunes: doc.communes });
}

/** Where the seeds record what the document states for this value, the stored value must be exactly that. */
function checkRecordedValue(doc: SourceDocument, unit: Unit, req: PublishRequest, current: Observation | undefined): void {
  const stated = recordedStatement(doc.id, req.unitId, req.indicator, req.period);
  if (!stated) return; // Nothing recorded: the admin's quote is their reading of the document, kept in the history.
  // The value checked must be the one the store then publishes: the version the admin names (the store checks it again).
  if (!current) return; // The store answers NOT_FOUND: nothing to publish.
  if (current.version !== req.expectedVersion) throw conflictError(`${req.indicator} (${req.unitId}, ${req.period})`, req.expectedVersion, current.version);
  const figure = (value: unknown, denominator: number | null, comparator: string | null) =>
    `${comparator ? `${comparator} ` : ''}${String(value)}${denominator !== null ? `/${denominator}` : ''}`;
  const documentValue = figure(stated.value, stated.denominator ?? null, stated.comparator ?? null);
  const storedValue = figure(current.value, current.denominator, current.comparator);
  if (documentValue === storedValue) return;
  const what = `${current.indicator} ${current.period} ${unitLabel(unit)}`;
  throw new AtlasError('BAD_USER_INPUT',
    `Tài liệu "${doc.id}" nêu ${what} là ${documentValue}, giá trị đang lưu là ${storedValue}: chỉ công bố được đúng giá trị tài liệu nêu / ` +
    `Document "${doc.id}" states ${what} as ${documentValue}; the stored value is ${storedValue}: only the value the document states can be published on it`,
    { field: 'document', reason: 'VALUE_NOT_IN_DOCUMENT', document: doc.id, unitId: unit.id, documentValue, storedValue });
}

/** A history entry of a value as the stores keep it (what it was before and after). */
interface ValueEntry {
  oldValue: unknown;
  newValue: unknown;
}

type KeptValue = PublishedParts & { publication?: Publication | null; published?: UnversionedPublishedValue | null };

/**
 * What undoing this history entry leaves published, or undefined when the entry published nothing (an edit: its revert
 * keeps what is published now). Undoing a publish action withdraws it: an admin's revert puts back what was published
 * before it (the entry keeps it; an older entry without it, the value then stored if it was published); an editor's
 * leaves nothing published, since only an admin's action makes a value public.
 */
export function publishedAfterRevert(entry: ValueEntry, role: string): UnversionedPublishedValue | null | undefined {
  const before = entry.oldValue as KeptValue | null;
  const after = entry.newValue as KeptValue | null;
  const published = after?.publication && JSON.stringify(after.publication) !== JSON.stringify(before?.publication ?? null);
  if (!published) return undefined;
  if (role !== 'admin' || !before) return null;
  if (before.published !== undefined) return before.published;
  return before.publication ? publishedValueOf(before, before.publication) : null;
}
