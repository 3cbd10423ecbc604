// The one place map layers are registered, bottom to top. A new layer is a new file plus one line here.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Level } from '../../state/ui-state.ts';
import { communeLineLayer } from './commune-line.layer.ts';
import { formerCommuneFillLayer } from './former-commune-fill.layer.ts';
import { formerCommuneLinesLayer } from './former-commune-lines.layer.ts';
import { neighboursLayer } from './neighbours.layer.ts';
import { placesLinesLayer } from './places-lines.layer.ts';
import { addSources } from './sources.ts';
import type { LayerContext, LayerSpec } from './types.ts';
import { villageFillLayer } from './village-fill.layer.ts';
import { villageHitLayer } from './village-hit.layer.ts';
import { villageHighlightLayer, villageLinesLayer } from './village-lines.layer.ts';
import { villageMarkedLayer } from './village-marked.layer.ts';

export const LAYERS: readonly LayerSpec[] = [
  neighboursLayer,
  formerCommuneFillLayer,
  villageFillLayer,
  villageHitLayer,
  villageLinesLayer,
  formerCommuneLinesLayer,
  communeLineLayer,
  placesLinesLayer,
  villageMarkedLayer,
  villageHighlightLayer,
];

/** Layer-list entries, in the order people see them; the label groups are DOM markers (see labels.ts). */
export const LAYER_GROUPS: readonly string[] = ['choropleth', 'villageLabels', 'formerCommuneLabels', 'places', 'villageLines', 'formerCommuneLines', 'communeLine', 'neighbours'];

/** Add every source and layer. */
export function addLayers(map: MapLibreMap, ctx: LayerContext): void {
  addSources(map, ctx.data);
  for (const spec of LAYERS) spec.add(map, ctx);
}

/** Show each layer unless its group is switched off or it belongs to the other level. */
export function applyVisibility(map: MapLibreMap, level: Level, hidden: readonly string[]): void {
  for (const spec of LAYERS) {
    const visible = (!spec.group || !hidden.includes(spec.group)) && (!spec.level || spec.level === level);
    for (const id of spec.layerIds) {
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    }
  }
}
