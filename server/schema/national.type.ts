import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A province (tỉnh or thành phố) of the 2025 reorganisation: official figures, for national context.' })
export class Province {
  @Field(() => String, { description: 'Official two-digit code, e.g. "14" (Sơn La).' })
  code!: string;

  @Field(() => String, { description: 'Name (NFC), e.g. "Sơn La".' })
  name!: string;

  @Field(() => String, { description: '"Tỉnh" (province) or "Thành phố" (centrally governed city).' })
  type!: string;

  @Field(() => Float, { description: 'Official area in km² (sapnhap.bando.com.vn, via vietnam-3d-map).' })
  areaKm2!: number;

  @Field(() => Int, { description: 'Population as the source gives it (year and method not stated: the provinces add up to 113.7 million, see nationalQuality).' })
  population!: number;

  @Field(() => Int, { description: 'How many commune-level units (xã, phường, đặc khu) it has.' })
  communeCount!: number;

  @Field(() => [Float], { description: 'The source\'s label point [lon, lat].' })
  centroid!: number[];

  /** Resolved by NationalResolver (simplification and precision arguments). */
  geometryKey!: string;
}

@ObjectType({ description: 'How a commune\'s area measured on its outline compares with its official area (the data-quality map colours communes by it).' })
export class AreaAgreementType {
  @Field(() => Float, { description: 'measured − official, km².' })
  differenceKm2!: number;

  @Field(() => Float, { nullable: true, description: '(measured − official) ÷ official; null when the official area is 0.' })
  relativeDifference!: number | null;

  @Field(() => Boolean, { description: 'Beyond the threshold (nationalQuality.areaFlagRatio and areaFlagMinKm2): listed in nationalQuality.areaDisagreements.' })
  flagged!: boolean;

  @Field(() => Int, { description: 'Class on the data-quality map: 0 under the first of nationalQuality.areaClassLimits, 1 under the second, 2 larger but not flagged, 3 flagged.' })
  differenceClass!: number;
}

@ObjectType({ description: 'A commune-level unit (xã, phường or đặc khu) of Vietnam, 2025: official figures, for national context. Xã Mường Bang (03943) also has its detailed data (see detailedUnitId).' })
export class NationalCommune {
  @Field(() => String, { description: 'Official five-digit code, e.g. "03943" (Mường Bang).' })
  code!: string;

  @Field(() => String, { description: 'Name (NFC), without its type, e.g. "Mường Bang".' })
  name!: string;

  @Field(() => String, { description: '"Xã" (rural commune), "Phường" (ward) or "Đặc khu" (special zone).' })
  type!: string;

  @Field(() => String, { description: 'Code of its province.' })
  provinceCode!: string;

  @Field(() => String, { description: 'Name of its province.' })
  provinceName!: string;

  @Field(() => Float, { description: 'Official area in km² (sapnhap record).' })
  areaKm2!: number;

  @Field(() => Float, { nullable: true, description: 'Area of its (simplified) outline on the WGS84 ellipsoid, km²; null without an outline. Compare with areaKm2: nationalQuality lists those far apart.' })
  measuredAreaKm2!: number | null;

  @Field(() => AreaAgreementType, { nullable: true, description: 'Measured against official area: the difference, whether it is flagged and its class on the data-quality map; null without an outline.' })
  areaAgreement!: AreaAgreementType | null;

  @Field(() => Int, { description: 'Population as the source gives it (year and method not stated; the communes add up to 113.7 million against 101.1 million in the 2024 mid-term census).' })
  population!: number;

  @Field(() => Float, { nullable: true, description: 'population ÷ areaKm2 (official), people per km²; null when the area is 0.' })
  densityPerKm2!: number | null;

  @Field(() => String, { nullable: true, description: 'Address of the administrative centre, e.g. "Bản Lằn, xã Mường Bang, tỉnh Sơn La"; null when the source does not give it.' })
  adminCentre!: string | null;

  @Field(() => [String], { nullable: true, description: 'The units merged into it on 1 July 2025, as the source names them; null when the source does not give them.' })
  formerUnits!: string[] | null;

  @Field(() => [Float], { description: 'The source\'s label point [lon, lat].' })
  centroid!: number[];

  @Field(() => String, { nullable: true, description: 'Id of the commune unit with detailed data in this atlas (former communes, bản, indicators), or null when the atlas has only these official figures.' })
  detailedUnitId!: string | null;

  /** Resolved by NationalResolver (simplification and precision arguments). */
  geometryKey!: string;
}

@ObjectType({ description: 'Where a page of a list ends, for cursor pagination.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the page\'s last item: pass it as `after` for the next page; null on an empty page.' })
  endCursor!: string | null;
}

