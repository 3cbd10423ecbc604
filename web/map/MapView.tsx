// The map: created once; sources and layers are added once when the data arrives; after that every
// change of indicator, level, class method, hover or selection is applied with setFeatureState and
// layer visibility only (never setData). Publishes window.__atlas for the page tests.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { AttributionControl, Map as MapLibreMap, Marker, NavigationControl, ScaleControl, type GeoJSONSource, type MapMouseEvent } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import './worker.ts';
import { takeEarlyMap, type EarlyMap } from './early-map.ts';
import type { AtlasData } from '../api/atlas-data.ts';
import { fetchCommune } from '../api/commune.ts';
import type { CoverageGroup } from '../api/types.ts';
import { withBound } from '../format/bound.ts';
import { formatValue } from '../format/number.ts';
import { reasonText } from '../model/fact-text.ts';
import { groupRatioText } from '../model/group-count.ts';
import { currentLang, t, unitLabel, refLabel } from '../i18n/i18n.ts';
import type { ChoroplethModel } from '../model/choropleth.ts';
import type { Camera, LabelMode, Level } from '../state/ui-state.ts';
import { publishAtlas } from './atlas-global.ts';
import { whenStyleLoaded } from './when-style-loaded.ts';
import { mapAttributions } from './attribution.ts';
import { applyMapLocale } from './map-locale.ts';
import { communeCamera, fitToCommune, showsCamera } from './fit.ts';
import { enterPrintLayout, exitPrintLayout, printLayout } from './print-layout.ts';
import { keepPrintCopy } from './print-copy.ts';
import { printingRanking } from '../planner/print-ranking.ts';
import { addFormerCommuneLabels, addNeighbourLabels, addVillageLabels, giveWayToVillageLabels, groupFor, formerCommuneLabelPlacer, hideCoveredLabels, hideVillageLabelsUnderFormerCommuneLabels, updateFormerCommuneLabels, updateNeighbourLabels, updateVillageLabels, villageLabelValues, type FormerCommuneFigure } from './labels.ts';
import { PHONE_SCREEN } from '../state/phone-screen.ts';
import { watchLabelSizes, type LabelSizeWatch } from './label-sizes.ts';
import { usePhoneScreen } from '../state/use-phone-screen.ts';
import { addFirstPaintLayers, addRemainingLayers, applyVisibility } from './layers/index.ts';
import { addPlaceMarkers } from './places.ts';
import { PartitionPreview, previewFeatures } from './partition-preview.ts';
import { PREVIEW_SOURCE, previewLayers } from './layers/centre-preview.ts';
import { VILLAGE_SOURCE } from './layers/source-ids.ts';
import { choroplethSource, fillState } from './layers/fill-state.ts';
import { VILLAGE_HIT_LAYER } from './layers/village-hit.layer.ts';
import { showTooltip, tooltipPopup, villageTooltip } from './tooltip.ts';
import { createCommuneMap } from './create-commune-map.ts';
import { followMapCamera, removeFirstPicture } from '../first-picture/first-picture.ts';

interface Props {
  data: AtlasData | null;
  model: ChoroplethModel | null;
  /** Coverage groups of the yes/no indicator shown (for the former-commune labels and tooltips). */
  groups: CoverageGroup[];
  level: Level;
  hidden: readonly string[];
  /** What the bản labels say: name, value of the indicator shown, or both. */
  labelMode: LabelMode;
  hovered: string | null;
  selected: string | null;
  /** Bản marked in the planner's what-if. */
  marked: ReadonlySet<string>;
  lang: string;
  onHover: (id: string | null) => void;
  onSelect: (id: string) => void;
  /** Floating panels the commune must stay clear of. */
  overlays: Array<RefObject<HTMLElement | null>>;
  /** A bản centre being placed by an editor: a draggable pin. */
  centreDraft?: { villageId: string; lngLat: [number, number] } | null;
  onCentreDrag?: (lngLat: [number, number]) => void;
  /** Field mode: a tap on the map moves the centre pin there. */
  centreTap?: boolean;
  /** The view from the URL: shown instead of fitting the commune. */
  camera: Camera | null;
  /** Called when the person has moved the map (pan, zoom, buttons, keys), with the new view. */
  onCamera: (camera: Camera) => void;
  /** Called with the map once created (for the PNG export). */
  onMap?: (map: MapLibreMap | null) => void;
  /** Called when the first choropleth of a data set is drawn (the map's first 'idle' with the first paint's layers). */
  onFirstPaint?: () => void;
}

