import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { FieldRecordKind, FieldSubmissionStatus } from './field-enums.ts';
import { FieldPosition } from './field-origin.type.ts';
import { Village } from './village.type.ts';

@ObjectType({ description: 'A record received from the field, in the review queue.' })
export class FieldSubmission {
  @Field(() => ID, { description: 'Id of the submission (for reviewFieldSubmission, and as the `after` cursor of fieldSubmissions).' })
  submissionId!: string;

  @Field(() => ID, { description: 'The record\'s clientId, made on the device.' })
  clientId!: string;

  @Field(() => FieldRecordKind, { description: 'What it set.' })
  kind!: FieldRecordKind;

  @Field(() => Village, { description: 'The bản.' })
  village!: Village;

  @Field(() => String, { nullable: true, description: 'OBSERVATION: indicator key.' })
  indicator!: string | null;

  @Field(() => String, { nullable: true, description: 'OBSERVATION: period.' })
  period!: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The field value: the value, [lon, lat] for a centre, the name for a name.' })
  value!: unknown;

  @Field(() => String, { description: 'The officer who recorded it (user name).' })
  officer!: string;

  @Field(() => String, { description: 'When it was recorded on the device (ISO 8601).' })
  recordedAt!: string;

  @Field(() => String, { description: 'When the server received it (ISO 8601).' })
  receivedAt!: string;

  @Field(() => FieldPosition, { nullable: true, description: 'Where the officer stood.' })
  position!: FieldPosition | null;

  @Field(() => String, { description: 'The officer\'s source note.' })
  sourceNote!: string;

  @Field(() => String, { nullable: true, description: 'Address of the photo of the supporting document (GET, signed-in users only); null without one.' })
  photoUrl!: string | null;

  @Field(() => FieldSubmissionStatus, { description: 'PENDING, ACCEPTED or RETURNED.' })
  status!: FieldSubmissionStatus;

  @Field(() => String, { nullable: true, description: 'The reviewer\'s note (why it was returned, or a remark).' })
  reviewNote!: string | null;

  @Field(() => String, { nullable: true, description: 'Who reviewed it.' })
  reviewedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'When it was reviewed (ISO 8601).' })
  reviewedAt!: string | null;
}
