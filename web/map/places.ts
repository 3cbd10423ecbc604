// The places layer: resettlement sites and other works as DOM markers, with their figures in a popup.
// No seeded place has a position of its own, only the bản it belongs to: a marker stands at that
// bản's centre when the centre is known, else in the middle of the bản's schematic cell, marked
// "vị trí gần đúng". A road is drawn only from its own geometry (see places-lines.layer.ts).
import { Marker, Popup, type Map as MapLibreMap } from 'maplibre-gl';
import type { Place, VillageInfo } from '../api/types.ts';
import { withBound } from '../format/bound.ts';
import { formatValue } from '../format/number.ts';
import { t, unitLabel, local, refLabel } from '../i18n/i18n.ts';
import { labelPoint } from './bounds.ts';
import { isLinePlace } from './line-place.ts';
import { villageTitle } from './tooltip.ts';

/** Where a place's marker stands, and on what grounds. */
export interface PlacePosition {
  lngLat: [number, number];
  /** own: the place's point; centre: its bản's sourced centre; cell: the middle of its bản's schematic cell. */
  basis: 'own' | 'centre' | 'cell';
  village: VillageInfo | null;
}

/**
 * The marker position of a place, or null when it has none that can be shown honestly: a line
 * (drawn as a line), or a road without geometry (a road through several bản has no one point).
 */
export function placePosition(p: Place, villages: VillageInfo[]): PlacePosition | null {
  if (p.geometry?.type === 'Point') return { lngLat: p.geometry.coordinates as [number, number], basis: 'own', village: null };
  if (p.geometry || p.kind === 'road') return null;
  const v = villages.find((x) => x.id === p.villageIds[0]);
  if (!v) return null;
  if (v.centreKnown) return { lngLat: v.centroid, basis: 'centre', village: v };
  return { lngLat: labelPoint(v.geometry) ?? v.centroid, basis: 'cell', village: v };
}

function line(tag: string, className: string, text: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  e.textContent = text;
  return e;
}

/** A place's figures as people read them: "Số hộ dự kiến: 90 hộ". */
export function placeFigures(p: Place): Array<{ key: string; label: string; value: string }> {
  const s = t();
  return p.attributes.map((a) => ({
    key: a.key,
    label: s.places.attributes[a.key] ?? a.key,
    value: typeof a.value === 'number' ? withBound(formatValue(a.value, a.unit ?? '', a.unit ? unitLabel(a.unit) : ''), a.comparator) : `${String(a.value)}${a.unit ? ` ${unitLabel(a.unit)}` : ''}`,
  }));
}

/** The popup content of a place: name, kind and status, where it stands, its figures and sources. */
export function placePopupContent(p: Place, at: PlacePosition): HTMLElement {
  const s = t();
  const root = document.createElement('div');
  root.className = 'tooltip place-popup-content';
  root.dataset.placeId = p.id;
  root.append(line('div', 'tt-title', local(p.name, p.nameEn)));
  root.append(line('div', 'tt-sub', `${s.places.kinds[p.kind] ?? p.kind} · ${s.places.statuses[p.status] ?? p.status}`));
  if (at.village) {
    const ban = villageTitle(at.village);
    root.append(line('div', at.basis === 'cell' ? 'tt-note place-approx' : 'tt-note', at.basis === 'cell' ? s.places.approximateAt(ban) : s.places.atCentre(ban)));
  }
  const figures = placeFigures(p);
  if (figures.length) {
    const dl = document.createElement('dl');
    dl.className = 'place-figures';
    for (const f of figures) {
      const dt = line('dt', '', f.label);
      const dd = line('dd', '', f.value);
      dd.dataset.key = f.key;
      dl.append(dt, dd);
    }
    root.append(dl);
  }
  const sources = [...new Set([refLabel(p.source), ...p.attributes.map((a) => refLabel(a.source))])];
  root.append(line('div', 'tt-source', `${s.sourcePrefix}: ${sources.join('; ')}`));
  return root;
}

/** Put a marker on every place that has a position; a click (or Enter) opens its figures. */
export function addPlaceMarkers(map: MapLibreMap, places: Place[], villages: VillageInfo[]): { markers: Marker[]; popup: Popup } {
  const s = t();
  const popup = new Popup({ closeButton: true, closeOnClick: true, maxWidth: '300px', offset: 22, className: 'atlas-popup place-popup' });
  const markers: Marker[] = [];
  for (const p of places) {
    const at = placePosition(p, villages);
    if (!at) continue;
    const el = document.createElement('button');
    el.type = 'button';
    el.className = `place-marker place-${p.kind}${at.basis === 'cell' ? ' approximate' : ''}`;
    el.dataset.placeId = p.id;
    el.dataset.basis = at.basis;
    el.dataset.approximate = String(at.basis === 'cell');
    el.setAttribute('aria-label', `${local(p.name, p.nameEn)}${at.basis === 'cell' ? ` (${s.places.approximate})` : ''}`);
    el.title = el.getAttribute('aria-label')!;
    el.addEventListener('click', (e) => {
      e.stopPropagation();
      popup.setLngLat(at.lngLat).setDOMContent(placePopupContent(p, at)).addTo(map);
    });
    // The pin's sharp corner points at the position from just beside it, so a click on the bản there still selects the bản.
    markers.push(new Marker({ element: el, anchor: 'bottom-left', offset: [2, -2] }).setLngLat(at.lngLat).addTo(map));
  }
  return { markers, popup };
}
