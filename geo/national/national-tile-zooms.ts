// The zooms of the national tile layers, for the server (which cuts them) and the page (its sources' minzoom and
// maxzoom). The outlines are simplified to about 55 m (seeds/vietnam/PROVENANCE.md): at z9 one unit of a 4096-unit
// tile is about 19 m, so a z10 tile would only repeat z9's vertices at twice the size; MapLibre overzooms z9 instead.

/** Lowest zoom served: below it all of Vietnam is a few hundred pixels. */
export const NATIONAL_MIN_ZOOM = 4;
/** Highest zoom served; the page's sources say the same, so the map never asks beyond it. */
export const NATIONAL_MAX_ZOOM = 9;
/** From this zoom a commune's tile feature carries its name, type, province and figures; below, its code and classes. */
export const NATIONAL_NAMES_FROM_ZOOM = 8;
