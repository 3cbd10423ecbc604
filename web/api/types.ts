// TypeScript shapes of the portal's GraphQL types, as far as the page asks for them.
import type { Geometry, MultiPolygon, Polygon } from 'geojson';

export type BoundaryQuality = 'OFFICIAL' | 'SURVEYED' | 'SCHEMATIC';
export type ObservationStatus = 'REPORTED' | 'DERIVED' | 'ESTIMATED';
export type CoverageBasis = 'VILLAGE_VALUES' | 'GROUP_FACT';
export type LonLat = [number, number];
export type AreaGeometry = Polygon | MultiPolygon;

export interface SourceRef {
  doc: string;
  title: string;
  section: string | null;
  ref: string | null;
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

export interface CoverageGroup {
  id: string;
  code: string;
  name: string;
  achieved: number;
  total: number;
  share: number;
  basis: CoverageBasis;
  source: SourceRef | null;
}

export interface Coverage {
  indicator: string;
  indicatorName: string;
  achieved: number;
  total: number;
  share: number;
  target: number | null;
  targetComparator: string | null;
  unknownVillages: number;
  source: SourceRef | null;
  groups: CoverageGroup[];
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
