import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { FieldRecordStatus } from './field-enums.ts';

@ObjectType({ description: 'What happened to one field record of a sync.' })
export class FieldRecordResult {
  @Field(() => ID, { description: 'The record\'s clientId.' })
  clientId!: string;

  @Field(() => FieldRecordStatus, { description: 'APPLIED, ALREADY_APPLIED, CONFLICT, REJECTED or KEPT_SERVER.' })
  status!: FieldRecordStatus;

  @Field(() => String, { nullable: true, description: 'Why it was REJECTED: ACCURACY_TOO_LOW, ACCURACY_INVALID, PHOTO_TOO_LARGE, PHOTO_NOT_IMAGE, PHOTO_TYPE, PHOTO_TYPE_MISMATCH, PHOTO_NOT_BASE64, CLIENT_ID_INVALID, CLIENT_ID_REUSED (this officer sent a different record under this clientId before), OUTSIDE_COMMUNE, SWAPPED_LAT_LON, NOT_FOUND, BAD_USER_INPUT (see field), INTERNAL_ERROR; CONFLICT for a conflict.' })
  code!: string | null;

  @Field(() => String, { nullable: true, description: 'The input field at fault, when one is (e.g. "accuracyMeters", "value", "photo").' })
  field!: string | null;

  @Field(() => String, { nullable: true, description: 'What happened, in Vietnamese and English.' })
  message!: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'APPLIED: the value stored. CONFLICT and KEPT_SERVER: the value on the server now (a centre is [lon, lat]).' })
  serverValue!: unknown;

  @Field(() => Int, { nullable: true, description: 'The version on the server now: after APPLIED, the new one; for CONFLICT, the one to send as baseVersion with KEEP_MINE.' })
  serverVersion!: number | null;

  @Field(() => String, { nullable: true, description: 'CONFLICT: who made the server\'s value (null for a value from the seeds).' })
  serverChangedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'CONFLICT: when the server\'s value was made (ISO 8601; null for a value from the seeds).' })
  serverChangedAt!: string | null;

  @Field(() => ID, { nullable: true, description: 'The review entry (fieldSubmissions) for APPLIED, ALREADY_APPLIED and KEPT_SERVER.' })
  submissionId!: string | null;
}
