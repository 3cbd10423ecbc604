import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ObservationStatus, ValueComparator } from './enums.ts';
import { SourceRef } from './source-ref.type.ts';
import { Village } from './village.type.ts';

export enum TargetStatus {
  MET = 'MET',
  NOT_MET = 'NOT_MET',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(TargetStatus, {
  name: 'TargetStatus',
  description: 'Whether the current value meets the 2030 target: MET, NOT_MET, or UNKNOWN (no current value).',
  valuesConfig: {
    MET: { description: 'The current value already meets the target.' },
    NOT_MET: { description: 'The current value does not meet the target yet.' },
    UNKNOWN: { description: 'No current value (nor baseline) is known, the target has no figure to compare with, or the current value is a bound that may or may not meet it ("gần", or "trên 95%" against "= 100%").' },
  },
});

@ObjectType({ description: 'A value a target is measured by, with where it comes from.' })
export class TargetValue {
  @Field(() => Number, { description: 'Value in the target\'s unit (a count of bản is given as a percent when the target is a percent).' })
  value!: number;

  @Field(() => ValueComparator, { description: 'Whether the value is exact or a bound the source gives ("trên 99,8%": GREATER_THAN): a bound meets a target only when every value it allows does (else status UNKNOWN).' })
  comparator!: ValueComparator;

  @Field(() => Int, { nullable: true, description: 'Count behind a share: achieved of denominator (19 of 23).' })
  count!: number | null;

  @Field(() => Int, { nullable: true, description: 'Denominator behind a share (23).' })
  denominator!: number | null;

  @Field(() => String, { description: 'Period of the value.' })
  period!: string;

  @Field(() => ObservationStatus, { description: 'REPORTED, DERIVED or ESTIMATED.' })
  status!: ObservationStatus;

  @Field(() => String, { nullable: true, description: 'How a DERIVED value was computed.' })
  formula!: string | null;

  @Field(() => SourceRef, { nullable: true, description: 'Source.' })
  source!: SourceRef | null;
}

@ObjectType({ description: 'One figure of a compound target.' })
export class TargetPart {
  @Field(() => String, { description: 'Label (Vietnamese).' })
  labelVi!: string;

  @Field(() => String, { description: 'Label (English).' })
  labelEn!: string;

  @Field(() => String, { description: 'Comparator: >, >=, <, <=, =.' })
  comparator!: string;

  @Field(() => Number, { description: 'Target figure.' })
  value!: number;

  @Field(() => String, { description: 'Unit.' })
  unit!: string;
}

@ObjectType({ description: 'One of the 21 main targets for 2025–2030 (Phần thứ ba II.2) and where the commune stands.' })
export class Target {
  @Field(() => Int, { description: 'The report\'s number, 1–21.' })
  no!: number;

  @Field(() => String, { description: 'economy, society, environment or party.' })
  group!: string;

  @Field(() => String, { description: 'Short label (Vietnamese).' })
  labelVi!: string;

  @Field(() => String, { description: 'Short label (English).' })
  labelEn!: string;

  @Field(() => String, { nullable: true, description: 'Indicator key it is measured by.' })
  indicator!: string | null;

  @Field(() => String, { nullable: true, description: 'Comparator: >, >=, <, <=, =.' })
  comparator!: string | null;

  @Field(() => Number, { nullable: true, description: 'Target figure.' })
  value!: number | null;

  @Field(() => String, { nullable: true, description: 'Unit of the target figure.' })
  unit!: string | null;

  @Field(() => Int, { description: 'Year the target is for.' })
  year!: number;

  @Field(() => TargetValue, { nullable: true, description: 'Baseline the report gives ("hiện tại"), where it gives one.' })
  baseline!: TargetValue | null;

  @Field(() => TargetValue, { nullable: true, description: 'Current value from the latest data (coverage for bản-count targets); null when unknown.' })
  current!: TargetValue | null;

  @Field(() => TargetStatus, { description: 'Whether the current value meets the target.' })
  status!: TargetStatus;

  @Field(() => Int, { nullable: true, description: 'For bản-count targets: how many bản must meet it (more than 90% of 23 → 21).' })
  villagesNeeded!: number | null;

  @Field(() => Int, { nullable: true, description: 'For bản-count targets: how many more bản than today (21 − 19 = 2); null when not every bản is known and no count of all of them is given (see moreVillagesNeededAtMost).' })
  moreVillagesNeeded!: number | null;

  @Field(() => Int, { nullable: true, description: 'For bản-count targets: an upper bound on how many more bản are needed. It equals moreVillagesNeeded when that is known; otherwise only the bản known to meet the target are counted, so some of the others may already meet it.' })
  moreVillagesNeededAtMost!: number | null;

  @Field(() => Int, { nullable: true, description: 'For bản-count targets: a lower bound on how many more bản are needed ("at least N"). It equals moreVillagesNeeded when that is known; otherwise every bản not known either way is counted as meeting it.' })
  moreVillagesNeededAtLeast!: number | null;

  @Field(() => [Village], { description: 'For bản-count targets: bản not known to meet it, in former communes short of it or not fully known (the candidates); none when a count of every bản says all meet it.' })
  candidates!: Village[];

  @Field(() => [TargetPart], { description: 'All figures of a compound target.' })
  parts!: TargetPart[];

  @Field(() => SourceRef, { description: 'Where the target is set.' })
  source!: SourceRef;

  @Field(() => String, { nullable: true, description: 'Note.' })
  note!: string | null;
}