/**
 * setFeatureState when the source is still there (effects may clean up after the sources were removed) and the state
 * differs: a map made early has its first colours already (early-map.ts), and setting them again asks for a frame.
 */
function setState(map: MapLibreMap, source: string, id: string, state: Record<string, unknown>): void {
  if (!map.style || !map.getSource(source)) return;
  const now = map.getFeatureState({ source, id });
  if (Object.entries(state).some(([k, v]) => now?.[k] !== v)) map.setFeatureState({ source, id }, state);
}

/** Colour the map by `model` (one setFeatureState per unit); the count of units per state. */
function applyModel(map: MapLibreMap, model: ChoroplethModel): Record<string, number> {
  const source = choroplethSource(model.level);
  const states: Record<string, number> = {};
  for (const f of model.features) {
    states[f.state] = (states[f.state] ?? 0) + 1;
    setState(map, source, f.id, fillState(f));
  }
  return states;
}

/** What a former-commune label says for the current indicator. */
function figures(model: ChoroplethModel, groups: CoverageGroup[], data: AtlasData): Map<string, FormerCommuneFigure> {
  const s = t();
  const out = new Map<string, FormerCommuneFigure>();
  for (const fc of data.commune.formerCommunes) {
    if (model.indicator.kind === 'boolean') {
      const g = groupFor(fc, groups);
      if (!g) continue;
      // An incomplete count is a lower bound, as the legend says it: "≥ 0/10 bản đạt, còn 10 bản chưa rõ".
      // A count inferred under an assumption says so on the label, not only in its title.
      const inferred = g.status === 'INFERRED' && g.assumptions.length > 0 ? ` (${s.labelValue.groupInferred})` : '';
      const rest = `${s.banUnit} ${s.states.achieved.toLowerCase()}${inferred}${g.complete ? '' : `, ${s.unknownRest(g.unknownVillages)}`}`;
      // Why the count is what it is comes from the fact engine; a source is cited only where it supports the count.
      const why = g.basis === 'FACT' ? '' : `${reasonText(g.reason, data)}. `;
      out.set(fc.id, { strong: groupRatioText(g), rest, title: `${why}${g.sources.length ? `${s.sourcePrefix}: ${g.sources.map(refLabel).join('; ')}` : s.noSource}` });
    } else if (model.level === 'formerCommune') {
      const f = model.features.find((x) => x.id === fc.id);
      if (f?.value != null && f.obs) out.set(fc.id, { strong: withBound(formatValue(f.value, model.unit, unitLabel(model.unit)), f.obs.comparator), rest: f.obs.period, title: `${s.sourcePrefix}: ${refLabel(f.obs.source)}` });
    }
  }
  return out;
}

/** The view of the URL when it holds one, else the whole commune clear of the floating panels (no move when the map is there: the map made early opens there). */
function showView(map: MapLibreMap, props: Props): void {
  const camera = props.camera ?? (props.data ? communeCamera(map, props.data.commune, props.overlays.map((r) => r.current)) : undefined);
  if (camera && !showsCamera(map, camera)) map.jumpTo(camera);
}

