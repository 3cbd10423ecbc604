// TypeScript shapes of the portal's GraphQL types, as far as the page asks for them.
import type { Geometry, MultiPolygon, Polygon } from 'geojson';

export type BoundaryQuality = 'OFFICIAL' | 'SURVEYED' | 'SCHEMATIC';
export type ObservationStatus = 'REPORTED' | 'DERIVED' | 'ESTIMATED';
export type CoverageBasis = 'FACT' | 'BAN_VALUES' | 'SUBTRACTION' | 'BOUNDS';
export type ValueBasis = 'OWN' | 'GROUP_ALL' | 'GROUP_NONE' | 'SUBTRACTION' | 'NONE';
export type FactAssumption = 'SAME_DATE';

/** Why a value is what it is (the fact engine's reason key and parameters). */
export interface FactReason {
  key: string;
  params: Record<string, string | number>;
}

/** A bản's yes/no value as the fact engine resolves it. */
export interface ResolvedValue {
  unitId: string;
  value: boolean | null;
  basis: ValueBasis;
  status: string;
  sources: SourceRef[];
  assumptions: FactAssumption[];
  reason: FactReason;
}

export interface FactFinding {
  kind: string;
  unitId: string;
  params: Record<string, number>;
}

/** The count fields coverage gives for the commune and each former commune. */
export interface ResolvedCount {
  achieved: number;
  min: number;
  max: number;
  total: number;
  /** null when the count is only bounded. */
  share: number | null;
  complete: boolean;
  unknownVillages: number;
  basis: CoverageBasis;
  status: string;
  /** Only the sources that support this count. */
  sources: SourceRef[];
  assumptions: FactAssumption[];
  reason: FactReason;
}
export type LonLat = [number, number];
export type AreaGeometry = Polygon | MultiPolygon;

export interface SourceRef {
  doc: string;
  title: string;
  section: string | null;
  ref: string | null;
  /** The report's passages the value rests on (empty for other documents and for entered values). */
  quotes: string[];
  label: string;
}

export interface Observation {
  indicator: string;
  period: string;
  value: unknown;
  denominator: number | null;
  status: ObservationStatus;
  source: SourceRef;
  formula: string | null;
  note: string | null;
}

export interface FormerCommune {
  id: string;
  code: string;
  name: string;
  villageCount: number;
  geometry: AreaGeometry;
  boundaryQuality: BoundaryQuality;
  centroid: LonLat;
}

export interface Commune {
  id: string;
  code: string;
  name: string;
  statedAreaKm2: number | null;
  officialAreaKm2: number | null;
  measuredAreaKm2: number;
  population: number | null;
  formerCommunes: FormerCommune[];
  geometry: AreaGeometry;
  boundaryQuality: BoundaryQuality;
  boundarySource: string;
}

export interface Village {
  id: string;
  name: string | null;
  nameKnown: boolean;
  label: string;
  provisionalLabel: string;
  formerCommune: { id: string; code: string; name: string };
  boundaryQuality: BoundaryQuality;
  centroid: LonLat;
  geometry: AreaGeometry;
  observation: Observation | null;
}

export interface CoverageGroup extends ResolvedCount {
  id: string;
  code: string;
  name: string;
  source: SourceRef | null;
  formula: string | null;
}

export interface Coverage extends ResolvedCount {
  indicator: string;
  indicatorName: string;
  target: number | null;
  targetComparator: string | null;
  targetNo: number | null;
  targetMet: boolean | null;
  source: SourceRef | null;
  findings: FactFinding[];
  groups: CoverageGroup[];
  villages: ResolvedValue[];
}

export interface Neighbour {
  code: string;
  name: string;
  geometry: Geometry;
}

export interface SourceDocument {
  id: string;
  title: string;
  publisher: string | null;
  licence: string | null;
  url: string | null;
}

export interface Indicator {
  key: string;
  nameVi: string;
  nameEn: string;
  /** boolean, count, percent, money, area, quantity or score. */
  kind: string;
  unit: string;
  higherIsBetter: boolean | null;
  sensitive: boolean;
  levels: string[];
  descriptionVi: string | null;
  descriptionEn: string | null;
}

export type UnitLevel = 'commune' | 'formerCommune' | 'village';

/** An observation with its unit named (Query.observations). */
export interface UnitValue extends Observation {
  enteredBy: string | null;
  enteredAt: string | null;
  version: number;
  unitId: string;
  level: UnitLevel;
  unitLabel: string;
}

export type TargetStatus = 'MET' | 'NOT_MET' | 'UNKNOWN';

export interface TargetValue {
  value: number;
  count: number | null;
  denominator: number | null;
  period: string;
  status: ObservationStatus;
  formula: string | null;
  source: SourceRef | null;
}

export interface TargetPart {
  labelVi: string;
  labelEn: string;
  comparator: string;
  value: number;
  unit: string;
}

export interface Target {
  no: number;
  group: string;
  labelVi: string;
  labelEn: string;
  indicator: string | null;
  comparator: string | null;
  value: number | null;
  unit: string | null;
  year: number;
  baseline: TargetValue | null;
  current: TargetValue | null;
  status: TargetStatus;
  villagesNeeded: number | null;
  /** Exact shortfall; null while not every bản is known. */
  moreVillagesNeeded: number | null;
  /** Upper bound on the shortfall (counts only bản known to meet it); equals moreVillagesNeeded when that is known. */
  moreVillagesNeededAtMost: number | null;
  candidates: Array<{ id: string; label: string }>;
  parts: TargetPart[];
  source: SourceRef;
  note: string | null;
}

export interface PlaceAttribute {
  key: string;
  value: unknown;
  unit: string | null;
  status: ObservationStatus;
  source: SourceRef;
}

export interface Place {
  id: string;
  kind: string;
  name: string;
  status: string;
  formerCommuneId: string | null;
  villageIds: string[];
  attributes: PlaceAttribute[];
  /** GeoJSON, or null where no source gives a position (today: every seeded place). */
  geometry: Geometry | null;
  source: SourceRef;
  note: string | null;
}

export interface Me {
  username: string;
  role: string;
}

export interface Change {
  id: number;
  at: string;
  who: string;
  entity: string;
  unitId: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  why: string | null;
  reverts: number | null;
}

/** A bản as the portal loads it once: geometry and identity, values come from the observation index. */
export interface VillageInfo {
  id: string;
  name: string | null;
  nameKnown: boolean;
  label: string;
  provisionalLabel: string;
  formerCommune: { id: string; code: string; name: string };
  boundaryQuality: BoundaryQuality;
  centroid: LonLat;
  centreKnown: boolean;
  areaKm2: number;
  note: string | null;
  version: number;
  nameSource: SourceRef | null;
  geometry: AreaGeometry;
}
