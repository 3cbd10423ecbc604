// Labels as DOM markers (the style has no glyphs, so no symbol layers): bản names at their
// centroids, former-commune names with their reported share, faded neighbour names.
import { Marker, type Map as MapLibreMap } from 'maplibre-gl';
import type { CoverageGroup, FormerCommune, Neighbour, VillageInfo } from '../api/types.ts';
import { t } from '../i18n/i18n.ts';
import type { ChoroplethModel } from '../model/choropleth.ts';
import type { LabelMode } from '../state/ui-state.ts';
import { labelPoint } from './bounds.ts';
import { neighbourName } from './neighbour-name.ts';
import { placeLabel, type Box, type Px } from './label-placement.ts';

function el(tag: string, className: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** What a bản label says of the indicator shown: "Đạt", "82,6%"; "?" when unknown, "≈ …" for an estimate. */
export interface VillageLabelValue {
  text: string;
  /** The feature's state (achieved, notAchieved, unknown, estimated, value). */
  state: string;
  estimated: boolean;
  title: string;
}

/**
 * The value each bản label shows for the indicator on the map, keyed by bản id; empty at
 * former-commune level (there the values are on the former-commune labels).
 */
export function villageLabelValues(model: ChoroplethModel): Map<string, VillageLabelValue> {
  const s = t();
  const out = new Map<string, VillageLabelValue>();
  if (model.level !== 'village') return out;
  for (const f of model.features) {
    if (f.state === 'unknown' || (model.kind !== 'categorical' && !f.obs)) {
      out.set(f.id, { text: '?', state: 'unknown', estimated: false, title: s.labelValue.unknown });
      continue;
    }
    // A yes/no value reads as the legend's category (own or deduced by the fact engine); a number as the legend formats it.
    const yes = f.state === 'estimated' ? f.obs?.value === true : f.state === 'achieved';
    const plain = model.kind === 'categorical' ? (yes ? s.states.achieved : s.states.notAchieved) : f.display;
    out.set(f.id, f.estimated
      ? { text: `≈ ${plain}`, state: f.state, estimated: true, title: `${plain} (${s.labelValue.estimated})` }
      : { text: plain, state: f.state, estimated: false, title: plain });
  }
  return out;
}

/** The name part of a bản label: its name, or its provisional label in italics marked "(chưa rõ tên)". */
function villageName(v: VillageInfo): HTMLElement {
  const known = v.nameKnown && !!v.name;
  const name = el('span', known ? 'ban-name' : 'ban-name provisional');
  if (known) {
    name.textContent = v.name!;
  } else {
    name.title = t().provisionalHint;
    name.append(el('span', 'provisional-code', v.provisionalLabel), el('span', 'provisional-note', t().provisionalSuffix));
  }
  return name;
}

/**
 * The element of one bản label: its name (provisional ones in italics), the value of the indicator
 * shown, or both, as `mode` says. Without a value (former-commune level) it shows the name.
 */
export function villageLabelElement(v: VillageInfo, mode: LabelMode = 'name', value?: VillageLabelValue): HTMLElement {
  const known = v.nameKnown && !!v.name;
  const show = value ? mode : 'name';
  const root = el('div', `map-label ban-label label-${show}${known || show === 'value' ? '' : ' provisional'}`);
  root.dataset.villageId = v.id;
  if (show !== 'value') root.append(villageName(v));
  if (value && show !== 'name') {
    const val = el('span', `ban-value state-${value.state}${value.estimated ? ' estimated' : ''}`, value.text);
    val.title = value.title;
    root.dataset.value = value.text;
    root.append(val);
  }
  if (!known && show === 'name') root.title = t().provisionalHint;
  return root;
}

/** Put a label on every bản centroid. */
export function addVillageLabels(map: MapLibreMap, villages: VillageInfo[], mode: LabelMode = 'name', values: Map<string, VillageLabelValue> = new Map()): Marker[] {
  return villages.map((v) => new Marker({ element: villageLabelElement(v, mode, values.get(v.id)), anchor: 'center' }).setLngLat(v.centroid).addTo(map));
}

/** Find the coverage group of a former commune (by id, else by code). */
export function groupFor(fc: { id: string; code: string }, groups: CoverageGroup[]): CoverageGroup | undefined {
  return groups.find((g) => g.id === fc.id) ?? groups.find((g) => g.code === fc.code);
}

/** What a former-commune label says of the indicator shown: a strong figure, the words after it, its source. */
export interface FormerCommuneFigure {
  strong: string;
  rest: string;
  title?: string;
}

/** The element of one former-commune label: name and, e.g., "7/10 bản đạt". */
export function formerCommuneLabelElement(fc: FormerCommune, figure: FormerCommuneFigure | null): HTMLElement {
  const root = el('div', 'map-label fc-label');
  root.dataset.formerCommuneId = fc.id;
  root.append(el('span', 'fc-name', t().formerCommuneLabel(fc.name)));
  if (figure) {
    const share = el('span', 'fc-share');
    share.append(el('strong', 'fc-ratio', figure.strong), document.createTextNode(figure.rest ? ` ${figure.rest}` : ''));
    root.append(share);
    if (figure.title) root.title = figure.title;
  }
  return root;
}

/** Put a label on each former commune, inside its zone but clear of the bản labels (call after fitting). */
export function addFormerCommuneLabels(map: MapLibreMap, formerCommunes: FormerCommune[], figures: Map<string, FormerCommuneFigure>, villageLabels: Marker[]): Marker[] {
  const markers = formerCommunes.map((fc) =>
    new Marker({ element: formerCommuneLabelElement(fc, figures.get(fc.id) ?? null), anchor: 'center' }).setLngLat(fc.centroid).addTo(map),
  );
  placeFormerCommuneLabels(map, formerCommunes, markers, villageLabels);
  return markers;
}

function boxOf(map: MapLibreMap, marker: Marker): Box {
  const p = map.project(marker.getLngLat());
  const el = marker.getElement();
  return { x: p.x, y: p.y, hw: el.offsetWidth / 2, hh: el.offsetHeight / 2 };
}

/** Move each former-commune label to the emptiest spot of its zone at the current view. */
export function placeFormerCommuneLabels(map: MapLibreMap, formerCommunes: FormerCommune[], markers: Marker[], villageLabels: Marker[]): void {
  const obstacles: Box[] = villageLabels.map((m) => boxOf(map, m));
  formerCommunes.forEach((fc, i) => {
    const polygons = fc.geometry.type === 'Polygon' ? [fc.geometry.coordinates] : fc.geometry.coordinates;
    const rings: Px[][] = polygons.flatMap((poly) =>
      poly.map((ring) => ring.map(([lon, lat]) => {
        const p = map.project([lon, lat]);
        return [p.x, p.y] as Px;
      })),
    );
    const el = markers[i].getElement();
    const [hw, hh] = [el.offsetWidth / 2 || 60, el.offsetHeight / 2 || 18];
    const at = placeLabel(rings, obstacles, hw, hh);
    if (at) {
      markers[i].setLngLat(map.unproject(at));
      obstacles.push({ x: at[0], y: at[1], hw, hh });
    }
  });
}

/** Put a faded name on each neighbour (at the centroid of its largest part). */
export function addNeighbourLabels(map: MapLibreMap, neighbours: Neighbour[]): Marker[] {
  const markers: Marker[] = [];
  for (const n of neighbours) {
    const at = labelPoint(n.geometry);
    if (at) markers.push(new Marker({ element: el('div', 'map-label neighbour-label', neighbourName(n.name)), anchor: 'center' }).setLngLat(at).addTo(map));
  }
  return markers;
}

/**
 * Hide labels whose box is cut by the map edge or lies under a floating panel (call on move). With
 * `collide`, labels are also kept apart: the last markers win (callers list the most important last), so
 * zoomed out on a phone fewer bản labels show instead of piling up ("BaiHợp PhoCải").
 */
export function hideCoveredLabels(map: MapLibreMap, markers: Marker[], panels: Array<HTMLElement | null>, collide = false): void {
  const box = map.getContainer().getBoundingClientRect();
  const rects = panels.flatMap((p) => (p && p.offsetParent !== null ? [p.getBoundingClientRect()] : []));
  const overlaps = (r: DOMRect, p: DOMRect) => r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top;
  const shown: DOMRect[] = [];
  // Every box is read before any label is shown or hidden: one layout, not one per label (visibility
  // does not move a box, so reading it while the label is hidden gives the same rectangle).
  const boxes = [...markers].reverse().map((m) => ({ el: m.getElement(), r: m.getElement().getBoundingClientRect() }));
  for (const { el, r } of boxes) {
    const cut = r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom;
    const covered = rects.some((p) => overlaps(r, p));
    const crowded = collide && r.width > 0 && shown.some((p) => overlaps(r, p));
    el.style.visibility = cut || covered || crowded ? 'hidden' : '';
    if (collide && !cut && !covered && !crowded && r.width > 0) shown.push(r);
  }
}

/** Hide the markers that would cover a bản label shown (on a phone a place's pin gives way; zoomed in it shows again). */
export function giveWayToVillageLabels(map: MapLibreMap, markers: Marker[]): void {
  const labels = [...map.getContainer().querySelectorAll<HTMLElement>('.ban-label')]
    .filter((e) => e.style.visibility !== 'hidden' && e.offsetWidth > 0).map((e) => e.getBoundingClientRect());
  for (const m of markers) {
    const el = m.getElement();
    if (el.style.visibility === 'hidden') continue;
    const r = el.getBoundingClientRect();
    if (labels.some((l) => r.left < l.right && r.right > l.left && r.top < l.bottom && r.bottom > l.top)) el.style.visibility = 'hidden';
  }
}
