// The page's names for what its operations return. Nothing here is written by hand: each shape is the
// result gql.tada infers for an operation from server/schema.graphql. Only the schema's `JSON` scalar
// is refined, to the shape its field's description gives (GeoJSON geometry, a [lon, lat] centroid,
// reason parameters): the schema cannot say more than "JSON" about those.
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import type { ResultOf } from './graphql.ts';
import type { COMMUNE_QUERY } from './commune.ts';
import type { COVERAGE_FIELDS } from './coverage.ts';
import type { INDICATORS_QUERY } from './indicators.ts';
import type { NEIGHBOURS_QUERY } from './neighbours.ts';
import type { OBSERVATIONS_QUERY } from './observations.ts';
import type { PLACES_QUERY } from './places.ts';
import type { HISTORY_QUERY, ME_QUERY } from './session.ts';
import type { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';
import type { SOURCES_QUERY } from './sources.ts';
import type { TARGETS_QUERY, TARGET_VALUE_FIELDS } from './targets.ts';
import type { VILLAGE_FIELDS } from './villages.ts';

/** T with the fields of R replaced (for JSON-scalar fields whose shape the schema only describes). */
type Refine<T, R> = Omit<T, keyof R> & R;

export type LonLat = [number, number];
export type AreaGeometry = Polygon | MultiPolygon;

export type SourceRef = ResultOf<typeof SOURCE_REF_FIELDS>;

type CommuneResult = NonNullable<ResultOf<typeof COMMUNE_QUERY>['commune']>;
export type FormerCommune = Refine<CommuneResult['formerCommunes'][number], { geometry: AreaGeometry; centroid: LonLat }>;
export type Commune = Refine<CommuneResult, { geometry: AreaGeometry; formerCommunes: FormerCommune[] }>;
export type BoundaryQuality = CommuneResult['boundaryQuality'];

type VillageResult = ResultOf<typeof VILLAGE_FIELDS>;
/**
 * A bản as the portal loads it once: geometry and identity, values come from the observation index. The page shows
 * Mường Bang, whose every bản has its former commune (the API's null is for bản of a commune added by code).
 */
export type VillageInfo = Refine<VillageResult, { geometry: AreaGeometry; centroid: LonLat; formerCommune: NonNullable<VillageResult['formerCommune']> }>;

type CoverageResult = ResultOf<typeof COVERAGE_FIELDS>;
/** Why a value is what it is (the fact engine's reason key and parameters). */
export type FactReason = Refine<CoverageResult['reason'], { params: Record<string, string | number> }>;
export type FactFinding = Refine<CoverageResult['findings'][number], { params: Record<string, number> }>;
/** A bản's yes/no value as the fact engine resolves it. */
export type ResolvedValue = Refine<CoverageResult['villages'][number], { value: boolean | null; reason: FactReason }>;
export type CoverageGroup = Refine<CoverageResult['groups'][number], { reason: FactReason }>;
export type Coverage = Refine<CoverageResult, { reason: FactReason; findings: FactFinding[]; groups: CoverageGroup[]; villages: ResolvedValue[] }>;
export type ValueBasis = ResolvedValue['basis'];
export type CoverageBasis = Coverage['basis'];
export type FactAssumption = Coverage['assumptions'][number];

export type Neighbour = Refine<ResultOf<typeof NEIGHBOURS_QUERY>['neighbours'][number], { geometry: Geometry }>;
export type SourceDocument = ResultOf<typeof SOURCES_QUERY>['sources'][number];
export type Indicator = ResultOf<typeof INDICATORS_QUERY>['indicators'][number];

/** An observation with its unit named (Query.observations). */
export type UnitValue = ResultOf<typeof OBSERVATIONS_QUERY>['observations'][number];
export type ObservationStatus = UnitValue['status'];
export type UnitLevel = UnitValue['level'];

export type Target = ResultOf<typeof TARGETS_QUERY>['targets'][number];
export type TargetValue = ResultOf<typeof TARGET_VALUE_FIELDS>;
export type TargetStatus = Target['status'];

export type Place = Refine<ResultOf<typeof PLACES_QUERY>['places'][number], { geometry: Geometry | null }>;

export type Me = NonNullable<ResultOf<typeof ME_QUERY>['me']>;
export type Change = ResultOf<typeof HISTORY_QUERY>['history'][number];

/**
 * An answer read as the page's refined shape: the JSON-scalar fields hold what the schema describes
 * (GeoJSON geometry, [lon, lat]), which the portal checks when it stores them. The one place the
 * page takes the schema's word for a JSON field.
 */
export function asDescribed<T>(answer: unknown): T {
  return answer as T;
}
