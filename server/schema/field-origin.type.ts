import { Field, Float, ID, ObjectType } from 'type-graphql';
import { FieldConflictResolution } from './field-enums.ts';

@ObjectType({ description: 'Where the officer stood when recording in the field (WGS84).' })
export class FieldPosition {
  @Field(() => Float, { description: 'Longitude.' })
  lon!: number;

  @Field(() => Float, { description: 'Latitude.' })
  lat!: number;

  @Field(() => Float, { nullable: true, description: 'The device\'s stated accuracy in metres (null: not given).' })
  accuracyMeters!: number | null;
}

@ObjectType({ description: 'That a history entry came from the field app: which record, when and where it was made.' })
export class FieldOrigin {
  @Field(() => ID, { description: 'The record\'s id, made on the device.' })
  clientId!: string;

  @Field(() => String, { description: 'When the officer recorded it on the device (ISO 8601).' })
  recordedAt!: string;

  @Field(() => FieldPosition, { nullable: true, description: 'Where the officer stood (null: not given).' })
  position!: FieldPosition | null;

  @Field(() => String, { description: 'The officer\'s source note.' })
  sourceNote!: string;

  @Field(() => FieldConflictResolution, { nullable: true, description: 'After a CONFLICT: which value the officer chose (null: there was none).' })
  resolution!: FieldConflictResolution | null;
}
