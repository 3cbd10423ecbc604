import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An indicator (chỉ tiêu): what is measured, in which unit, and which way is better.' })
export class Indicator {
  @Field(() => String, { description: 'Stable key, e.g. "drugFree", "povertyRate".' })
  key!: string;

  @Field(() => String, { description: 'Vietnamese name.' })
  nameVi!: string;

  @Field(() => String, { description: 'English name.' })
  nameEn!: string;

  @Field(() => String, { description: 'boolean (yes/no per bản), count, percent, money, area, quantity or score.' })
  kind!: string;

  @Field(() => String, { description: 'Unit as shown to people: "bản", "%", "hộ", "tỷ đồng"…' })
  unit!: string;

  @Field(() => Boolean, { nullable: true, description: 'true when more is better, false when less is better, null when neither.' })
  higherIsBetter!: boolean | null;

  @Field(() => Boolean, { description: 'Sensitive (drug status): bản-level values reach anonymous visitors only from published sources.' })
  sensitive!: boolean;

  @Field(() => [String], { description: 'Levels the indicator is observed at: commune, formerCommune, village.' })
  levels!: string[];

  @Field(() => String, { nullable: true, description: 'Description (Vietnamese).' })
  descriptionVi!: string | null;

  @Field(() => String, { nullable: true, description: 'Description (English).' })
  descriptionEn!: string | null;
}
