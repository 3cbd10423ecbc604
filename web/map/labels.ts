// Labels as DOM markers (the style has no glyphs, so no symbol layers): bản names at their
// centroids, former-commune names with their reported share, faded neighbour names.
import { Marker, type LngLatLike, type Map as MapLibreMap } from 'maplibre-gl';
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

/** The classes of a bản label that follow what it shows (MapLibre's own and the hover class are left alone). */
const VILLAGE_LABEL_VARIANTS = ['label-name', 'label-value', 'label-both', 'provisional'];

/**
 * Make `root` the bản label of `v`: its name (provisional ones in italics), the value of the indicator shown,
 * or both, as `mode` says. Without a value (former-commune level) it shows the name. Rewrites the element in
 * place, so a label on the map changes without its marker being made again.
 */
export function fillVillageLabel(root: HTMLElement, v: VillageInfo, mode: LabelMode = 'name', value?: VillageLabelValue): HTMLElement {
  const known = v.nameKnown && !!v.name;
  const show = value ? mode : 'name';
  root.classList.remove(...VILLAGE_LABEL_VARIANTS);
  root.classList.add('map-label', 'ban-label', `label-${show}`);
  if (!known && show !== 'value') root.classList.add('provisional');
  root.dataset.villageId = v.id;
  delete root.dataset.value;
  root.removeAttribute('title');
  const parts: HTMLElement[] = [];
  if (show !== 'value') parts.push(villageName(v));
  if (value && show !== 'name') {
    const val = el('span', `ban-value state-${value.state}${value.estimated ? ' estimated' : ''}`, value.text);
    val.title = value.title;
    root.dataset.value = value.text;
    parts.push(val);
  }
  root.replaceChildren(...parts);
  if (!known && show === 'name') root.title = t().provisionalHint;
  return root;
}

/** The element of one bản label (see fillVillageLabel). */
export function villageLabelElement(v: VillageInfo, mode: LabelMode = 'name', value?: VillageLabelValue): HTMLElement {
  return fillVillageLabel(document.createElement('div'), v, mode, value);
}

/** Put a label on every bản centroid. */
export function addVillageLabels(map: MapLibreMap, villages: VillageInfo[], mode: LabelMode = 'name', values: Map<string, VillageLabelValue> = new Map()): Marker[] {
  return villages.map((v) => new Marker({ element: villageLabelElement(v, mode, values.get(v.id)), anchor: 'center' }).setLngLat(v.centroid).addTo(map));
}

