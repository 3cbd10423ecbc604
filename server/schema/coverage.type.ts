import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CoverageBasis } from './enums.ts';
import { SourceRef } from './source-ref.type.ts';

@ObjectType({ description: 'Coverage of a yes/no indicator in one former commune.' })
export class CoverageGroup {
  @Field(() => ID, { description: 'Former commune id.' })
  id!: string;

  @Field(() => String, { description: 'Former commune code.' })
  code!: string;

  @Field(() => String, { description: 'Former commune name.' })
  name!: string;

  @Field(() => Int, { description: 'Bản meeting the indicator.' })
  achieved!: number;

  @Field(() => Int, { description: 'Bản counted.' })
  total!: number;

  @Field(() => Number, { nullable: true, description: 'achieved / total, a fraction (0.833); null when the count is incomplete.' })
  share!: number | null;

  @Field(() => Boolean, { description: 'Whether achieved is the true count (every bản known, or a reported group figure) rather than a lower bound.' })
  complete!: boolean;

  @Field(() => Int, { description: 'Bản of the group whose own value is unknown.' })
  unknownVillages!: number;

  @Field(() => CoverageBasis, { description: 'Counted from bản values, or taken from a group fact.' })
  basis!: CoverageBasis;

  @Field(() => SourceRef, { nullable: true, description: 'Source of the group\'s reported figure, when the report gives one.' })
  source!: SourceRef | null;

  @Field(() => String, { nullable: true, description: 'How a DERIVED group fact was computed.' })
  formula!: string | null;
}

@ObjectType({ description: 'How many bản meet a yes/no indicator, against the 2030 target.' })
export class Coverage {
  @Field(() => String, { description: 'Indicator key.' })
  indicator!: string;

  @Field(() => String, { description: 'Indicator name (Vietnamese).' })
  indicatorName!: string;

  @Field(() => Int, { description: 'Bản meeting the indicator (sum of the groups; a lower bound when incomplete).' })
  achieved!: number;

  @Field(() => Int, { description: 'Bản counted.' })
  total!: number;

  @Field(() => Number, { nullable: true, description: 'achieved / total, a fraction (0.826); null when some group\'s count is incomplete.' })
  share!: number | null;

  @Field(() => Boolean, { description: 'Whether every group\'s count is complete; if not, achieved is a lower bound.' })
  complete!: boolean;

  @Field(() => Number, { nullable: true, description: 'The 2030 target as a fraction (0.9), where the report sets one.' })
  target!: number | null;

  @Field(() => String, { nullable: true, description: 'How the share compares with the target: ">" means "more than".' })
  targetComparator!: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of the report\'s target (1–21).' })
  targetNo!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the share meets the target today.' })
  targetMet!: boolean | null;

  @Field(() => Int, { description: 'Bản whose own value is unknown (the groups\' facts still count them).' })
  unknownVillages!: number;

  @Field(() => SourceRef, { nullable: true, description: 'Source of the commune-wide figure, when the report gives one.' })
  source!: SourceRef | null;

  @Field(() => Boolean, { description: 'Whether the commune-wide figure of the source equals the sum of the groups.' })
  consistentWithSource!: boolean;

  @Field(() => [CoverageGroup], { description: 'Per former commune.' })
  groups!: CoverageGroup[];
}
