// The national context on the map: every commune of Vietnam as vector tiles (/tiles/communes), coloured by a quantile
// class of density, area or population that the tiles carry (<measure>Class, 0–4), or on the data-quality layer by the
// class of the measured-vs-official area difference they carry (areaDifferenceClass, decided by the server's
// geo/national/area-agreement.ts: 3 is flagged), province outlines on top and
// Mường Bang outlined in red; from zoom 10 the bản cells of every other detailed commune (/tiles/villages) outlined, a
// click naming them and outlining the one clicked (Mường Bang's own bản are the commune map's, hidden on this tab); the commune map's neighbours'
// fill is made transparent meanwhile. Added when the national view opens (use-national-layers.ts), removed when it closes; restyled with setPaintProperty.
import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { NATIONAL_MAX_ZOOM, NATIONAL_MIN_ZOOM } from '../../geo/national/national-tile-zooms.ts';
import { NEIGHBOURS_FILL_OPACITY } from '../map/layers/neighbours.layer.ts';
import { QUALITY_MEASURE } from './national-measures.ts';

export const NATIONAL_SOURCE = 'national-communes';
export const PROVINCE_SOURCE = 'national-provinces';
export const NATIONAL_FILL = 'national-communes-fill';
const NATIONAL_LINE = 'national-communes-line';
const PROVINCE_LINE = 'national-provinces-line';
const HIGHLIGHT = 'national-highlight';
const SELECTED = 'national-selected';
export const MUONG_BANG_CODE = '03943';
export const DETAILED_VILLAGES_FILL = 'national-detailed-villages-fill';
const DETAILED_VILLAGES_LINE = 'national-detailed-villages-line';
const DETAILED_VILLAGES_SOURCE = 'national-detailed-villages';
const DETAILED_VILLAGE_SELECTED = 'national-detailed-village-selected';
/** From this zoom the other detailed communes' bản are drawn: below it a bản is a few pixels. */
export const DETAILED_VILLAGES_MIN_ZOOM = 10;
/** Their outline's colour (the legend's swatch). */
export const DETAILED_VILLAGE_COLOUR = '#6a3d9a';
/** The commune map's grey fill of its neighbours: above the national layers, it would pale the communes next to Mường Bang. */
const NEIGHBOURS_FILL = 'neighbours-fill';

/** Five sequential colours, light to dark (ColorBrewer OrRd): low to high. */
export const CLASS_COLOURS = ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'];

/** The data-quality layer: agreement in pale greys, growing differences darker, flagged communes in magenta. */
export const QUALITY_COLOURS = ['#f2f2f2', '#c8c8c8', '#8c8c8c', '#c51b7d'];

const tiles = (layer: string) => [`${window.location.origin}/tiles/${layer}/{z}/{x}/{y}.mvt`];

/**
 * The bản of the villages tiles that are not the commune map's own (`ownVillageIds`, Mường Bang's, drawn by its own
 * layers and hidden on this tab): another detailed commune's. None until the commune map's bản are known.
 */
function otherCommunesVillages(ownVillageIds: readonly string[] | null): ExpressionSpecification {
  return ownVillageIds ? ['!', ['in', ['get', 'id'], ['literal', [...ownVillageIds]]]] : ['in', ['get', 'id'], ['literal', []]];
}

function fillColour(measure: string): ExpressionSpecification {
  if (measure === QUALITY_MEASURE) {
    return ['match', ['get', 'areaDifferenceClass'], 0, QUALITY_COLOURS[0], 1, QUALITY_COLOURS[1], 2, QUALITY_COLOURS[2], 3, QUALITY_COLOURS[3], '#ffffff'];
  }
  return ['match', ['get', `${measure}Class`], 0, CLASS_COLOURS[0], 1, CLASS_COLOURS[1], 2, CLASS_COLOURS[2], 3, CLASS_COLOURS[3], 4, CLASS_COLOURS[4], '#cccccc'];
}

/**
 * The layers below the atlas's own (the commune's detail stays on top), coloured by `measure`, unless they are there;
 * the commune map's grey fill of its neighbours made transparent (it may come after them).
 */
export function ensureNationalLayers(map: MapLibreMap, measure: string, ownVillageIds: readonly string[] | null): void {
  if (!map.getSource(NATIONAL_SOURCE)) addNationalLayers(map, measure, ownVillageIds);
  // Made transparent rather than hidden: the layer list owns its visibility, and the neighbours' outlines stay.
  if (map.getLayer(NEIGHBOURS_FILL) && map.getPaintProperty(NEIGHBOURS_FILL, 'fill-opacity') !== 0) map.setPaintProperty(NEIGHBOURS_FILL, 'fill-opacity', 0);
}

