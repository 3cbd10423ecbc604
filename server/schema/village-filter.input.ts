import { Field, Float, InputType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ValueState } from './enums.ts';

@InputType({ description: 'A circle on the ellipsoid: bản whose centre lies within km of [lon, lat].' })
export class NearInput {
  @Field(() => Float, { description: 'Longitude, degrees (WGS84).' })
  @Min(-180) @Max(180)
  lon!: number;

  @Field(() => Float, { description: 'Latitude, degrees (WGS84).' })
  @Min(-90) @Max(90)
  lat!: number;

  @Field(() => Float, { description: 'Radius in km (at most 500).' })
  @Min(0) @Max(500)
  km!: number;
}

@InputType({ description: 'Conditions on bản; all given conditions must hold.' })
export class VillageFilter {
  @Field(() => String, { nullable: true, description: 'Text to find in the name or provisional label; ignores diacritics and case ("ban lao" finds "Bản Lao").' })
  @IsOptional() @MaxLength(100)
  search?: string;

  @Field(() => String, { nullable: true, description: 'Former commune: its id, code or name ("Mường Do", "muong do", "03943").' })
  @IsOptional() @MaxLength(100)
  formerCommune?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only bản whose name a source gives (true) or does not (false).' })
  @IsOptional()
  nameKnown?: boolean;

  @Field(() => String, { nullable: true, description: 'Indicator key for the value and state conditions.' })
  @IsOptional() @MaxLength(64)
  indicator?: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The bản\'s own value of the indicator equals this (true, false or a number).' })
  @IsOptional()
  value?: unknown;

  @Field(() => [ValueState], { nullable: true, description: 'The state of the bản\'s own value of the indicator: UNKNOWN, REPORTED, DERIVED, ESTIMATED.' })
  @IsOptional() @ArrayMaxSize(4)
  state?: ValueState[];

  @Field(() => [Float], { nullable: true, description: 'Bounding box [minLon, minLat, maxLon, maxLat]: bản whose cell meets it.' })
  @IsOptional() @ArrayMinSize(4) @ArrayMaxSize(4)
  bbox?: number[];

  @Field(() => GraphQLJSON, { nullable: true, description: 'A GeoJSON Polygon or MultiPolygon (lon/lat): bản whose centre lies inside it.' })
  @IsOptional()
  within?: unknown;

  @Field(() => NearInput, { nullable: true, description: 'Bản whose centre lies within a distance of a point.' })
  @IsOptional() @ValidateNested()
  near?: NearInput;
}

