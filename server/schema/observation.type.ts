import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { ObservationStatus, PublicationState, ValueComparator } from './enums.ts';
import { SourceRef } from './source-ref.type.ts';

@ObjectType({ description: 'One value of one indicator for one unit and period, with its status and source.' })
export class Observation {
  @Field(() => String, { description: 'Indicator key, e.g. "drugFree".' })
  indicator!: string;

  @Field(() => String, { description: 'Period the value is for: a year ("2024"), a term ("2020-2025") or a date.' })
  period!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value: a number, or true/false for yes/no indicators. For a yes/no fact on a group, the number of bản meeting it.' })
  value!: unknown;

  @Field(() => ValueComparator, { description: 'Whether the value is exact or a bound the source gives ("trên 100%": GREATER_THAN 100); show it with the value.' })
  comparator!: ValueComparator;

  @Field(() => Int, { nullable: true, description: 'For a group fact "5 of 6 bản": the number of bản counted (6).' })
  denominator!: number | null;

  @Field(() => ObservationStatus, { description: 'REPORTED, DERIVED or ESTIMATED.' })
  status!: ObservationStatus;

  @Field(() => SourceRef, { description: 'Where the value comes from.' })
  source!: SourceRef;

  @Field(() => String, { nullable: true, description: 'For DERIVED and ESTIMATED values: how the value was computed.' })
  formula!: string | null;

  @Field(() => String, { nullable: true, description: 'A short note.' })
  note!: string | null;

  @Field(() => String, { nullable: true, description: 'Who entered it in the portal: shown to signed-in users only (null for values from the seeds and for anonymous visitors).' })
  enteredBy!: string | null;

  @Field(() => String, { nullable: true, description: 'When it was entered (ISO 8601).' })
  enteredAt!: string | null;

  @Field(() => Int, { description: 'Version, for editing: name it as expectedVersion. Of a published value that an unpublished edit waits over (publishedValue), the version it was published at: anonymous visitors see that one.' })
  version!: number;

  @Field(() => Boolean, {
    description: 'Whether a public document states it: seeded from a public source, or published by an admin (publishObservation). A sensitive bản value that is not published is shown to signed-in users only.',
  })
  published!: boolean;

  @Field(() => PublicationState, {
    description: 'Where this value stands in publication: PUBLIC (not sensitive), PUBLISHED, PENDING (an unpublished edit of a published value; anonymous visitors see publishedValue instead) or RESTRICTED (never published: signed-in users only). Anonymous visitors only ever receive PUBLIC or PUBLISHED values.',
  })
  publication!: PublicationState;

  @Field(() => Observation, {
    nullable: true,
    description: 'While this value is PENDING: the last published value, which anonymous visitors still see (with its source and quote) until an admin publishes the new one. Null otherwise.',
  })
  publishedValue!: Observation | null;
}
