import { ArgsType, Field, Float, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Max, MaxLength, Min } from 'class-validator';

/** The most communes one page returns. */
export const COMMUNE_PAGE_CAP = 100;

@ArgsType()
export class CommunesArgs {
  @Field(() => String, { nullable: true, description: 'Only this province\'s communes (its two-digit code, e.g. "14").' })
  @IsOptional() @MaxLength(10)
  province?: string;

  @Field(() => [Float], { nullable: true, description: 'Only communes whose outline meets this box: [minLon, minLat, maxLon, maxLat] in degrees.' })
  @IsOptional() @ArrayMinSize(4) @ArrayMaxSize(4)
  bbox?: number[];

  @Field(() => String, { nullable: true, description: 'Only communes whose name, type or code contains this text, diacritics and case ignored ("muong bang" finds Mường Bang).' })
  @IsOptional() @MaxLength(100)
  search?: string;

  @Field(() => Int, { defaultValue: 20, description: `Page size, 0–${COMMUNE_PAGE_CAP}.` })
  @Min(0) @Max(COMMUNE_PAGE_CAP)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (pageInfo.endCursor of the previous page).' })
  @IsOptional() @MaxLength(100)
  after?: string;
}
