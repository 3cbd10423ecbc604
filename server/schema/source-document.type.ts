import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A source document the atlas cites.' })
export class SourceDocument {
  @Field(() => ID, { description: 'Id used in SourceRef.doc.' })
  id!: string;

  @Field(() => String, { description: 'Title, in Vietnamese (the document\'s own title when it is Vietnamese).' })
  title!: string;

  @Field(() => String, { description: 'Title in English (the page shows it in its English interface).' })
  titleEn!: string;

  @Field(() => String, { description: 'Kind: report, dataset, compilation, generated…' })
  kind!: string;

  @Field(() => Boolean, { description: 'Whether the document is published.' })
  public!: boolean;

  @Field(() => [String], {
    nullable: true,
    description: 'Official codes of the communes the document is about (Mường Bang\'s report: ["03943"]): it can publish values of their units only (publishObservation). Null: about every commune (national reference data, the portal\'s own sources).',
  })
  communes!: string[] | null;

  @Field(() => String, { nullable: true, description: 'Publisher, in Vietnamese.' })
  publisher!: string | null;

  @Field(() => String, { nullable: true, description: 'Publisher, in English.' })
  publisherEn!: string | null;

  @Field(() => String, { nullable: true, description: 'Date.' })
  date!: string | null;

  @Field(() => String, { nullable: true, description: 'Licence of the data, in Vietnamese.' })
  licence!: string | null;

  @Field(() => String, { nullable: true, description: 'Licence of the data, in English.' })
  licenceEn!: string | null;

  @Field(() => String, { nullable: true, description: 'Where it can be found.' })
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'Note.' })
  note!: string | null;
}
