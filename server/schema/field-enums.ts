import { registerEnumType } from 'type-graphql';

// The enums of the field sync API (syncFieldRecords, fieldSubmissions, reviewFieldSubmission).

export enum FieldRecordKind {
  OBSERVATION = 'OBSERVATION',
  CENTRE = 'CENTRE',
  NAME = 'NAME',
}
registerEnumType(FieldRecordKind, {
  name: 'FieldRecordKind',
  description: 'What a field record sets: a value, a bản centre or a bản name.',
  valuesConfig: {
    OBSERVATION: { description: 'One value of one indicator for the bản and a period (as setObservation).' },
    CENTRE: { description: 'The bản centre from the device\'s GPS or a tap on the map (as placeVillageCentre).' },
    NAME: { description: 'The bản name (as nameVillage).' },
  },
});

export enum FieldConflictResolution {
  KEEP_MINE = 'KEEP_MINE',
  KEEP_SERVER = 'KEEP_SERVER',
}
registerEnumType(FieldConflictResolution, {
  name: 'FieldConflictResolution',
  description: 'The officer\'s choice after a CONFLICT, sent with the same clientId.',
  valuesConfig: {
    KEEP_MINE: { description: 'Write the field value over the server\'s (baseVersion = the serverVersion shown); the history says so.' },
    KEEP_SERVER: { description: 'Keep the server\'s value; a history entry records that the field value was discarded.' },
  },
});

export enum FieldRecordStatus {
  APPLIED = 'APPLIED',
  ALREADY_APPLIED = 'ALREADY_APPLIED',
  CONFLICT = 'CONFLICT',
  REJECTED = 'REJECTED',
  KEPT_SERVER = 'KEPT_SERVER',
}
registerEnumType(FieldRecordStatus, {
  name: 'FieldRecordStatus',
  description: 'What happened to one field record.',
  valuesConfig: {
    APPLIED: { description: 'Written, with a history entry; it waits in the review queue (fieldSubmissions).' },
    ALREADY_APPLIED: { description: 'This officer sent this same record (same clientId, bản, kind, indicator, period and value) before: nothing written again; the fields are those of the first answer. The same clientId with anything of these changed is REJECTED with code CLIENT_ID_REUSED.' },
    CONFLICT: { description: 'baseVersion is not the server\'s version: nothing written; serverValue, serverVersion, serverChangedBy and serverChangedAt say what is there now. Re-send with a resolution.' },
    REJECTED: { description: 'Refused: code and message say why (nothing written). Fix it and send it again.' },
    KEPT_SERVER: { description: 'The officer kept the server\'s value: nothing changed but the history entry that records it.' },
  },
});

export enum FieldSubmissionStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  RETURNED = 'RETURNED',
}
registerEnumType(FieldSubmissionStatus, {
  name: 'FieldSubmissionStatus',
  description: 'Where a field record stands in review.',
  valuesConfig: {
    PENDING: { description: 'Waiting for review: its value is shown to signed-in users only.' },
    ACCEPTED: { description: 'Accepted: its value follows the normal rules (a sensitive one stays restricted until an admin publishes it).' },
    RETURNED: { description: 'Sent back to the officer with a note: its value stays shown to signed-in users only.' },
  },
});

export enum FieldReviewDecision {
  ACCEPT = 'ACCEPT',
  RETURN = 'RETURN',
}
registerEnumType(FieldReviewDecision, {
  name: 'FieldReviewDecision',
  description: 'A reviewer\'s decision on a PENDING field record.',
  valuesConfig: {
    ACCEPT: { description: 'The value is right: it leaves review.' },
    RETURN: { description: 'Send it back to the officer with a note; the value stays restricted.' },
  },
});
