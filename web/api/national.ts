// Queries of the national view: the provinces, the map's class limits and the data-quality figures in one request,
// and one commune's official figures when it is clicked.
import { graphql, request, type ResultOf } from './graphql.ts';

export const NATIONAL_OVERVIEW_QUERY = graphql(`
  query AtlasNational {
    provinces { code name communeCount population areaKm2 centroid }
    nationalClassLimits { density areaKm2 population }
    nationalQuality {
      provinceCount communeCount areasCompared areaFlagRatio areaFlagMinKm2 areaClassLimits areaClassCounts
      areaDisagreements { code name provinceCode officialAreaKm2 measuredAreaKm2 relativeDifference }
      communePopulationSum populationRatio nationalPopulation { value comparator year source quote }
      withoutGeometry duplicateCodes provinceAreaMismatches
    }
  }
`);

export const NATIONAL_COMMUNE_QUERY = graphql(`
  query AtlasNationalCommune($code: String!) {
    nationalCommune(code: $code) {
      code name type provinceName areaKm2 measuredAreaKm2 areaAgreement { differenceKm2 relativeDifference flagged differenceClass } population densityPerKm2 adminCentre formerUnits centroid detailedUnitId
    }
  }
`);

export type NationalOverview = ResultOf<typeof NATIONAL_OVERVIEW_QUERY>;
export type NationalCommuneProfile = NonNullable<ResultOf<typeof NATIONAL_COMMUNE_QUERY>['nationalCommune']>;

/** Provinces, class limits and data quality. */
export function fetchNationalOverview(signal?: AbortSignal): Promise<NationalOverview> {
  return request(NATIONAL_OVERVIEW_QUERY, {}, signal);
}

/** One commune's official figures, or null when the code is unknown. */
export async function fetchNationalCommune(code: string, signal?: AbortSignal): Promise<NationalCommuneProfile | null> {
  return (await request(NATIONAL_COMMUNE_QUERY, { code }, signal)).nationalCommune;
}
