// The map's source ids, in a module of their own: the layer specs name them, and the first picture
// (web/first-picture/) reads those specs without loading MapLibre (sources.ts imports places.ts, which does).
export const VILLAGE_SOURCE = 'villages';
export const FORMER_COMMUNE_SOURCE = 'former-communes';
export const COMMUNE_SOURCE = 'commune';
export const NEIGHBOUR_SOURCE = 'neighbours';
export const PLACES_LINE_SOURCE = 'places-lines';
