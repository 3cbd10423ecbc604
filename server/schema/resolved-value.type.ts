import { Field, ObjectType } from 'type-graphql';
import { FactAssumption, PublicationState, ValueBasis } from './enums.ts';
import { FactReason } from './fact-reason.type.ts';
import { SourceRef } from './source-ref.type.ts';

@ObjectType({ description: 'A bản\'s yes/no value as every fact implies it (own, or deduced from a count), as the viewer may see it.' })
export class ResolvedValue {
  @Field(() => String, { description: 'Bản id.' })
  unitId!: string;

  @Field(() => Boolean, { nullable: true, description: 'Meets the indicator (true/false), or null when unknown.' })
  value!: boolean | null;

  @Field(() => ValueBasis, { description: 'Its own fact, deduced from a count (GROUP_ALL, GROUP_NONE, SUBTRACTION), or NONE.' })
  basis!: ValueBasis;

  @Field(() => String, { description: 'Status: that of its own fact (REPORTED, DERIVED, ESTIMATED); INFERRED when deduced; UNKNOWN.' })
  status!: string;

  @Field(() => [SourceRef], { description: 'The sources the value rests on (empty when unknown).' })
  sources!: SourceRef[];

  @Field(() => [FactAssumption], { description: 'Assumptions the value needs.' })
  assumptions!: FactAssumption[];

  @Field(() => FactReason, { description: 'Why: e.g. FROM_WHOLE {achieved: 23, total: 23}, GROUP_COUNT_ONLY {unit, achieved: 5, total: 6}.' })
  reason!: FactReason;

  @Field(() => PublicationState, {
    nullable: true,
    description: 'For signed-in users, a sensitive indicator\'s known value: PUBLISHED (anonymous visitors see it too), PENDING (an unpublished ' +
      'change of a published value: they see publishedValue) or RESTRICTED (never published, or a deduction about a named bản: they see none). ' +
      'Null for anonymous visitors, for indicators that are not sensitive and for unknown values.',
  })
  publication!: PublicationState | null;

  @Field(() => Boolean, { nullable: true, description: 'While publication is PENDING: the value anonymous visitors see meanwhile (null when they see none). Null otherwise.' })
  publishedValue!: boolean | null;
}