/** Added below the first of the atlas's layers; before the commune's data is in, there is none: they go on top, and the atlas's come above them. */
function addNationalLayers(map: MapLibreMap, measure: string, ownVillageIds: readonly string[] | null): void {
  const below = map.getStyle().layers.find((l) => l.type !== 'background' && l.type !== 'raster')?.id;
  // The server cuts z4–z9 (the outlines hold no more detail); MapLibre overzooms z9 beyond it and asks for nothing deeper.
  const zooms = { minzoom: NATIONAL_MIN_ZOOM, maxzoom: NATIONAL_MAX_ZOOM };
  map.addSource(NATIONAL_SOURCE, { type: 'vector', tiles: tiles('communes'), ...zooms, promoteId: 'code' });
  map.addSource(PROVINCE_SOURCE, { type: 'vector', tiles: tiles('provinces'), ...zooms, promoteId: 'code' });
  map.addLayer({ id: NATIONAL_FILL, type: 'fill', source: NATIONAL_SOURCE, 'source-layer': 'communes', paint: { 'fill-color': fillColour(measure), 'fill-opacity': 0.85 } }, below);
  map.addLayer({ id: NATIONAL_LINE, type: 'line', source: NATIONAL_SOURCE, 'source-layer': 'communes', paint: { 'line-color': '#ffffff', 'line-width': 0.4, 'line-opacity': 0.7 } }, below);
  map.addLayer({ id: PROVINCE_LINE, type: 'line', source: PROVINCE_SOURCE, 'source-layer': 'provinces', paint: { 'line-color': '#555555', 'line-width': 1.2 } }, below);
  // The server's villages layer (every detailed commune's bản, z8–16), asked for from the zoom they are drawn at.
  map.addSource(DETAILED_VILLAGES_SOURCE, { type: 'vector', tiles: tiles('villages'), minzoom: DETAILED_VILLAGES_MIN_ZOOM, maxzoom: 16, promoteId: 'id' });
  const villages = { source: DETAILED_VILLAGES_SOURCE, 'source-layer': 'villages', minzoom: DETAILED_VILLAGES_MIN_ZOOM, filter: otherCommunesVillages(ownVillageIds) } as const;
  // An invisible fill, so that a click inside a cell finds it; what is drawn is the outline.
  map.addLayer({ id: DETAILED_VILLAGES_FILL, type: 'fill', ...villages, paint: { 'fill-color': DETAILED_VILLAGE_COLOUR, 'fill-opacity': 0 } }, below);
  map.addLayer({ id: DETAILED_VILLAGES_LINE, type: 'line', ...villages, paint: { 'line-color': DETAILED_VILLAGE_COLOUR, 'line-width': 1.5 } }, below);
  // The clicked bản, outlined while its card is open (setSelectedVillage).
  map.addLayer({ id: DETAILED_VILLAGE_SELECTED, type: 'line', ...villages, filter: ['==', ['get', 'id'], ''], paint: { 'line-color': '#1f4e9c', 'line-width': 3.5 } }, below);
  map.addLayer({ id: SELECTED, type: 'line', source: NATIONAL_SOURCE, 'source-layer': 'communes', filter: ['==', ['get', 'code'], ''], paint: { 'line-color': '#1f4e9c', 'line-width': 2.5 } }, below);
  map.addLayer({ id: HIGHLIGHT, type: 'line', source: NATIONAL_SOURCE, 'source-layer': 'communes', filter: ['==', ['get', 'code'], MUONG_BANG_CODE], paint: { 'line-color': '#d7191c', 'line-width': 3 } }, below);
}

/** Colour the communes by another measure. */
export function setNationalMeasure(map: MapLibreMap, measure: string): void {
  if (map.getLayer(NATIONAL_FILL)) map.setPaintProperty(NATIONAL_FILL, 'fill-color', fillColour(measure));
}

/** Draw the bản of the villages tiles that are not among the commune map's own (null: not known yet, none drawn). */
export function setOwnVillages(map: MapLibreMap, ownVillageIds: readonly string[] | null): void {
  for (const id of [DETAILED_VILLAGES_FILL, DETAILED_VILLAGES_LINE]) if (map.getLayer(id)) map.setFilter(id, otherCommunesVillages(ownVillageIds));
}

/** Outline the clicked commune (empty code: none). */
export function setNationalSelected(map: MapLibreMap, code: string): void {
  if (map.getLayer(SELECTED)) map.setFilter(SELECTED, ['==', ['get', 'code'], code]);
}

/** Outline the clicked bản of another detailed commune (empty id: none). */
export function setSelectedVillage(map: MapLibreMap, id: string): void {
  if (map.getLayer(DETAILED_VILLAGE_SELECTED)) map.setFilter(DETAILED_VILLAGE_SELECTED, ['==', ['get', 'id'], id]);
}

/** Take the national layers off the map. */
export function removeNationalLayers(map: MapLibreMap): void {
  if (!map.style) return;
  for (const id of [HIGHLIGHT, SELECTED, DETAILED_VILLAGE_SELECTED, DETAILED_VILLAGES_LINE, DETAILED_VILLAGES_FILL, PROVINCE_LINE, NATIONAL_LINE, NATIONAL_FILL]) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getLayer(NEIGHBOURS_FILL)) map.setPaintProperty(NEIGHBOURS_FILL, 'fill-opacity', NEIGHBOURS_FILL_OPACITY);
  for (const id of [NATIONAL_SOURCE, PROVINCE_SOURCE, DETAILED_VILLAGES_SOURCE]) if (map.getSource(id)) map.removeSource(id);
}
