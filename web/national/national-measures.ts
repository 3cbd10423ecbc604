// What the Country tab can colour the communes by: three official figures the tiles carry as quantile classes, and
// the data-quality layer (the measured-vs-official area difference). Shared by the panel (its choice) and the map.

/** The measure choice that shows the data-quality layer. */
export const QUALITY_MEASURE = 'quality';
export const NATIONAL_MEASURES = ['density', 'areaKm2', 'population', QUALITY_MEASURE] as const;
export type NationalMeasure = (typeof NATIONAL_MEASURES)[number];
/** What the tab shows when it opens. */
export const DEFAULT_NATIONAL_MEASURE: NationalMeasure = 'density';
