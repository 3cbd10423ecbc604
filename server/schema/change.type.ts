import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { FieldOrigin } from './field-origin.type.ts';

@ObjectType({ description: 'One entry of the append-only history: who changed what, when, from what to what, and why.' })
export class Change {
  @Field(() => Int, { description: 'Entry number (for revertChange).' })
  id!: number;

  @Field(() => String, { description: 'When (ISO 8601, UTC).' })
  at!: string;

  @Field(() => String, { description: 'Who (user name).' })
  who!: string;

  @Field(() => String, { description: 'observation, unit or boundary; field for an entry about a field record that changes no value (discarded in favour of the server\'s, reviewed).' })
  entity!: string;

  @Field(() => String, { description: 'Unit the change is about.' })
  unitId!: string;

  @Field(() => String, { description: 'What changed: "name", "centre", "boundary", or "<indicator>@<period>" for a value; for a field entry, "review" or what was discarded.' })
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Before (null: there was none).' })
  oldValue!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'After (null: removed).' })
  newValue!: unknown;

  @Field(() => String, { nullable: true, description: 'Why, as the editor wrote it.' })
  why!: string | null;

  @Field(() => Int, { nullable: true, description: 'The entry this one reverts, if it is a revert.' })
  reverts!: number | null;

  @Field(() => FieldOrigin, { nullable: true, description: 'Set when the edit came from the field app: the record, when and where the officer made it.' })
  origin!: FieldOrigin | null;
}
