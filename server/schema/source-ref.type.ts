import { Field, ObjectType } from 'type-graphql';
import type { SourceRef as SeedSourceRef } from '../../geo/seed-types.ts';
import type { AtlasSnapshot } from '../store/atlas-store.ts';
import { sectionLabel } from './section-label.ts';

@ObjectType({ description: 'Where a value comes from: a source document and the place in it (Nguồn số liệu).' })
export class SourceRef {
  @Field(() => String, { description: 'Id of the source document (see Query.sources).' })
  doc!: string;

  @Field(() => String, { description: 'Title of the source document, in Vietnamese.' })
  title!: string;

  @Field(() => String, { description: 'Title of the source document, in English.' })
  titleEn!: string;

  @Field(() => String, { nullable: true, description: 'Part and section of the report, e.g. "Phần thứ hai I.7.2".' })
  section!: string | null;

  @Field(() => String, { nullable: true, description: 'Source labels inside a compilation, e.g. "S3, S4" of ban-facts.md.' })
  ref!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The exact passage of the report the value rests on (NFC, a sentence or less), so a reader can see the sentence behind the number; several passages (a derived value) are joined with " … ". Null for other documents and for values entered in the portal.',
  })
  quote!: string | null;

  @Field(() => [String], { description: 'The quoted passages one by one, in the report\'s order (empty when there is no quote).' })
  quotes!: string[];

  @Field(() => String, { description: 'One line to show people: document · section, in Vietnamese.' })
  label!: string;

  @Field(() => String, { description: 'The same line in English ("Part Two I.7.2" for "Phần thứ hai I.7.2").' })
  labelEn!: string;
}

/** The GraphQL SourceRef of a stored reference, with its document's title. */
export function toSourceRef(store: AtlasSnapshot, ref: SeedSourceRef): SourceRef {
  const doc = store.source(ref.doc);
  const title = doc?.title ?? ref.doc;
  const titleEn = doc?.titleEn ?? title;
  const where = ref.section ?? ref.ref ?? null;
  // What an officer typed as the reference is shown as typed.
  const say = (lang: 'vi' | 'en') => (where && doc?.kind !== 'entry' ? sectionLabel(where, lang) : where);
  const quotes = [...(ref.quote ? [ref.quote] : []), ...(ref.quotes ?? [])];
  return {
    doc: ref.doc, title, titleEn, section: ref.section ?? null, ref: ref.ref ?? null,
    quote: quotes.length ? quotes.join(' … ') : null, quotes,
    label: where ? `${title} · ${say('vi')}` : title,
    labelEn: where ? `${titleEn} · ${say('en')}` : titleEn,
  };
}
