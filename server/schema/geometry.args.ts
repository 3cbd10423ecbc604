import { ArgsType, Field, Float, Int } from 'type-graphql';
import { IsOptional, Max, Min } from 'class-validator';

@ArgsType()
export class GeometryArgs {
  @Field(() => Int, { nullable: true, description: 'Decimal places kept in coordinates, 0–10 (6 ≈ 0.1 m, 4 ≈ 10 m). Default: all.' })
  @IsOptional() @Min(0) @Max(10)
  precision?: number;

  @Field(() => Float, { nullable: true, description: 'Simplify the outline with this tolerance in metres (0–5000), rounded down to 1, 2 or 5 × 10ⁿ m (outlines are simplified ahead at those levels; below 1 m: not simplified). Default: none.' })
  @IsOptional() @Min(0) @Max(5000)
  simplifyMeters?: number;
}