@ObjectType({ description: 'One page of communes matching the filters.' })
export class NationalCommunePage {
  @Field(() => Int, { description: 'How many communes match the filters, over every page.' })
  totalCount!: number;

  @Field(() => [NationalCommune], { description: 'This page\'s communes, by code.' })
  nodes!: NationalCommune[];

  @Field(() => PageInfo, { description: 'Cursor of the last item and whether more follow.' })
  pageInfo!: PageInfo;
}

@ObjectType({ description: 'A commune whose official and measured areas disagree beyond the threshold.' })
export class AreaDisagreement {
  @Field(() => String, { description: 'Commune code.' })
  code!: string;

  @Field(() => String, { description: 'Commune name.' })
  name!: string;

  @Field(() => String, { description: 'Province code.' })
  provinceCode!: string;

  @Field(() => Float, { description: 'Official area, km².' })
  officialAreaKm2!: number;

  @Field(() => Float, { description: 'Area measured on the outline (WGS84 ellipsoid), km².' })
  measuredAreaKm2!: number;

  @Field(() => Float, { description: 'measured − official, km².' })
  differenceKm2!: number;

  @Field(() => Float, { nullable: true, description: '(measured − official) ÷ official; null when the official area is 0.' })
  relativeDifference!: number | null;
}

@ObjectType({ description: 'A national figure with its source.' })
export class NationalFigureType {
  @Field(() => Float, { description: 'The value.' })
  value!: number;

  @Field(() => String, { description: 'EXACT, or APPROXIMATELY when the source rounds.' })
  comparator!: string;

  @Field(() => Int, { description: 'Year the figure is for.' })
  year!: number;

  @Field(() => String, { description: 'Document, publisher and date.' })
  source!: string;

  @Field(() => String, { description: 'The sentence of the document the figure rests on.' })
  quote!: string;
}

@ObjectType({ description: 'What is inconsistent in the national reference data (seeds/vietnam/), computed from the seeds.' })
export class NationalQualityType {
  @Field(() => Int, { description: 'Provinces.' })
  provinceCount!: number;

  @Field(() => Int, { description: 'Commune-level units.' })
  communeCount!: number;

  @Field(() => Int, { description: 'Communes whose official and measured areas were compared (those with an outline).' })
  areasCompared!: number;

  @Field(() => Float, { description: 'Threshold: a difference is flagged above this share of the official area…' })
  areaFlagRatio!: number;

  @Field(() => Float, { description: '…and above this many km² (small wards move by a few percent when their outline is simplified).' })
  areaFlagMinKm2!: number;

  @Field(() => [AreaDisagreement], { description: 'Flagged area differences, largest relative difference first.' })
  areaDisagreements!: AreaDisagreement[];

  @Field(() => [Float], { description: 'Upper bounds of the unflagged classes of |relative difference| on the data-quality map (0.01, 0.05: under 1 %, under 5 %, then larger but not flagged).' })
  areaClassLimits!: number[];

  @Field(() => [Int], { description: 'Compared communes in each class of the data-quality map (AreaAgreement.differenceClass 0–3); the last is the flagged ones, as many as areaDisagreements.' })
  areaClassCounts!: number[];

  @Field(() => Float, { description: 'Sum of the communes\' populations.' })
  communePopulationSum!: number;

  @Field(() => Float, { description: 'Sum of the provinces\' populations.' })
  provincePopulationSum!: number;

  @Field(() => NationalFigureType, { description: 'Vietnam\'s population in national statistics, with its source.' })
  nationalPopulation!: NationalFigureType;

  @Field(() => Float, { description: 'communePopulationSum ÷ nationalPopulation (1.12 means the communes add up to 12 % more).' })
  populationRatio!: number;

  @Field(() => [String], { description: 'Codes of communes without an outline.' })
  withoutGeometry!: string[];

  @Field(() => [String], { description: 'Codes used by more than one unit.' })
  duplicateCodes!: string[];

  @Field(() => [String], { description: 'Provinces whose communes\' official areas add up to more than 5 % off the province\'s own area, as "code name".' })
  provinceAreaMismatches!: string[];
}

@ObjectType({ description: 'Quantile class limits of the national map (5 classes, about as many communes in each, whatever the skew): value v is in class i when limits[i] ≤ v < limits[i + 1].' })
export class NationalClassLimits {
  @Field(() => [Float], { description: 'People per km² (population ÷ official area).' })
  density!: number[];

  @Field(() => [Float], { description: 'Official area, km².' })
  areaKm2!: number[];

  @Field(() => [Float], { description: 'Population as the source gives it.' })
  population!: number[];
}
