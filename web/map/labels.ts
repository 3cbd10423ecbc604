// Labels as DOM markers (the style has no glyphs, so no symbol layers): bản names at their
// centroids, former-commune names with their reported share, faded neighbour names.
import { Marker, type Map as MapLibreMap } from 'maplibre-gl';
import type { CoverageGroup, FormerCommune, Neighbour, VillageInfo } from '../api/types.ts';
import { t } from '../i18n/i18n.ts';
import { labelPoint } from './bounds.ts';
import { placeLabel, type Box, type Px } from './label-placement.ts';

function el(tag: string, className: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The element of one bản label: its name, or its provisional label in italics marked "(chưa rõ tên)". */
export function villageLabelElement(v: VillageInfo): HTMLElement {
  const known = v.nameKnown && !!v.name;
  const root = el('div', known ? 'map-label ban-label' : 'map-label ban-label provisional');
  root.dataset.villageId = v.id;
  if (known) {
    root.textContent = v.name!;
  } else {
    root.title = t().provisionalHint;
    root.append(el('span', 'provisional-code', v.provisionalLabel), el('span', 'provisional-note', t().provisionalSuffix));
  }
  return root;
}

/** Put a label on every bản centroid. */
export function addVillageLabels(map: MapLibreMap, villages: VillageInfo[]): Marker[] {
  return villages.map((v) => new Marker({ element: villageLabelElement(v), anchor: 'center' }).setLngLat(v.centroid).addTo(map));
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
    if (at) markers.push(new Marker({ element: el('div', 'map-label neighbour-label', n.name), anchor: 'center' }).setLngLat(at).addTo(map));
  }
  return markers;
}

/** Hide labels whose box is cut by the map edge or lies under a floating panel (call on move). */
export function hideCoveredLabels(map: MapLibreMap, markers: Marker[], panels: Array<HTMLElement | null>): void {
  const box = map.getContainer().getBoundingClientRect();
  const rects = panels.flatMap((p) => (p && p.offsetParent !== null ? [p.getBoundingClientRect()] : []));
  for (const m of markers) {
    const el = m.getElement();
    el.style.visibility = '';
    const r = el.getBoundingClientRect();
    const cut = r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom;
    const covered = rects.some((p) => r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top);
    el.style.visibility = cut || covered ? 'hidden' : '';
  }
}
