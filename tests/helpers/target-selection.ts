// Every field of a target, as one selection: the query-limit tests ask for it (ten of them cost more than the cost
// limit) and check the page's own queries stay within it.
export const SOURCE_FIELDS = 'source { doc title section ref label }';

export const TARGET_ALL = `no group labelVi labelEn indicator comparator value unit year
  baseline { value count denominator period status formula ${SOURCE_FIELDS} }
  current { value count denominator period status formula ${SOURCE_FIELDS} }
  status villagesNeeded moreVillagesNeeded
  candidates { id name nameKnown label provisionalLabel nameSource { doc title section ref label } nameConfidence
    formerCommune { id code name validTo villageCount boundaryQuality centroid areaKm2 }
    boundaryQuality centroid centreKnown areaKm2 note }
  parts { labelVi labelEn comparator value unit } ${SOURCE_FIELDS} note`;
