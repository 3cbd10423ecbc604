// Official area against the area measured on the outline: how far apart, and whether that is worth a look.

/**
 * A difference is flagged above 10 % of the official area and 1 km² both. The national outlines are simplified
 * (Douglas–Peucker at about 55 m): half the communes differ by under 0.3 % and nine in ten by under 4.3 %, so
 * beyond 10 % the outline or the figure is wrong (sea or lagoon drawn in, a misplaced polygon), not simplified;
 * the 1 km² floor keeps small urban wards, whose outline moves by a few percent when simplified, off the list.
 */
export const AREA_FLAG_RATIO = 0.1;
export const AREA_FLAG_MIN_KM2 = 1;

export interface AreaAgreement {
  /** measured − official, km². */
  differenceKm2: number;
  /** (measured − official) ÷ official; null when the official area is 0 or unknown. */
  relativeDifference: number | null;
  flagged: boolean;
  /** Class on the data-quality map: 0 under 1 %, 1 under 5 %, 2 larger but not flagged, 3 flagged (AREA_CLASS_LIMITS, AREA_FLAGGED_CLASS). */
  differenceClass: number;
}

/** Upper bounds of the unflagged classes of |relative difference| (the data-quality map's legend). */
export const AREA_CLASS_LIMITS = [0.01, 0.05] as const;
/** The class of a flagged difference; the classes are 0 … AREA_FLAGGED_CLASS. */
export const AREA_FLAGGED_CLASS = AREA_CLASS_LIMITS.length + 1;

/** How a measured area compares with the official one. */
export function areaAgreement(officialKm2: number, measuredKm2: number): AreaAgreement {
  const differenceKm2 = measuredKm2 - officialKm2;
  const relativeDifference = officialKm2 > 0 ? differenceKm2 / officialKm2 : null;
  const flagged = Math.abs(differenceKm2) > AREA_FLAG_MIN_KM2 && (relativeDifference === null || Math.abs(relativeDifference) > AREA_FLAG_RATIO);
  const size = Math.abs(relativeDifference ?? Infinity);
  const below = AREA_CLASS_LIMITS.findIndex((limit) => size < limit);
  const differenceClass = flagged ? AREA_FLAGGED_CLASS : below === -1 ? AREA_CLASS_LIMITS.length : below;
  return { differenceKm2, relativeDifference, flagged, differenceClass };
}
