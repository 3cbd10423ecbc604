// Queries: everything the first map and the default panel need, in two requests sent in parallel as
// GET by persisted id (so a browser or proxy cache can keep them; one document would exceed the query
// cost limit), whatever the number of observations (each unit's newest values, unpaged). Geometry comes compact — outlines simplified
// at 10 m and rounded to 5 decimals (≈ 1 m), finer than a pixel at the zooms the commune is shown at;
// neighbours, drawn faded for context, at 100 m and 4 decimals (≈ 10 m). Full geometry stays in the API
// (COMMUNE_QUERY, VILLAGES_QUERY) for analysts and for the editors' partition preview.
import { graphql } from './graphql.ts';
import { COVERAGE_FIELDS } from './coverage.ts';
import { OBSERVATION_FIELDS } from './observations.ts';
import { PLACE_FIELDS } from './places.ts';
import { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';
import { TARGET_FIELDS } from './targets.ts';
import { VILLAGE_IDENTITY_FIELDS } from './villages.ts';

/** The boot queries' names: the build starts them from index.html (vite.config.ts). */
export const BOOT_OPERATIONS = ['AtlasBoot', 'AtlasBootValues'] as const;

/** The map: outlines, bản cells, places, what the yes/no indicators' facts imply, and who is signed in. */
export const BOOT_QUERY = graphql(`
  query AtlasBoot {
    me { username role }
    commune {
      id code name statedAreaKm2 officialAreaKm2 measuredAreaKm2 population
      adminCentre { name villageName villageId located formerCommuneId formerCommuneKnown status source { ...SourceRefFields } }
      geometry(simplifyMeters: 10, precision: 5) boundaryQuality boundarySource
      formerCommunes { id code name villageCount geometry(simplifyMeters: 10, precision: 5) boundaryQuality centroid }
    }
    villages { ...VillageIdentityFields geometry(simplifyMeters: 10, precision: 5) }
    neighbours { code name geometry(simplifyMeters: 100, precision: 4) }
    sources { id title titleEn publisher publisherEn licence licenceEn url }
    indicators { key nameVi nameEn kind unit higherIsBetter sensitive levels }
    coverages { ...CoverageFields }
    places { ...PlaceFields }
  }
`, [VILLAGE_IDENTITY_FIELDS, COVERAGE_FIELDS, SOURCE_REF_FIELDS, PLACE_FIELDS]);

/**
 * The values (sent alongside the boot query, both GET by id): each unit's newest value of each indicator, which
 * every map, tile, scorecard and profile reads; the earlier periods of the commune and former communes, which
 * the overview draws as trends; and targets. A bản's earlier periods are not here: years of bản values would
 * outgrow the anonymous answer cap; the edit form asks for them when it opens (bản-observations.ts).
 */
export const BOOT_VALUES_QUERY = graphql(`
  query AtlasBootValues {
    latest: latestObservations { ...ObservationFields }
    commune: allObservations(level: "commune") { ...ObservationFields }
    formerCommunes: allObservations(level: "formerCommune") { ...ObservationFields }
    targets { ...TargetFields }
  }
`, [OBSERVATION_FIELDS, TARGET_FIELDS]);
