import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { ValueComparator } from './enums.ts';
import { FieldConflictResolution, FieldRecordKind } from './field-enums.ts';

// No class-validator limits here: a bad record is REJECTED on its own (server/edits/field-record.ts), never the batch.

@InputType({ description: 'Where the officer stood when recording (the device\'s position, WGS84).' })
export class FieldPositionInput {
  @Field(() => Float, { description: 'Longitude.' })
  lon!: number;

  @Field(() => Float, { description: 'Latitude.' })
  lat!: number;

  @Field(() => Float, { nullable: true, description: 'The device\'s stated accuracy in metres.' })
  accuracyMeters?: number | null;
}

@InputType({ description: 'A photo of the supporting document, resized on the device (at most 600 kB once decoded).' })
export class FieldPhotoInput {
  @Field(() => String, { description: 'image/jpeg or image/webp; the bytes must be that kind of image (checked by their first bytes).' })
  mimeType!: string;

  @Field(() => String, { description: 'The image, base64 (no data: prefix).' })
  dataBase64!: string;
}

@InputType({ description: 'One record made on the device in the field: a value, a bản centre or a bản name, with the version it was based on.' })
export class FieldRecordInput {
  @Field(() => ID, { description: 'A UUID made on the device, one per record. A record sent twice is applied once: the second call answers ALREADY_APPLIED; another record (a changed value, period, indicator, bản or kind) under the same clientId is REJECTED with CLIENT_ID_REUSED.' })
  clientId!: string;

  @Field(() => FieldRecordKind, { description: 'What the record sets.' })
  kind!: FieldRecordKind;

  @Field(() => ID, { description: 'Bản id, e.g. "md-04".' })
  villageId!: string;

  @Field(() => String, { description: 'When the officer recorded it on the device (ISO 8601, e.g. "2026-11-30T07:12:00+07:00").' })
  recordedAt!: string;

  @Field(() => FieldPositionInput, { nullable: true, description: 'Where the officer stood (kept in the history).' })
  position?: FieldPositionInput | null;

  @Field(() => Int, { description: 'The version the officer\'s value was based on: the value\'s version for OBSERVATION (0 when there was none); Village.version for CENTRE and NAME. Not the server\'s: CONFLICT.' })
  baseVersion!: number;

  @Field(() => FieldConflictResolution, { nullable: true, description: 'Absent normally. After a CONFLICT, re-send the same clientId with KEEP_MINE (and baseVersion = the serverVersion shown) or KEEP_SERVER.' })
  resolution?: FieldConflictResolution | null;

  @Field(() => String, { nullable: true, description: 'OBSERVATION: indicator key.' })
  indicator?: string | null;

  @Field(() => String, { nullable: true, description: 'OBSERVATION: period, e.g. "2026".' })
  period?: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'OBSERVATION: true/false for a yes/no indicator, a number otherwise (as setObservation).' })
  value?: unknown;

  @Field(() => ValueComparator, { nullable: true, description: 'OBSERVATION: when the value is a bound ("trên 95"); absent: EXACT.' })
  comparator?: ValueComparator | null;

  @Field(() => Int, { nullable: true, description: 'OBSERVATION: for a group yes/no fact, the number of bản counted.' })
  denominator?: number | null;

  @Field(() => String, { nullable: true, description: 'OBSERVATION: REPORTED (default), DERIVED or ESTIMATED (give the formula).' })
  status?: string | null;

  @Field(() => String, { nullable: true, description: 'OBSERVATION: how a DERIVED or ESTIMATED value was obtained.' })
  formula?: string | null;

  @Field(() => Float, { nullable: true, description: 'CENTRE: longitude (WGS84), inside the commune.' })
  lon?: number | null;

  @Field(() => Float, { nullable: true, description: 'CENTRE: latitude (WGS84).' })
  lat?: number | null;

  @Field(() => Float, { nullable: true, description: 'CENTRE: the GPS accuracy in metres; above 50 the record is REJECTED (ACCURACY_TOO_LOW). Absent for a centre tapped on the map.' })
  accuracyMeters?: number | null;

  @Field(() => String, { nullable: true, description: 'NAME: the name without the word "bản".' })
  name?: string | null;

  @Field(() => String, { description: 'Where it comes from (document, meeting, GPS…), 3–500 characters: shown beside it.' })
  sourceNote!: string;

  @Field(() => FieldPhotoInput, { nullable: true, description: 'A photo of the supporting document, shown to signed-in users only.' })
  photo?: FieldPhotoInput | null;
}
