// What the Country tab can colour the communes by: three official figures the tiles carry as quantile classes, and
// the data-quality layer (the measured-vs-official area difference). Shared by the panel (its choice) and the map.
import { NATIONAL_MEASURES as OFFICIAL_MEASURES } from '../../geo/national/national-measures.ts';

/** The measure choice that shows the data-quality layer. */
export const QUALITY_MEASURE = 'quality';
/** The official figures' measures (geo/national/national-measures.ts, the classes the tiles carry) and the data-quality layer. */
export const NATIONAL_MEASURES = [...OFFICIAL_MEASURES, QUALITY_MEASURE] as const;
export type NationalMeasure = (typeof NATIONAL_MEASURES)[number];
/** What the tab shows when it opens. */
export const DEFAULT_NATIONAL_MEASURE: NationalMeasure = 'density';
