import { Field, Int, ObjectType } from 'type-graphql';
import { AreaFigure } from './commune.type.ts';
import { FactFinding } from './fact-reason.type.ts';

@ObjectType({ description: 'Parts against their total for one indicator and period (e.g. bản of the former communes against the commune).' })
export class SumCheck {
  @Field(() => String, { description: 'Indicator key.' })
  indicator!: string;

  @Field(() => String, { description: 'Period.' })
  period!: string;

  @Field(() => Number, { description: 'Sum of the former communes\' values.' })
  sumOfParts!: number;

  @Field(() => Number, { description: 'The commune\'s own value.' })
  total!: number;

  @Field(() => Boolean, { description: 'Whether they agree (within 0.5%).' })
  consistent!: boolean;
}

@ObjectType({ description: 'How many units have boundaries of one quality.' })
export class QualityCount {
  @Field(() => String, { description: 'OFFICIAL, SURVEYED or SCHEMATIC.' })
  quality!: string;

  @Field(() => String, { description: 'commune, formerCommune or village.' })
  level!: string;

  @Field(() => Int, { description: 'Number of units.' })
  count!: number;
}

@ObjectType({ description: 'For a yes/no indicator: how many bản have no value of their own.' })
export class ValueGap {
  @Field(() => String, { description: 'Indicator key.' })
  indicator!: string;

  @Field(() => String, { description: 'Indicator name (Vietnamese).' })
  nameVi!: string;

  @Field(() => Int, { description: 'Bản whose value neither their own fact nor any count implies (as the viewer sees them).' })
  unknownVillages!: number;

  @Field(() => Int, { description: 'Bản in all.' })
  villages!: number;
}

@ObjectType({ description: 'What is uncertain or inconsistent in the data: areas, sums, unknown names, positions and values.' })
export class DataQuality {
  @Field(() => [AreaFigure], { description: 'Stated, official, measured and derived areas side by side.' })
  areas!: AreaFigure[];

  @Field(() => Number, { description: 'Largest minus smallest area figure, km² (279.15 vs 269.09 today).' })
  areaSpreadKm2!: number;

  @Field(() => [SumCheck], { description: 'Sums of the former communes\' values against the commune\'s, wherever both exist.' })
  sumChecks!: SumCheck[];

  @Field(() => [String], { description: 'Bản whose name no source gives (their provisional labels).' })
  villagesWithoutName!: string[];

  @Field(() => Int, { description: 'Bản with no known centre position.' })
  villagesWithoutCentre!: number;

  @Field(() => [QualityCount], { description: 'Boundaries by quality and level.' })
  boundariesByQuality!: QualityCount[];

  @Field(() => [ValueGap], { description: 'For each yes/no indicator: bản whose value stays unknown.' })
  unknownValues!: ValueGap[];

  @Field(() => [IndicatorFinding], { description: 'For each yes/no indicator: counts that contradict each other (the fact engine\'s findings).' })
  findings!: IndicatorFinding[];
}

@ObjectType({ description: 'A contradiction between the counts of one yes/no indicator.' })
export class IndicatorFinding extends FactFinding {
  @Field(() => String, { description: 'Indicator key.' })
  indicator!: string;
}
