import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { IsIn, IsOptional, MaxLength, Min, MinLength } from 'class-validator';
import { PROBLEM_CODES, type ProblemCode } from '../imports/import-report.ts';

// The GraphQL face of imports: what an officer sends (a file, a dry run or not) and the report back.

export enum ImportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(ImportFormat, {
  name: 'ImportFormat',
  description: 'CSV (UTF-8 with or without BOM; comma, semicolon or tab separated) or XLSX (the first sheet).',
  valuesConfig: {
    CSV: { description: 'Comma-, semicolon- or tab-separated text, UTF-8 with or without BOM (other encodings are refused).' },
    XLSX: { description: 'An Excel workbook: the first sheet is read; formulas are refused, never evaluated.' },
  },
});

/** The problem codes as a GraphQL enum, each with its meaning. */
export const ImportProblemCode = Object.fromEntries(Object.keys(PROBLEM_CODES).map((k) => [k, k])) as { [K in ProblemCode]: K };
registerEnumType(ImportProblemCode, {
  name: 'ImportProblemCode',
  description: 'What is wrong with a row, a cell or the whole file.',
  valuesConfig: Object.fromEntries(Object.entries(PROBLEM_CODES).map(([k, description]) => [k, { description }])) as never,
});

/** Base64 of 5 MB, with room for a data: URL prefix; the decoded size is checked (TOO_LARGE) by the import. */
const MAX_BASE64 = 7_100_000;

@InputType({ description: 'A file of values to import. Columns (Vietnamese or English headers, any case, with or without diacritics): Mã bản/Bản/unit, Chỉ tiêu/indicator, Kỳ/Năm/period, Giá trị/value, and optionally Mẫu số/denominator, Trạng thái/status, Nguồn/source, Mục/section, Cách tính/formula, Ghi chú/note. The observations export reads back unchanged.' })
export class ObservationImportInput {
  @Field(() => String, { description: 'The file, base64-encoded (a data: URL is accepted). At most 5 MB and 5,000 rows.' })
  @MinLength(1) @MaxLength(MAX_BASE64)
  fileBase64!: string;

  @Field(() => ImportFormat, { description: 'CSV or XLSX.' })
  @IsIn(Object.values(ImportFormat))
  format!: ImportFormat;

  @Field(() => Boolean, { description: 'true: only check and report what would change; false: apply, if and only if no problem is found.' })
  dryRun!: boolean;

  @Field(() => String, { description: 'Where the values come from (document, survey…): the source of every row without its own Nguồn/source.' })
  @MinLength(3) @MaxLength(500)
  sourceNote!: string;

  @Field(() => String, { nullable: true, description: 'Why the import is made (kept in the history of every change).' })
  @IsOptional() @MaxLength(500)
  why?: string;

  @Field(() => Int, { nullable: true, description: 'When applying: the dataVersion of the dry run you looked at. If a value the file would write was changed since, the apply is refused with CONFLICT naming each such row and bản, and nothing is written; edits of other values do not stop it. Without it, the file is checked and applied against the data as it is at that moment.' })
  @IsOptional() @Min(1)
  expectedDataVersion?: number;

  @Field(() => String, { nullable: true, description: 'Official code of the detailed commune the file is for (see detailedCommunes); omitted: Mường Bang. Only that commune\'s units can be named: a bản of another commune is refused (OTHER_COMMUNE).' })
  @IsOptional() @MaxLength(20)
  commune?: string;
}

@InputType({ description: 'A GeoJSON FeatureCollection of bản centres (Point) and surveyed boundaries (Polygon, MultiPolygon), lon/lat WGS84. Each feature names its bản in properties.id (or ma_ban, or name).' })
export class VillageGeometryImportInput {
  @Field(() => GraphQLJSON, { description: 'The FeatureCollection, as JSON or as its text. At most 5 MB and 5,000 features.' })
  geojson!: unknown;

  @Field(() => Boolean, { description: 'true: only check and report what would change; false: apply, if and only if no problem is found.' })
  dryRun!: boolean;

