import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CoverageBasis, FactAssumption } from './enums.ts';
import { FactFinding, FactReason } from './fact-reason.type.ts';
import { ResolvedValue } from './resolved-value.type.ts';
import { SourceRef } from './source-ref.type.ts';

@ObjectType({ description: 'Coverage of a yes/no indicator in one former commune, as the fact engine resolves it.' })
export class CoverageGroup {
  @Field(() => ID, { description: 'Former commune id.' })
  id!: string;

  @Field(() => String, { description: 'Former commune code.' })
  code!: string;

  @Field(() => String, { description: 'Former commune name.' })
  name!: string;

  @Field(() => Int, { description: 'Bản known to meet the indicator: the count when complete, else its lower bound (= min).' })
  achieved!: number;

  @Field(() => Int, { description: 'Fewest bản that can meet it, given every fact.' })
  min!: number;

  @Field(() => Int, { description: 'Most bản that can meet it, given every fact.' })
  max!: number;

  @Field(() => Int, { description: 'Bản of the former commune.' })
  total!: number;

  @Field(() => Number, { nullable: true, description: 'achieved / total, a fraction (0.833); null when the count is only bounded.' })
  share!: number | null;

  @Field(() => Boolean, { description: 'Whether the count is exact (min = max).' })
  complete!: boolean;

  @Field(() => Int, { description: 'Bản of the group whose value stays unknown (the count may still be exact).' })
  unknownVillages!: number;

  @Field(() => CoverageBasis, { description: 'How the count is known: its own FACT, BAN_VALUES, SUBTRACTION from the commune count, or BOUNDS only.' })
  basis!: CoverageBasis;

  @Field(() => String, { description: 'REPORTED, DERIVED or ESTIMATED (its own fact), INFERRED (by subtraction, see assumptions), UNKNOWN (bounds only).' })
  status!: string;

  @Field(() => [SourceRef], { description: 'Only the sources that support this count (empty when none does).' })
  sources!: SourceRef[];

  @Field(() => [FactAssumption], { description: 'Assumptions the count needs (e.g. SAME_DATE for a count by subtraction).' })
  assumptions!: FactAssumption[];

  @Field(() => FactReason, { description: 'Why the count is what it is, e.g. GROUP_FACT {achieved: 5, total: 6} or NO_SOURCE.' })
  reason!: FactReason;

  @Field(() => SourceRef, { nullable: true, description: 'The first of sources, when there is one.' })
  source!: SourceRef | null;

  @Field(() => String, { nullable: true, description: 'How a DERIVED group fact was computed.' })
  formula!: string | null;
}

@ObjectType({ description: 'How many bản meet a yes/no indicator, against the 2030 target: every path (map, OGC, exports) reads the same resolution.' })
export class Coverage {
  @Field(() => String, { description: 'Indicator key.' })
  indicator!: string;

  @Field(() => String, { description: 'Indicator name (Vietnamese).' })
  indicatorName!: string;

  @Field(() => Int, { description: 'Bản meeting the indicator: the count when complete, else its lower bound (= min).' })
  achieved!: number;

  @Field(() => Int, { description: 'Fewest bản of the commune that can meet it, given every fact.' })
  min!: number;

  @Field(() => Int, { description: 'Most bản of the commune that can meet it, given every fact.' })
  max!: number;

  @Field(() => Int, { description: 'Bản of the commune.' })
  total!: number;

  @Field(() => Number, { nullable: true, description: 'achieved / total, a fraction (0.826); null when the count is only bounded.' })
  share!: number | null;

  @Field(() => Boolean, { description: 'Whether the count is exact (min = max).' })
  complete!: boolean;

  @Field(() => CoverageBasis, { description: 'How the commune count is known.' })
  basis!: CoverageBasis;

  @Field(() => String, { description: 'Status of the commune count: that of its fact (REPORTED…), DERIVED, INFERRED or UNKNOWN.' })
  status!: string;

  @Field(() => [SourceRef], { description: 'Only the sources that support the commune count.' })
  sources!: SourceRef[];

  @Field(() => [FactAssumption], { description: 'Assumptions the commune count needs.' })
  assumptions!: FactAssumption[];

  @Field(() => FactReason, { description: 'Why the commune count is what it is.' })
  reason!: FactReason;

  @Field(() => Number, { nullable: true, description: 'The 2030 target as a fraction (0.9), where the report sets one.' })
  target!: number | null;

  @Field(() => String, { nullable: true, description: 'How the share compares with the target: ">" means "more than".' })
  targetComparator!: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of the report\'s target (1–21).' })
  targetNo!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the share meets the target today; null when the count is only bounded.' })
  targetMet!: boolean | null;

  @Field(() => Int, { description: 'Bản whose value stays unknown (the counts may still be exact).' })
  unknownVillages!: number;

  @Field(() => SourceRef, { nullable: true, description: 'Source of the commune-wide figure, when the report gives one.' })
  source!: SourceRef | null;

  @Field(() => Boolean, { description: 'Whether no fact contradicts another (see findings).' })
  consistentWithSource!: boolean;

  @Field(() => [FactFinding], { description: 'Facts that contradict each other: data-quality warnings.' })
  findings!: FactFinding[];

  @Field(() => [CoverageGroup], { description: 'Per former commune.' })
  groups!: CoverageGroup[];

  @Field(() => [ResolvedValue], { description: 'Every bản\'s value with its basis, sources, assumptions and reason, as the viewer may see it.' })
  villages!: ResolvedValue[];
}
