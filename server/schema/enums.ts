import { registerEnumType } from 'type-graphql';

// The enums of the contract, registered once so every type shares one GraphQL definition.

export enum BoundaryQuality {
  OFFICIAL = 'OFFICIAL',
  SURVEYED = 'SURVEYED',
  SCHEMATIC = 'SCHEMATIC',
}
registerEnumType(BoundaryQuality, {
  name: 'BoundaryQuality',
  description: 'How a boundary is known: OFFICIAL (published), SURVEYED (entered by the commune), SCHEMATIC (generated; no survey exists).',
});

export enum ObservationStatus {
  REPORTED = 'REPORTED',
  DERIVED = 'DERIVED',
  ESTIMATED = 'ESTIMATED',
}
registerEnumType(ObservationStatus, {
  name: 'ObservationStatus',
  description: 'REPORTED in a source; DERIVED from reported values by a stated formula; ESTIMATED by a stated method. A missing value is unknown.',
});

export enum CoverageBasis {
  VILLAGE_VALUES = 'VILLAGE_VALUES',
  GROUP_FACT = 'GROUP_FACT',
}
registerEnumType(CoverageBasis, {
  name: 'CoverageBasis',
  description: 'VILLAGE_VALUES: counted from every bản\'s own value. GROUP_FACT: the source gives only the group\'s count (which bản is not known).',
});

export enum ValueState {
  UNKNOWN = 'UNKNOWN',
  REPORTED = 'REPORTED',
  DERIVED = 'DERIVED',
  ESTIMATED = 'ESTIMATED',
}
registerEnumType(ValueState, {
  name: 'ValueState',
  description: 'State of a bản\'s own value: UNKNOWN (no value at bản level) or the status of the value it has.',
});
