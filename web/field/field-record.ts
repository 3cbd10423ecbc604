// A record made in the field, as the device keeps it until the portal has it: what syncFieldRecords takes
// (FieldRecordInput, server/schema.graphql) plus what the outbox shows (the bản's label, the last answer).
import type { FieldRecordInput, FieldRecordResult } from '../api/field-sync.ts';

/** Where the device was when the record was made (from its GPS), if it knew. */
export interface FieldPosition {
  lon: number;
  lat: number;
  accuracyMeters: number;
}

/** What is sent (FieldRecordInput) and the portal's answer for one record (FieldRecordResult), as the schema has them. */
export type { FieldRecordInput, FieldRecordResult } from '../api/field-sync.ts';
export type FieldResultStatus = FieldRecordResult['status'];
export type FieldResolution = NonNullable<FieldRecordInput['resolution']>;
export type FieldRecordKind = FieldRecordInput['kind'];

/** Where a record is: waiting to be sent, answered, or waiting for the officer's choice. */
export type OutboxState = 'waiting' | 'applied' | 'conflict' | 'rejected' | 'keptServer';

/** A record in the outbox. */
export interface OutboxRecord {
  input: FieldRecordInput;
  /** The bản as the officer saw it ("Bản Lằn", "MD-04"), for the list. */
  villageLabel: string;
  state: OutboxState;
  /** The portal's last answer, if it was sent. */
  result: FieldRecordResult | null;
  /** When it was last sent. */
  sentAt: string | null;
}

/** The outbox state an answer puts a record in. */
export function stateAfter(status: FieldResultStatus): OutboxState {
  switch (status) {
    case 'APPLIED':
    case 'ALREADY_APPLIED':
      return 'applied';
    case 'KEPT_SERVER':
      return 'keptServer';
    case 'CONFLICT':
      return 'conflict';
    case 'REJECTED':
      return 'rejected';
  }
}

/** A version-4 UUID from the device's random numbers (crypto.randomUUID needs HTTPS; a LAN portal may be plain HTTP). */
export function newClientId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The largest GPS accuracy radius accepted for a bản centre (the portal refuses more). */
export const MAX_CENTRE_ACCURACY_METERS = 50;
