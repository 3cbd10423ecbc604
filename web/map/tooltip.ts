// Hover tooltip on a bản: name, former commune, the value shown, and where it (or its absence) comes from.
import { Popup, type Map as MapLibreMap } from 'maplibre-gl';
import type { CoverageGroup, VillageInfo } from '../api/types.ts';
import { indicatorName, t, refLabel } from '../i18n/i18n.ts';
import type { ChoroplethModel } from '../model/choropleth.ts';
import { groupFor } from './labels.ts';
import { groupRatioText } from '../model/group-count.ts';
import { notPublicText } from '../model/publication.ts';

function line(className: string, text: string): HTMLElement {
  const p = document.createElement('div');
  p.className = className;
  p.textContent = text;
  return p;
}

/** The display name of a bản: "Bản Lao", or "MD-04 (chưa rõ tên)". */
export function villageTitle(v: VillageInfo): string {
  return v.nameKnown && v.name ? `${t().banPrefix} ${v.name}` : `${v.provisionalLabel} ${t().provisionalSuffix}`;
}

/** The tooltip content of one bản for the indicator on the map. */
export function villageTooltip(v: VillageInfo, model: ChoroplethModel, groups: CoverageGroup[]): HTMLElement {
  const s = t();
  const root = document.createElement('div');
  root.className = 'tooltip';
  root.append(line(v.nameKnown ? 'tt-title' : 'tt-title provisional', villageTitle(v)));
  root.append(line('tt-sub', `${s.formerCommune} ${v.formerCommune.name} · ${s.quality[v.boundaryQuality]}`));
  const unitId = model.level === 'village' ? v.id : v.formerCommune.id;
  const f = model.features.find((x) => x.id === unitId);
  const prefix = model.level === 'village' ? '' : `${s.formerCommune} ${v.formerCommune.name}: `;
  root.append(line(`tt-state tt-${f?.state ?? 'unknown'}`, `${indicatorName(model.indicator)}: ${prefix}${f?.display ?? s.noData}`));
  if (f?.notPublic) root.append(line(`tt-publication tt-${f.notPublic.state.toLowerCase()}`, notPublicText(f.notPublic)));
  const o = f?.obs;
  if (o) {
    root.append(line('tt-source', `${s.sourcePrefix}: ${refLabel(o.source)} (${s.status[o.status]}, ${o.period})`));
    if (o.formula) root.append(line('tt-formula', `${s.formula}: ${o.formula}`));
  } else if (model.level === 'village' && f?.why) {
    // Deduced or unknown: the fact engine's reason ("suy ra từ 23/23 của toàn xã") and the sources it rests on.
    root.append(line('tt-why', `${s.whyLabel}: ${f.why}`));
    if (f.sources.length) root.append(line('tt-source', `${s.sourcePrefix}: ${f.sources.map(refLabel).join('; ')}`));
  } else if (model.level === 'village') {
    root.append(line('tt-note', s.tooltipUnknown));
    const g = groupFor(v.formerCommune, groups);
    if (g) {
      root.append(line('tt-group', s.tooltipGroup(g.name, groupRatioText(g))));
      if (g.source) root.append(line('tt-source', `${s.sourcePrefix}: ${refLabel(g.source)}`));
    }
  }
  return root;
}

/** A popup for the tooltip (one per map). */
export function tooltipPopup(): Popup {
  return new Popup({ closeButton: false, closeOnClick: false, maxWidth: '300px', offset: 12, className: 'atlas-popup' });
}

/** Show the tooltip of `v` at a point. */
export function showTooltip(map: MapLibreMap, popup: Popup, at: { lng: number; lat: number }, content: HTMLElement): void {
  popup.setLngLat(at).setDOMContent(content).addTo(map);
}