  @Field(() => String, { description: 'Where the positions come from (GPS survey, map…): the source of every feature without its own properties.source.' })
  @MinLength(3) @MaxLength(500)
  sourceNote!: string;

  @Field(() => String, { nullable: true, description: 'Why the import is made (kept in the history of every change).' })
  @IsOptional() @MaxLength(500)
  why?: string;

  @Field(() => Int, { nullable: true, description: 'When applying: the dataVersion of the dry run you looked at. If the centre or boundary of a bản in the file was changed since, the apply is refused with CONFLICT naming each such feature and bản, and nothing is written; edits of other bản do not stop it. Without it, the file is checked and applied against the data as it is at that moment.' })
  @IsOptional() @Min(1)
  expectedDataVersion?: number;

  @Field(() => String, { nullable: true, description: 'Official code of the detailed commune the file is for (see detailedCommunes); omitted: Mường Bang. Only that commune\'s units can be named: a bản of another commune is refused (OTHER_COMMUNE). With a commune named, a feature with properties code and name that matches none of its bản adds a new bản with that boundary (a Polygon or MultiPolygon inside the commune, its code unique there, overlapping no other surveyed boundary).' })
  @IsOptional() @MaxLength(20)
  commune?: string;
}

@ObjectType({ description: 'One change an import makes (or would make, in a dry run).' })
export class ImportChange {
  @Field(() => Int, { description: 'Row of the file (the header is row 1), or feature number (from 1) for GeoJSON.' })
  row!: number;

  @Field(() => ID, { description: 'Unit changed: a bản, a former commune or the commune.' })
  unitId!: string;

  @Field(() => String, { description: '"indicator@period" for a value (as in the history); "centre" or "boundary" for geometry; "created" for a bản added by the file.' })
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'What is stored now (null if nothing): a value with its denominator, status, source, formula and note; a [lon, lat] centre; a boundary\'s quality and area.' })
  oldValue!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'What the import stores, in the same form.' })
  newValue!: unknown;
}

@ObjectType({ description: 'One problem found in an import file, naming where it is and what is wrong (Vietnamese / English).' })
export class ImportProblem {
  @Field(() => Int, { nullable: true, description: 'Row of the file (the header is row 1; for a CSV encoding problem, the line), or feature number for GeoJSON; null for the whole file.' })
  row!: number | null;

  @Field(() => String, { nullable: true, description: 'Column header as written in the file (or a column letter), or a GeoJSON member such as "geometry".' })
  column!: string | null;

  @Field(() => String, { nullable: true, description: 'Id of the unit (bản, former commune or commune) the row is about, when it could be matched.' })
  villageId!: string | null;

  @Field(() => ImportProblemCode, { description: 'What kind of problem.' })
  code!: ProblemCode;

  @Field(() => String, { description: 'The problem in Vietnamese and English, naming the row, column and bản.' })
  message!: string;
}

@ObjectType({ description: 'What an import found and did. A file with any problem is never applied: nothing is written.' })
export class ImportReport {
  @Field(() => Boolean, { description: 'Whether this was only a check.' })
  dryRun!: boolean;

  @Field(() => Boolean, { description: 'Whether the changes were written (all of them, in one transaction); false for a dry run or a file with problems.' })
  applied!: boolean;

  @Field(() => Int, { description: 'Data version the file was checked against: pass it back as expectedDataVersion when applying, so that an edit made since on a row of the file is not overwritten unseen.' })
  dataVersion!: number;

  @Field(() => Int, { description: 'Data rows (or features) read.' })
  rowsRead!: number;

  @Field(() => Int, { description: 'Rows (or features) without problems.' })
  rowsValid!: number;

  @Field(() => [ImportChange], { description: 'Changes made (or that would be made): rows identical to what is stored change nothing and are not listed.' })
  changes!: ImportChange[];

  @Field(() => [ImportProblem], { description: 'Every problem found, in file order.' })
  problems!: ImportProblem[];
}
