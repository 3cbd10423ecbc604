import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';

@ObjectType({ description: 'One entry of the append-only history: who changed what, when, from what to what, and why.' })
export class Change {
  @Field(() => Int, { description: 'Entry number (for revertChange).' })
  id!: number;

  @Field(() => String, { description: 'When (ISO 8601, UTC).' })
  at!: string;

  @Field(() => String, { description: 'Who (user name).' })
  who!: string;

  @Field(() => String, { description: 'observation, unit or boundary.' })
  entity!: string;

  @Field(() => String, { description: 'Unit the change is about.' })
  unitId!: string;

  @Field(() => String, { description: 'What changed: "name", "centre", "boundary", or "<indicator>@<period>" for a value.' })
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Before (null: there was none).' })
  oldValue!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'After (null: removed).' })
  newValue!: unknown;

  @Field(() => String, { nullable: true, description: 'Why, as the editor wrote it.' })
  why!: string | null;

  @Field(() => Int, { nullable: true, description: 'The entry this one reverts, if it is a revert.' })
  reverts!: number | null;
}
