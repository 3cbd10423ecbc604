import { Field, ObjectType } from 'type-graphql';
import { ObservationStatus } from './enums.ts';
import { SourceRef } from './source-ref.type.ts';

@ObjectType({
  description: 'The commune\'s official administrative centre (trung tâm hành chính), a named bản of the commune. Where the sources do not say its former commune or which bản cell it is, those stay null and are never guessed.',
})
export class AdminCentre {
  @Field(() => String, { description: 'Name as the official record gives it, e.g. "Bản Lằn".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The bản\'s own name without "bản" ("Lằn").' })
  villageName!: string | null;

  @Field(() => String, { nullable: true, description: 'Id of the bản\'s cell on the map; null when no source says which of the 23 cells it is (then it has no place on the map).' })
  villageId!: string | null;

  @Field(() => Boolean, { description: 'Whether the bản has a cell on the map (villageId known): false means the map cannot show where it is.' })
  located!: boolean;

  @Field(() => String, { nullable: true, description: 'Id of the former commune the bản belonged to; null when no source says.' })
  formerCommuneId!: string | null;

  @Field(() => Boolean, { description: 'Whether a source says which former commune the bản belonged to (false for Bản Lằn: unknown, not invented).' })
  formerCommuneKnown!: boolean;

  @Field(() => ObservationStatus, { description: 'REPORTED by the official record.' })
  status!: ObservationStatus;

  @Field(() => SourceRef, { description: 'The record that names it (sapnhap.bando.com.vn, field a06_trungtamhc).' })
  source!: SourceRef;

  @Field(() => String, { nullable: true, description: 'What is known and not known about it.' })
  note!: string | null;
}
