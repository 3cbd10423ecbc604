import { GraphQLJSON } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Why a value is what it is, as data: a key the page says in Vietnamese or English, and its parameters.' })
export class FactReason {
  @Field(() => String, {
    description: 'OWN, FROM_GROUP, FROM_WHOLE, GROUP_COUNT_ONLY, GROUP_COUNT_INFERRED (the group\'s count is itself inferred), WHOLE_COUNT_ONLY, NO_SOURCE, GROUP_UNKNOWN, COVERED_BY_GROUP (a bản); '
      + 'GROUP_FACT, BAN_VALUES, SUBTRACTION, PARTIAL, NO_SOURCE (a count).',
  })
  key!: string;

  @Field(() => GraphQLJSON, { description: 'Parameters, e.g. {"unit": "fc-muong-lang", "achieved": 5, "total": 6}.' })
  params!: Record<string, string | number>;
}

@ObjectType({ description: 'Facts that contradict each other: a data-quality warning, never resolved silently.' })
export class FactFinding {
  @Field(() => String, { description: 'GROUP_VS_BANS (a group count disagrees with its bản), WHOLE_VS_GROUPS (the commune count disagrees with its groups), TOTAL_MISMATCH (a count\'s denominator is not the number of bản).' })
  kind!: string;

  @Field(() => String, { description: 'Id of the unit whose count disagrees.' })
  unitId!: string;

  @Field(() => GraphQLJSON, { description: 'The figures that disagree, e.g. {"achieved": 5, "total": 6, "min": 6, "max": 6}.' })
  params!: Record<string, number>;
}
