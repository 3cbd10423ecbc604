// Hover tooltip on a bản: name, former commune, state, and where the value (or its absence) comes from.
import { Popup, type Map as MapLibreMap, type MapGeoJSONFeature } from 'maplibre-gl';
import type { CoverageGroup, Village } from '../api/types.ts';
import { formatRatio } from '../format/number.ts';
import { vi } from '../i18n/vi.ts';
import { groupFor } from './labels.ts';
import { VILLAGE_FILL_LAYER, VILLAGE_SOURCE } from './village-layer.ts';
import { stateOf } from './village-state.ts';

function line(className: string, text: string): HTMLElement {
  const p = document.createElement('div');
  p.className = className;
  p.textContent = text;
  return p;
}

/** The tooltip content of one bản. */
export function villageTooltip(v: Village, groups: CoverageGroup[]): HTMLElement {
  const root = document.createElement('div');
  root.className = 'tooltip';
  const state = stateOf(v.observation);
  const title = v.nameKnown && v.name ? `${vi.banPrefix} ${v.name}` : `${v.provisionalLabel} ${vi.provisionalSuffix}`;
  root.append(line(v.nameKnown ? 'tt-title' : 'tt-title provisional', title));
  root.append(line('tt-sub', `${vi.formerCommune} ${v.formerCommune.name} · ${vi.quality[v.boundaryQuality]}`));
  root.append(line(`tt-state tt-${state}`, `${vi.indicatorHeading}: ${vi.states[state]}`));
  if (v.observation) {
    root.append(line('tt-source', `${vi.sourcePrefix}: ${v.observation.source.label} (${vi.status[v.observation.status]}, ${v.observation.period})`));
    if (v.observation.formula) root.append(line('tt-formula', `${vi.formula}: ${v.observation.formula}`));
  } else {
    root.append(line('tt-note', vi.tooltipUnknown));
    const g = groupFor(v.formerCommune, groups);
    if (g) {
      root.append(line('tt-group', vi.tooltipGroup(g.name, formatRatio(g.achieved, g.total))));
      if (g.source) root.append(line('tt-source', `${vi.sourcePrefix}: ${g.source.label}`));
    }
  }
  return root;
}

/** Wire hover highlighting (feature-state "hover") and the tooltip; returns an undo function. */
export function installVillageTooltip(map: MapLibreMap, villages: Village[], groups: CoverageGroup[]): () => void {
  const byId = new Map(villages.map((v) => [v.id, v]));
  const popup = new Popup({ closeButton: false, closeOnClick: false, maxWidth: '300px', offset: 12, className: 'atlas-popup' });
  let hovered: string | null = null;
  const setHover = (id: string | null) => {
    if (hovered === id) return;
    if (hovered !== null) map.setFeatureState({ source: VILLAGE_SOURCE, id: hovered }, { hover: false });
    hovered = id;
    if (id !== null) map.setFeatureState({ source: VILLAGE_SOURCE, id }, { hover: true });
  };
  const onMove = (e: { lngLat: { lng: number; lat: number }; features?: MapGeoJSONFeature[] }) => {
    const id = e.features?.[0]?.id;
    const v = id === undefined ? undefined : byId.get(String(id));
    if (!v) return;
    setHover(v.id);
    map.getCanvas().style.cursor = 'default';
    popup.setLngLat(e.lngLat).setDOMContent(villageTooltip(v, groups)).addTo(map);
  };
  const onLeave = () => {
    setHover(null);
    popup.remove();
  };
  map.on('mousemove', VILLAGE_FILL_LAYER, onMove);
  map.on('mouseleave', VILLAGE_FILL_LAYER, onLeave);
  return () => {
    map.off('mousemove', VILLAGE_FILL_LAYER, onMove);
    map.off('mouseleave', VILLAGE_FILL_LAYER, onLeave);
    popup.remove();
  };
}