/** Say something else on the bản labels made by addVillageLabels (same villages, same order), in place; none made yet, nothing to do. */
export function updateVillageLabels(markers: Marker[], villages: VillageInfo[], mode: LabelMode = 'name', values: Map<string, VillageLabelValue> = new Map()): void {
  markers.forEach((m, i) => fillVillageLabel(m.getElement(), villages[i], mode, values.get(villages[i].id)));
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

/** Make `root` the label of a former commune: name and, e.g., "7/10 bản đạt". Rewrites the element in place. */
export function fillFormerCommuneLabel(root: HTMLElement, fc: FormerCommune, figure: FormerCommuneFigure | null): HTMLElement {
  root.classList.add('map-label', 'fc-label');
  root.dataset.formerCommuneId = fc.id;
  root.removeAttribute('title');
  const parts: Node[] = [el('span', 'fc-name', t().formerCommuneLabel(fc.name))];
  if (figure) {
    const share = el('span', 'fc-share');
    share.append(el('strong', 'fc-ratio', figure.strong), document.createTextNode(figure.rest ? ` ${figure.rest}` : ''));
    parts.push(share);
    if (figure.title) root.title = figure.title;
  }
  root.replaceChildren(...parts);
  return root;
}

/** The element of one former-commune label (see fillFormerCommuneLabel). */
export function formerCommuneLabelElement(fc: FormerCommune, figure: FormerCommuneFigure | null): HTMLElement {
  return fillFormerCommuneLabel(document.createElement('div'), fc, figure);
}

/**
 * Put a label on each former commune, at its centroid until a formerCommuneLabelPlacer moves it clear of the
 * bản labels (once its size is known: see label-sizes.ts).
 */
export function addFormerCommuneLabels(map: MapLibreMap, formerCommunes: FormerCommune[], figures: Map<string, FormerCommuneFigure>): Marker[] {
  return formerCommunes.map((fc) =>
    new Marker({ element: formerCommuneLabelElement(fc, figures.get(fc.id) ?? null), anchor: 'center' }).setLngLat(fc.centroid).addTo(map),
  );
}

/** Say the figures of another indicator on the labels made by addFormerCommuneLabels, in place. */
export function updateFormerCommuneLabels(markers: Marker[], formerCommunes: FormerCommune[], figures: Map<string, FormerCommuneFigure>): void {
  markers.forEach((m, i) => fillFormerCommuneLabel(m.getElement(), formerCommunes[i], figures.get(formerCommunes[i].id) ?? null));
}

/** Where the former-commune labels go (their lngLats), for one view and one set of label sizes. */
type Placement = LngLatLike[];

/** Placements kept (views × sets of sizes): a few zooms back and forth, each with a few indicators' figures. */
const PLACEMENTS_KEPT = 32;

/**
 * A placer of the former-commune labels: `place()` moves each to the emptiest spot of its zone at the current view,
 * clear of the bản labels (call it when the view settles, not during a move: a zoom moves the bản labels apart or
 * together, so a spot clear at one zoom may cover a bản label at another). Where a label goes depends only on the view
 * and on the labels' sizes, so placements are kept per view and set of sizes: switching back to an indicator whose
 * figures have the sizes of an earlier one, or zooming back to an earlier view, moves the labels where they were
 * without searching the zones again.
 */
export function formerCommuneLabelPlacer(map: MapLibreMap, formerCommunes: FormerCommune[], markers: Marker[], villageLabels: Marker[]): { place: () => void } {
  const placements = new Map<string, Placement>();
  return {
    place: () => {
      // Every size is read before any label moves: one layout, not one per label.
      const villageSizes = villageLabels.map((m) => [m.getElement().offsetWidth / 2, m.getElement().offsetHeight / 2]);
      const sizes = markers.map((m) => [m.getElement().offsetWidth / 2 || 60, m.getElement().offsetHeight / 2 || 18]);
      const c = map.getCenter();
      const canvas = map.getCanvas();
      const view = [c.lng, c.lat, map.getZoom(), map.getBearing(), map.getPitch(), canvas.clientWidth, canvas.clientHeight];
      const key = JSON.stringify([view, sizes, villageSizes]);
      let placement = placements.get(key);
      if (placement) {
        placements.delete(key); // kept as the most recently used
      } else {
        placement = searchPlacement(map, formerCommunes, sizes, villageLabels.map((m, i) => {
          const p = map.project(m.getLngLat());
          return { x: p.x, y: p.y, hw: villageSizes[i][0], hh: villageSizes[i][1] };
        }));
        if (placements.size >= PLACEMENTS_KEPT) placements.delete(placements.keys().next().value!);
      }
      placements.set(key, placement);
      placement.forEach((at, i) => markers[i].setLngLat(at));
    },
  };
}

/** Search each zone for the spot of its label (half-sizes `sizes`), clear of `obstacles` and of the labels placed before it. */
function searchPlacement(map: MapLibreMap, formerCommunes: FormerCommune[], sizes: number[][], obstacles: Box[]): Placement {
  return formerCommunes.map((fc, i) => {
    const polygons = fc.geometry.type === 'Polygon' ? [fc.geometry.coordinates] : fc.geometry.coordinates;
    const rings: Px[][] = polygons.flatMap((poly) =>
      poly.map((ring) => ring.map(([lon, lat]) => {
        const p = map.project([lon, lat]);
        return [p.x, p.y] as Px;
      })),
    );
    const [hw, hh] = sizes[i];
    const at = placeLabel(rings, obstacles, hw, hh);
    if (!at) return fc.centroid;
    obstacles.push({ x: at[0], y: at[1], hw, hh });
    return map.unproject(at);
  });
}

/** The neighbour each neighbour label names (so a language switch renames it in place). */
const neighbourOf = new WeakMap<HTMLElement, Neighbour>();

/** Put a faded name on each neighbour (at the centroid of its largest part). */
export function addNeighbourLabels(map: MapLibreMap, neighbours: Neighbour[]): Marker[] {
  const markers: Marker[] = [];
  for (const n of neighbours) {
    const at = labelPoint(n.geometry);
    if (!at) continue;
    const label = el('div', 'map-label neighbour-label', neighbourName(n.name));
    neighbourOf.set(label, n);
    markers.push(new Marker({ element: label, anchor: 'center' }).setLngLat(at).addTo(map));
  }
  return markers;
}

/** Name the neighbours again in the current language, in place. */
export function updateNeighbourLabels(markers: Marker[]): void {
  for (const m of markers) {
    const n = neighbourOf.get(m.getElement());
    if (n) m.getElement().textContent = neighbourName(n.name);
  }
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

/**
 * Hide the bản labels a former-commune label shown covers (where its zone has no spot clear of them, or the view
 * changed since it was placed): the former commune's figure stays readable, no label is drawn over another.
 */
export function hideVillageLabelsUnderFormerCommuneLabels(villageLabels: Marker[], formerCommuneLabels: Marker[]): void {
  const shown = (e: HTMLElement) => e.style.visibility !== 'hidden' && e.offsetWidth > 0;
  // Every box is read before any label is hidden: one layout.
  const fcBoxes = formerCommuneLabels.map((m) => m.getElement()).filter(shown).map((e) => e.getBoundingClientRect());
  const covered = villageLabels.map((m) => m.getElement()).filter(shown).filter((e) => {
    const r = e.getBoundingClientRect();
    return fcBoxes.some((f) => r.left < f.right && r.right > f.left && r.top < f.bottom && r.bottom > f.top);
  });
  for (const e of covered) e.style.visibility = 'hidden';
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