/** Full-screen MapLibre map of the commune. */
export function MapView(props: Props) {
  const { data, model, groups, level, hidden, labelMode, hovered, selected, marked, lang, overlays } = props;
  const phone = usePhoneScreen();
  // The map's container is not React's: the map made early (early-map.ts) brings its own, moved into this slot.
  const slotRef = useRef<HTMLDivElement>(null);
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  // installed: the sources and the first paint's layers are on the map; complete: the other layers too, added after
  // the first 'idle' with the choropleth coloured (labels, places and the credit wait for it as well).
  const [installed, setInstalled] = useState(false);
  const [complete, setComplete] = useState(false);
  const latest = useRef(props);
  latest.current = props;
  // The model the map is coloured by already (the first one is applied with the layers, before React's next render).
  const applied = useRef<{ model: ChoroplethModel; states: Record<string, number> } | null>(null);
  const villageLabels = useRef<Marker[]>([]);
  const panels = () => overlays.map((r) => r.current);
  // > 0 while this code moves the map itself (those moves are not written to the URL).
  const quiet = useRef(0);
  // The view the person's last move wrote to the URL: when it comes back as the camera prop, the map is there already.
  const ownCamera = useRef<Camera | null>(null);
  // The camera prop the map was last shown at (install shows the first one).
  const shownCamera = useRef(props.camera);
  const quietly = (move: () => void) => {
    quiet.current++;
    try {
      move();
    } finally {
      quiet.current--;
    }
  };

  // Whether the map has gone idle since it was made (the map made early may have drawn its first paint before React).
  const wentIdle = useRef<() => boolean>(() => false);

  useEffect(() => {
    let cancelled = false;
    let stop = () => {};
    void takeEarlyMap().then((early) => {
      if (cancelled) {
        early?.map.remove();
        early?.container.remove();
        return;
      }
      stop = takeMap(early);
    });
    return () => {
      cancelled = true;
      stop();
    };
  }, []);

  /** Put the map (the one made early, else a new one) in its slot; returns what removes it. */
  const takeMap = (early: EarlyMap | null): (() => void) => {
    const box = early?.container ?? document.createElement('div');
    slotRef.current!.append(box);
    setContainer(box);
    const m = early?.map ?? createCommuneMap(box);
    wentIdle.current = early?.wentIdle ?? (() => false);
    // The canvas keeps no frame (create-commune-map.ts): paper gets a copy of the frames drawn in the print layout.
    const stopPrintCopy = keepPrintCopy(m);
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    m.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    publishAtlas({ map: m, ready: false, villageCount: 0, states: {}, renderedKey: '' });
    setMap(m);
    latest.current.onMap?.(m);
    // Paper has another size: fit again before printing and after (or go back to the view of the URL).
    const refit = () => quietly(() => {
      m.resize();
      // On paper the whole commune, whatever the screen showed.
      if (printLayout() && latest.current.data) fitToCommune(m, latest.current.data.commune, []);
      else showView(m, latest.current);
    });
    const beforePrint = () => {
      // The planner's ranking prints on its own sheet, without the map.
      if (printingRanking()) return;
      if (!printLayout()) enterPrintLayout('portrait');
      refit();
      // Printing starts when this returns: draw the paper's view now, so the print copy holds it.
      m.redraw();
    };
    const afterPrint = () => {
      exitPrintLayout();
      publishAtlas({ map: m, printLayout: null });
      refit();
    };
    // Only the person's own moves are written to the URL: not fitting, not a new size. A wheel zoom
    // carries no input event, so a move counts as the person's unless this code or a resize made it.
    let byPerson = false;
    const onMoveStart = () => {
      byPerson = quiet.current === 0;
    };
    const onResized = () => {
      byPerson = false;
    };
    const onMoveEnd = () => {
      if (!byPerson || quiet.current > 0) return;
      byPerson = false;
      const c = m.getCenter();
      const camera: Camera = { center: [c.lng, c.lat], zoom: m.getZoom() };
      ownCamera.current = camera;
      latest.current.onCamera(camera);
    };
    m.on('movestart', onMoveStart);
    m.on('resize', onResized);
    m.on('moveend', onMoveEnd);
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', afterPrint);
    return () => {
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
      latest.current.onMap?.(null);
      setMap(null);
      stopPrintCopy();
      m.remove();
      box.remove();
      setContainer(null);
    };
  };

  // Sources and layers, once per data set; hover and click go through the latest props.
  useEffect(() => {
    if (!map || !data) return;
    let cancelled = false;
    const popup = tooltipPopup();
    let hoverId: string | null = null;
    const onMove = (e: MapMouseEvent & { features?: Array<{ id?: string | number }> }) => {
      const id = e.features?.[0]?.id;
      const v = id === undefined ? undefined : data.villages.find((x) => x.id === String(id));
      const { model: mdl, groups: grp, onHover } = latest.current;
      if (!v || !mdl) return;
      map.getCanvas().style.cursor = 'pointer';
      if (hoverId !== v.id) onHover((hoverId = v.id));
      // While a profile is open it says all the tooltip would, and the tooltip would cover the selected cell.
      if (latest.current.selected) popup.remove();
      else showTooltip(map, popup, e.lngLat, villageTooltip(v, mdl, grp));
    };
    const onLeave = () => {
      map.getCanvas().style.cursor = '';
      hoverId = null;
      latest.current.onHover(null);
      popup.remove();
    };
    const onClick = (e: MapMouseEvent & { features?: Array<{ id?: string | number }> }) => {
      const id = e.features?.[0]?.id;
      if (id === undefined) return;
      popup.remove();
      latest.current.onSelect(String(id));
    };
    // A new size fits the commune again, unless the URL holds a view (MapLibre keeps its centre).
    const onResize = () => {
      if (!latest.current.camera) quietly(() => fitToCommune(map, data.commune, panels()));
    };
    // The first paint's layers come coloured: their first frame is the first choropleth. Its 'idle' brings the rest.
    const onFirstIdle = () => {
      if (cancelled) return;
      publishAtlas({ map, firstPaint: true });
      // The map now shows what the first picture showed, at the same camera.
      removeFirstPicture();
      latest.current.onFirstPaint?.();
      addRemainingLayers(map, { data });
      applyVisibility(map, latest.current.level, latest.current.hidden);
      setComplete(true);
    };
    const install = () => {
      if (cancelled) return;
      addFirstPaintLayers(map, { data });
      applyVisibility(map, latest.current.level, latest.current.hidden);
      const { model: first } = latest.current;
      applied.current = first && { model: first, states: applyModel(map, first) };
      if (applied.current) publishAtlas({ map, states: applied.current.states });
      quietly(() => showView(map, latest.current));
      const c = map.getCenter();
      followMapCamera({ center: [c.lng, c.lat], zoom: map.getZoom() });
      map.on('mousemove', VILLAGE_HIT_LAYER, onMove);
      map.on('mouseleave', VILLAGE_HIT_LAYER, onLeave);
      map.on('click', VILLAGE_HIT_LAYER, onClick);
      map.on('resize', onResize);
      setInstalled(true);
      // The map made early may have drawn its first paint already (then nothing above changed it: no frame is coming).
      if (wentIdle.current() && map.loaded()) onFirstIdle();
      else map.once('idle', onFirstIdle);
    };
    const stopWaiting = whenStyleLoaded(map, install);
    return () => {
      cancelled = true;
      setInstalled(false);
      setComplete(false);
      applied.current = null;
      stopWaiting();
      map.off('idle', onFirstIdle);
      map.off('mousemove', VILLAGE_HIT_LAYER, onMove);
      map.off('mouseleave', VILLAGE_HIT_LAYER, onLeave);
      map.off('click', VILLAGE_HIT_LAYER, onClick);
      map.off('resize', onResize);
      popup.remove();
      if (map.style) {
        for (const layer of map.getStyle().layers) if (layer.id !== 'background') map.removeLayer(layer.id);
        for (const id of Object.keys(map.getStyle().sources)) map.removeSource(id);
      }
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, data]);

  // The map's credit: a control in the page's language (not redone when the indicator changes).
  useEffect(() => {
    if (!map || !data || !complete) return;
    const attr = mapAttributions(data.commune, data.sources);
    // On a phone the credit sits behind MapLibre's ⓘ button, closed until asked for (made again when the window
    // crosses the phone width, as a page opened at that width has it).
    const attribution = new AttributionControl({ compact: phone, customAttribution: [attr.commune, attr.villages] });
    map.addControl(attribution, 'bottom-right');
    if (phone) map.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
    applyMapLocale(map);
    return () => {
      map.removeControl(attribution);
    };
  }, [map, data, complete, lang, phone]);

  // What the labels say. Bản labels showing names only do not change with the indicator, so an indicator
  // switch rewrites the three former-commune labels and keeps the bản and neighbour labels.
  const villageValues = useMemo(() => (labelMode === 'name' || !model ? null : villageLabelValues(model)), [labelMode, model, lang]);
  const fcFigures = useMemo(() => (model && data ? figures(model, groups, data) : null), [model, groups, data, lang]);
  const neighbourLabels = useRef<Marker[]>([]);
  const fcLabels = useRef<Marker[]>([]);
  const labelSizes = useRef<LabelSizeWatch | null>(null);

  // The labels (DOM markers), made once per data set when the first choropleth is there; what they say changes
  // in place (the effects below). The former-commune labels are placed clear of the bản labels, and every label
  // hidden where a panel or the map's edge covers it, after layout whenever a label or a panel changed size
  // (label-sizes.ts: nothing is measured inside a switch's handler), again when the map has moved (moveend) or
  // resized; during a move the labels are only hidden where covered.
  useEffect(() => {
    if (!map || !data || !complete || !model) return;
    const formerCommunes = data.commune.formerCommunes;
    const vLabels = addVillageLabels(map, data.villages, labelMode, villageValues ?? undefined);
    const nLabels = addNeighbourLabels(map, data.neighbours);
    const fLabels = addFormerCommuneLabels(map, formerCommunes, fcFigures ?? new Map());
    villageLabels.current = vLabels;
    neighbourLabels.current = nLabels;
    fcLabels.current = fLabels;
    const all = [...nLabels, ...vLabels, ...fLabels];
    // Labels are kept apart where the screen is small (phones); larger screens show every label.
    const onMove = () => {
      hideCoveredLabels(map, all, panels(), window.matchMedia(PHONE_SCREEN).matches);
      hideVillageLabelsUnderFormerCommuneLabels(vLabels, fLabels);
    };
    const placer = formerCommuneLabelPlacer(map, formerCommunes, fLabels, vLabels);
    const place = () => {
      placer.place();
      onMove();
    };
    const sizes = watchLabelSizes(place);
    sizes.watch([...all.map((m) => m.getElement()), ...panels()]);
    labelSizes.current = sizes;
    map.on('move', onMove);
    // Once the view settles after a zoom or a pan (not at every frame of it), the former-commune labels move to where
    // they cover no bản label at the new view, rather than hiding the bản labels they now cover.
    map.on('moveend', place);
    map.on('resize', place);
    return () => {
      map.off('move', onMove);
      map.off('moveend', place);
      map.off('resize', place);
      sizes.stop();
      labelSizes.current = null;
      all.forEach((m) => m.remove());
      villageLabels.current = neighbourLabels.current = fcLabels.current = [];
    };
    // `model` only gates the first labels (they wait for the choropleth); what they say follows below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, data, complete, !model]);

  // A panel made again (the legend card of another tab) is watched too, so labels give way to it.
  useEffect(() => {
    labelSizes.current?.watch(panels());
  });

  // The figure of each former commune, for the indicator shown and in the page's language.
  useEffect(() => {
    if (data && fcFigures) updateFormerCommuneLabels(fcLabels.current, data.commune.formerCommunes, fcFigures);
  }, [data, fcFigures]);

  // The bản labels' name and value (the value changes with the indicator only when the labels show it).
  useEffect(() => {
    if (data) updateVillageLabels(villageLabels.current, data.villages, labelMode, villageValues ?? undefined);
  }, [data, labelMode, villageValues, lang]);

  useEffect(() => {
    updateNeighbourLabels(neighbourLabels.current);
  }, [lang]);

  // Places: DOM markers (their popups in the current language), hidden under the floating panels.
  useEffect(() => {
    if (!map || !data || !complete) return;
    const { markers, popup } = addPlaceMarkers(map, data.places, data.villages);
    const onMove = () => {
      hideCoveredLabels(map, markers, panels());
      if (window.matchMedia(PHONE_SCREEN).matches) giveWayToVillageLabels(map, markers);
    };
    onMove();
    map.on('move', onMove);
    map.on('resize', onMove);
    return () => {
      map.off('move', onMove);
      map.off('resize', onMove);
      popup.remove();
      markers.forEach((m) => m.remove());
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, data, complete, lang]);

  // The choropleth: one setFeatureState per feature (unless the layers came with this model); ready once the whole
  // map has drawn it.
  useEffect(() => {
    if (!map || !data || !complete || !model) return;
    const states = applied.current?.model === model ? applied.current.states : applyModel(map, model);
    applied.current = { model, states };
    let cancelled = false;
    publishAtlas({ map, states });
    map.once('idle', () => {
      if (cancelled) return;
      const ids = new Set(map.querySourceFeatures(VILLAGE_SOURCE).map((f) => String(f.id)));
      publishAtlas({ map, ready: true, villageCount: ids.size, states, renderedKey: model.key });
    });
    map.triggerRepaint();
    return () => {
      cancelled = true;
    };
  }, [map, data, complete, model]);

  // A view the URL gets after the page opened (a hash typed or pasted, Back and Forward, a link opened in this tab) moves
  // the map there, or fits the commune when the hash has none: on every tab, the Country tab's included (one map draws
  // both). The person's own moves come back as the object they wrote and move nothing.
  const camera = props.camera;
  useEffect(() => {
    if (!map || !installed || camera === shownCamera.current) return;
    shownCamera.current = camera;
    if (camera !== null && camera === ownCamera.current) return;
    quietly(() => showView(map, latest.current));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, installed, camera]);

  useEffect(() => {
    if (map) applyMapLocale(map);
  }, [map, lang]);

  useEffect(() => {
    if (map && installed) applyVisibility(map, level, hidden);
  }, [map, installed, complete, level, hidden, data]);

  useEffect(() => {
    if (!map || !installed || !hovered) return;
    setState(map, VILLAGE_SOURCE, hovered, { hover: true });
    villageLabels.current.find((m) => m.getElement().dataset.villageId === hovered)?.getElement().classList.add('is-hover');
    return () => {
      setState(map, VILLAGE_SOURCE, hovered, { hover: false });
      villageLabels.current.forEach((m) => m.getElement().classList.remove('is-hover'));
    };
  }, [map, installed, hovered, lang, data]);

  useEffect(() => {
    if (!map || !installed || !selected || !data?.villages.some((v) => v.id === selected)) return;
    setState(map, VILLAGE_SOURCE, selected, { selected: true });
    return () => {
      setState(map, VILLAGE_SOURCE, selected, { selected: false });
    };
  }, [map, installed, selected, data]);

  useEffect(() => {
    if (!map || !installed || marked.size === 0) return;
    for (const id of marked) setState(map, VILLAGE_SOURCE, id, { marked: true });
    return () => {
      for (const id of marked) setState(map, VILLAGE_SOURCE, id, { marked: false });
    };
  }, [map, installed, marked, data]);

  const draftId = props.centreDraft?.villageId ?? null;
  useEffect(() => {
    const draft = latest.current.centreDraft;
    if (!map || !installed || !draft || !data) return;
    const el = document.createElement('div');
    el.className = 'centre-pin';
    el.dataset.villageId = draft.villageId;
    const pin = new Marker({ element: el, draggable: true, anchor: 'bottom-left' }).setLngLat(draft.lngLat).addTo(map);
    // The cells the new centre would give, dashed over the current ones until saved or cancelled.
    const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
    map.addSource(PREVIEW_SOURCE, { type: 'geojson', data: empty, promoteId: 'id' });
    for (const layer of previewLayers(draft.villageId)) map.addLayer(layer);
    publishAtlas({ map, centrePreview: { villageId: draft.villageId, workerReady: false, centre: null, cells: empty } });
    // The server partitions the full official outline, and so does the preview: the map's outline is the compact one.
    let preview: PartitionPreview | null = null;
    let closed = false;
    fetchCommune().then((commune) => {
      if (closed) return;
      preview = new PartitionPreview({ ...data, commune }, draft.villageId, ({ centre, cells }) => {
        const fc = previewFeatures(data, cells);
        (map.getSource(PREVIEW_SOURCE) as GeoJSONSource | undefined)?.setData(fc);
        publishAtlas({ map, centrePreview: { ...window.__atlas!.centrePreview!, centre, cells: fc } });
      }, () => publishAtlas({ map, centrePreview: { ...window.__atlas!.centrePreview!, workerReady: true } }));
    }, (e: unknown) => console.error(e));
    const lngLat = (): [number, number] => {
      const { lng, lat } = pin.getLngLat();
      return [lng, lat];
    };
    pin.on('drag', () => preview?.request(lngLat()));
    pin.on('dragend', () => {
      preview?.request(lngLat());
      latest.current.onCentreDrag?.(lngLat());
    });
    const onTap = (e: MapMouseEvent) => {
      if (!latest.current.centreTap) return;
      pin.setLngLat(e.lngLat);
      preview?.request(lngLat());
      latest.current.onCentreDrag?.(lngLat());
    };
    map.on('click', onTap);
    return () => {
      closed = true;
      preview?.close();
      map.off('click', onTap);
      pin.remove();
      if (map.style) {
        for (const layer of previewLayers(draft.villageId)) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
        if (map.getSource(PREVIEW_SOURCE)) map.removeSource(PREVIEW_SOURCE);
      }
      publishAtlas({ map, centrePreview: null });
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, installed, draftId]);

  const hiddenLabels = ['villageLabels', 'formerCommuneLabels', 'neighbours', 'places'].filter((g) => hidden.includes(g)).map((g) => `hide-${g}`).join(' ');
  // What React would write on the container: its classes (the label groups hidden), role, name and language.
  useLayoutEffect(() => {
    if (!container) return;
    for (const c of [...container.classList]) if (c.startsWith('hide-')) container.classList.remove(c);
    container.classList.add('map', ...hiddenLabels.split(' ').filter(Boolean));
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', t().mapAriaLabel);
    container.dataset.lang = currentLang();
  });
  return <div ref={slotRef} className="map-slot" />;
}
