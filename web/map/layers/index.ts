// Adding the map's layers (registered in layer-list.ts, bottom to top: a new layer is a new file plus one line there).
// The first paint draws only what the choropleth needs to be read (its fill and the solid outlines): on a software
// renderer every layer costs a shader program and a pass over its pixels in each frame before the map is idle.
// The rest (patterns, dashes, halos, neighbours, highlights) is added right after the first 'idle', in its place.
import type { LayerSpecification, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import type { Level } from '../../state/ui-state.ts';
import { choroplethFillOpacity } from './choropleth-fill.ts';
import { LAYERS, layerVisible } from './layer-list.ts';
import { sourceSpecs } from './sources.ts';
import { layerIds, type LayerContext, type LayerSpec } from './types.ts';
import { FORMER_COMMUNE_FILL_LAYER } from './former-commune-fill.layer.ts';
import { VILLAGE_FILL_LAYER } from './village-fill.layer.ts';

/** Layer-list entries, in the order people see them; the label groups are DOM markers (see labels.ts). */
export const LAYER_GROUPS: readonly string[] = ['choropleth', 'villageLabels', 'formerCommuneLabels', 'places', 'villageLines', 'formerCommuneLines', 'communeLine', 'neighbours'];

/** Every MapLibre layer id of LAYERS, bottom to top. */
const ORDER: readonly string[] = LAYERS.flatMap(layerIds);

/** The layer of ours above `id` that is on the map already (a layer added later goes below it), if any. */
function nextOnMap(map: MapLibreMap, id: string): string | undefined {
  return ORDER.slice(ORDER.indexOf(id) + 1).find((above) => map.getLayer(above));
}

/** Add the layers of LAYERS that `pick` chooses and the map lacks, each in its place among ours, with its source and images. */
function addPicked(map: MapLibreMap, ctx: LayerContext, pick: (spec: LayerSpec, id: string) => boolean): void {
  let sources: ReturnType<typeof sourceSpecs> | undefined;
  for (const spec of LAYERS) {
    const layers = spec.layers.filter((l) => pick(spec, l.id) && !map.getLayer(l.id));
    if (layers.some((l) => l.type === 'fill' && l.paint && 'fill-pattern' in l.paint)) spec.images?.(map);
    for (const layer of layers) {
      if ('source' in layer && typeof layer.source === 'string' && !map.getSource(layer.source)) {
        sources ??= sourceSpecs(ctx.data);
        map.addSource(layer.source, sources[layer.source]);
      }
      map.addLayer(layer, nextOnMap(map, layer.id));
    }
  }
}

const inFirstPaint = (spec: LayerSpec, id: string) => spec.firstPaint?.includes(id) === true;

/** The layers of the first paint, with their sources. */
export function addFirstPaintLayers(map: MapLibreMap, ctx: LayerContext): void {
  addPicked(map, ctx, inFirstPaint);
}

/**
 * `style` with the first paint's layers and their sources in it, each shown as `level` and `hidden` say: a map given
 * this style loads it once and draws the choropleth from its first frame with data, as `addFirstPaintLayers` after
 * the style's load would (those layers and sources are then on the map already, so it adds nothing).
 */
export function withFirstPaintLayers(style: StyleSpecification, ctx: LayerContext, level: Level, hidden: readonly string[]): StyleSpecification {
  const sources = sourceSpecs(ctx.data);
  const layers: LayerSpecification[] = LAYERS.flatMap((spec) => spec.layers
    .filter((l) => inFirstPaint(spec, l.id))
    .map((l) => ({ ...l, layout: { ...l.layout, visibility: layerVisible(spec, level, hidden) ? 'visible' : 'none' } }) as LayerSpecification));
  const used = new Set(layers.flatMap((l) => ('source' in l && typeof l.source === 'string' ? [l.source] : [])));
  return {
    ...style,
    sources: { ...style.sources, ...Object.fromEntries([...used].map((id) => [id, sources[id]])) },
    layers: [...style.layers, ...layers],
  };
}

/** The layers the first paint left out, in their places; the fills' estimated values get their usual opacity (their dots are there now). */
export function addRemainingLayers(map: MapLibreMap, ctx: LayerContext): void {
  addPicked(map, ctx, (spec, id) => !inFirstPaint(spec, id));
  for (const fill of [FORMER_COMMUNE_FILL_LAYER, VILLAGE_FILL_LAYER]) {
    if (map.getLayer(fill)) map.setPaintProperty(fill, 'fill-opacity', choroplethFillOpacity(false));
  }
}

/** Add every source and layer at once (the compare view's maps). */
export function addLayers(map: MapLibreMap, ctx: LayerContext): void {
  addFirstPaintLayers(map, ctx);
  addRemainingLayers(map, ctx);
}

/** Show each layer unless its group is switched off or it belongs to the other level. */
export function applyVisibility(map: MapLibreMap, level: Level, hidden: readonly string[]): void {
  for (const spec of LAYERS) {
    const visible = layerVisible(spec, level, hidden);
    for (const id of layerIds(spec)) {
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    }
  }
}
