// The portal: a full-screen map, a side panel with the pages (scorecard, layers, targets, planner,
// console) or a bản's profile, and a legend card. Everything shown is in the URL hash.
import { Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { loadAtlasData, loadBootValues, type AtlasData } from './api/atlas-data.ts';
import { fetchCoverages } from './api/coverage.ts';
import { placeVillageCentre } from './api/edits.ts';
import { fetchVillages } from './api/villages.ts';
import type { CentreDraft } from './panels/EditPanel.tsx';
import { currentLang, indicatorName, setLanguage, t } from './i18n/i18n.ts';
import { MapView } from './map/MapView.tsx';
import { LAYER_GROUPS } from './map/layers/index.ts';
import { buildChoropleth } from './model/choropleth.ts';
import { ObservationIndex } from './model/observation-index.ts';
import { AdminCentreNote } from './panels/AdminCentreNote.tsx';
import {
  CompareMaps, ComparePanel, ConsolePane, ConsolePanel, FieldMode, LayerList, NationalPanel, Planner, PriorityWeights, preloadNationalPanel, ReviewQueue, TargetsPanel, VillageProfile,
} from './lazy-panels.ts';
import { useNationalLayers } from './national/use-national-layers.ts';
import { naturalLevel } from './compare/compare-level.ts';
import { OfflineBanner } from './offline/OfflineBanner.tsx';
import { dataIsLive, loadLive, offlineCopyTime, onPortalReached } from './api/data-freshness.ts';
import { fetchMe } from './api/session.ts';
import { registerServiceWorker } from './offline/register-service-worker.ts';
import { rememberedFieldUser, rememberFieldUser } from './field/field-user.ts';
import { AreaNote } from './panels/AreaNote.tsx';
import { Attribution } from './panels/Attribution.tsx';
import { Legend } from './panels/Legend.tsx';
import { SchematicNote } from './panels/SchematicNote.tsx';
import { PlacesNote } from './panels/PlacesNote.tsx';
import { Scorecard } from './panels/Scorecard.tsx';
import { buildScorecard } from './model/scorecard.ts';
import { Tabs } from './panels/Tabs.tsx';
import { SignIn } from './panels/SignIn.tsx';
import { LanguageSwitch } from './panels/LanguageSwitch.tsx';
import { SearchBox } from './panels/SearchBox.tsx';
import { TableTwin } from './panels/TableTwin.tsx';
import { Overview } from './overview/Overview.tsx';
import { LegendCard } from './panels/LegendCard.tsx';
import { SheetHandle, type SheetSize } from './panels/SheetHandle.tsx';
import type { PlannerRanking } from './panels/PriorityWeights.tsx';
import { priorityModel } from './planner/priority-model.ts';
import type { WhatIfResult } from './planner/what-if.ts';
import { WhatIfNote } from './panels/WhatIfNote.tsx';
import { PrintHeader, PrintTools } from './panels/PrintTools.tsx';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Me } from './api/types.ts';
import { useUiState } from './state/use-ui-state.ts';
import { DEFAULT_STATE, EDITOR_VIEWS, PUBLIC_VIEWS, type View } from './state/ui-state.ts';

/** "Mường Bang" → "Xã Mường Bang" (names may or may not carry the word "Xã"). */
function communeTitle(name: string): string {
  const prefix = t().communePrefix;
  return name.toLowerCase().startsWith(`${prefix.toLowerCase()} `) ? name : `${prefix} ${name}`;
}

const EMPTY: ReadonlySet<string> = new Set();

/** Root component. */
export function App() {
  const [ui, update] = useUiState();
  if (currentLang() !== ui.lang) setLanguage(ui.lang);
  const s = t();
  const [data, setData] = useState<AtlasData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [marks, setMarks] = useState<Set<string>>(() => new Set());
  const [whatIfIndicator, setWhatIfIndicator] = useState('carRoadAccess');
  const [map, setMap] = useState<MapLibreMap | null>(null);
  // The legend card's body while the Country tab shows: its panel draws its own legend there.
  const [nationalLegendSlot, setNationalLegendSlot] = useState<HTMLDivElement | null>(null);
  const [revision, setRevision] = useState(0);
  const [centreDraft, setCentreDraft] = useState<CentreDraft | null>(null);
  // The panel's height when it is a bottom sheet (phones): the map keeps most of the screen at first.
  const [sheet, setSheet] = useState<SheetSize>('peek');
  // While the planner is open the map shows its priority ranking.
  const [priority, setPriority] = useState<PlannerRanking | null>(null);
  // …and the what-if of the marked bản, in its legend.
  const [whatIfResult, setWhatIfResult] = useState<WhatIfResult | null>(null);
  const panelRef = useRef<HTMLElement>(null);
  const legendRef = useRef<HTMLElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    loadAtlasData(abort.signal).then((boot) => {
      setData(boot.data);
      setMe(boot.me);
      // The offline copy is the public one (nobody signed in): it must not make the device forget its editor.
      if (!offlineCopyTime()) rememberFieldUser(boot.me);
    }, (e: unknown) => {
      if (abort.signal.aborted) return;
      console.error(e);
      setError(e instanceof Error ? e.message : String(e));
    });
    return () => abort.abort();
  }, []);

  // Back from offline: once the network or the portal answers again, the boot data and who is signed in are
  // loaded again from the portal, and the page leaves its read-only offline copy (no reload needed).
  useEffect(() => {
    let loading = false;
    const goLive = () => {
      if (loading || !offlineCopyTime()) return;
      loading = true;
      loadLive(() => Promise.all([loadAtlasData(), fetchMe()])).then((live) => {
        if (!live) return;
        const [boot, signedIn] = live;
        dataIsLive();
        setData(boot.data);
        setMe(signedIn);
        rememberFieldUser(signedIn);
        setRevision((r) => r + 1);
      }, (e: unknown) => console.warn('still offline', e)).finally(() => { loading = false; });
    };
    window.addEventListener('online', goLive);
    const off = onPortalReached(goLive);
    return () => { off(); window.removeEventListener('online', goLive); };
  }, []);

  // Esc closes what is open: a bản's profile first, then a phone's sheet back to its peek.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (ui.selected) update({ selected: null });
      else setSheet('peek');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ui.selected, update]);

  // The Country tab's map starts with the map, not after the commune's data and the panel's chunk.
  // The bản the commune map draws itself: the Country tab draws every other detailed commune's from the tiles.
  const ownVillageIds = useMemo(() => data?.villages.map((v) => v.id) ?? null, [data?.villages]);
  useNationalLayers(map, ui.view === 'national', ui.national, ownVillageIds);
  useEffect(() => { if (ui.view === 'national') preloadNationalPanel(); }, [ui.view]);
  // On the Country tab Mường Bang is the national layer's red outline only: its own map (fills, bản and former-commune
  // lines and labels with the commune map's figures, its navy outline over the red one) would be read as national classes
  // the legend does not explain. Back when the tab is left.
  const mapHidden = useMemo(() => (ui.view === 'national' ? LAYER_GROUPS : ui.hidden), [ui.view, ui.hidden]);

  // When the first data arrives, React renders the map (and the legend, which the map's fit keeps clear of) at once;
  // the panels, search, tabs and table wait until the first choropleth is drawn: on a slow machine their render
  // (hundreds of ms) would otherwise share the main thread with the map's first frames and the worker's answers.
  // Should the map never draw (an error), they come when the error shows. Later data changes render everything at once.
  const [mapDrawn, setMapDrawn] = useState(false);
  const panelsShown = data !== null && (mapDrawn || error !== null);
  // Once the first choropleth is drawn, the service worker keeps the page for offline use: installed earlier, its
  // precache (fetching and storing every asset) took 540–700 ms of a core during the map's first frames (README).
  useEffect(() => { if (panelsShown) registerServiceWorker(); }, [panelsShown]);

  const index = useMemo(() => (data ? new ObservationIndex(data.observations) : null), [data]);
  const indicator = data?.indicators.find((i) => i.key === ui.indicator) ?? data?.indicators.find((i) => i.key === DEFAULT_STATE.indicator) ?? null;
  const isBoolean = indicator?.kind === 'boolean';
  const coverage = (isBoolean && data?.coverages.find((c) => c.indicator === indicator?.key)) || null;
  // The map needs geometry only: a new value must not re-add its sources.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const mapData = useMemo(() => data, [data?.villages, data?.commune, data?.neighbours, data?.sources]);
  const model = useMemo(
    () => (data && index && indicator ? buildChoropleth(data, index, { indicator, level: ui.level, method: ui.method, classes: ui.classes, palette: ui.palette }) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, index, indicator, ui.level, ui.method, ui.classes, ui.palette, ui.lang],
  );
  const priorityMap = useMemo(
    () => (ui.view === 'planner' && priority ? priorityModel(priority.ranking, priority.investment, priority.weights) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ui.view, priority, ui.lang],
  );
  // The compare view's second map: its indicator at the level where it informs best.
  const compareIndicator = data?.indicators.find((i) => i.key === ui.compare) ?? null;
  const compareModel = useMemo(
    () => (ui.view === 'compare' && data && index && compareIndicator
      ? buildChoropleth(data, index, { indicator: compareIndicator, level: naturalLevel(compareIndicator), method: ui.method, classes: ui.classes, palette: null })
      : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ui.view, data, index, compareIndicator, ui.method, ui.classes, ui.lang],
  );
  const coverageOfKey = (key: string) => data?.coverages.find((c) => c.indicator === key && data.indicators.find((i) => i.key === key)?.kind === 'boolean') ?? null;
  const shown = priorityMap ?? model;
  const groups = useMemo(() => coverage?.groups ?? [], [coverage]);
  const scorecard = useMemo(() => (data && index ? buildScorecard(data, index) : null), [data, index]);

  // Field mode: the editor signed in, or (offline, where the public copy names nobody) the one this device remembers.
  const editorMe = me && (me.role === 'editor' || me.role === 'admin') ? me : null;
  const fieldMe = editorMe ?? (data && offlineCopyTime() ? rememberedFieldUser() : null);
  // A tap on a bản while its centre is placed by hand moves the pin; it does not choose another bản.
  const select = (id: string) => { if (!(ui.view === 'field' && centreDraft)) update({ selected: id }); };
  const onSignIn = (next: Me | null) => { setMe(next); rememberFieldUser(next); };

  // Records waiting in the outbox are sent when the network returns, and retried on their own with a growing wait
  // (field/auto-retry.ts, in the field chunk).
  useEffect(() => {
    if (!fieldMe) return;
    let stopRetry: (() => void) | null = null;
    let gone = false;
    void import('./field/auto-retry.ts').then((m) => { if (!gone) stopRetry = m.startAutoRetry(() => void reload({ villages: true })); });
    return () => { gone = true; stopRetry?.(); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fieldMe?.username]);
  /** After an edit: values and targets again (and the bản, when they changed). */
  const reload = async ({ villages }: { villages: boolean }) => {
    if (!data) return;
    const [{ observations, targets }, coverages, vs] = await Promise.all([
      loadBootValues(), fetchCoverages(), villages ? fetchVillages() : Promise.resolve(data.villages),
    ]);
    setData({ ...data, observations, coverages, targets, villages: vs });
    setRevision((r) => r + 1);
  };
  const saveCentre = async (sourceNote: string, why: string) => {
    const v = data?.villages.find((x) => x.id === centreDraft?.villageId);
    if (!data || !v || !centreDraft) return;
    const villages = await placeVillageCentre({ villageId: v.id, lon: centreDraft.lngLat[0], lat: centreDraft.lngLat[1], sourceNote, why: why || null, expectedVersion: v.version });
    setCentreDraft(null);
    setData({ ...data, villages });
    setRevision((r) => r + 1);
  };
  let page: ReactNode = null;
  if (data && index && model && panelsShown) {
    const pages: Record<View, ReactNode> = {
      overview: (
        <Overview
          data={data} indicator={model.indicator.key}
          onIndicator={(key) => update({ indicator: key, level: data.indicators.find((i) => i.key === key)?.kind === 'boolean' ? 'village' : 'formerCommune' })}
        />
      ),
      compare: <ComparePanel data={data} ui={ui} onChange={update} />,
      scorecard: scorecard && (
        <Scorecard
          scorecard={scorecard} hovered={hovered} selected={ui.selected} indicator={model.indicator.key}
          onHover={setHovered} onSelect={select} onIndicator={(key) => update({ indicator: key, level: 'village' })}
        />
      ),
      layers: (
        <>
          <LayerList data={data} index={index} ui={ui} model={model} onChange={update} />
          <AreaNote commune={data.commune} />
          <AdminCentreNote commune={data.commune} />
          <Attribution commune={data.commune} sources={data.sources} />
        </>
      ),
      targets: (
        <TargetsPanel
          targets={data.targets} villages={data.villages} onSelect={select}
          onIndicator={(key) => {
            const ind = data.indicators.find((i) => i.key === key);
            update({ indicator: key, level: ind?.kind === 'boolean' ? 'village' : 'formerCommune', view: 'layers' });
          }}
        />
      ),
      planner: (
        <Planner
          data={data} index={index} marks={marks} onMarks={setMarks} whatIfIndicator={whatIfIndicator}
          onWhatIfIndicator={(key) => { setWhatIfIndicator(key); setMarks(new Set()); }}
          hovered={hovered} onHover={setHovered} onSelect={select} onRanking={setPriority} onWhatIf={setWhatIfResult}
        />
      ),
      console: <ConsolePanel indicators={[model.indicator.key]} />,
      national: <NationalPanel map={map} measure={ui.national} onMeasure={(national) => update({ national })} legendSlot={nationalLegendSlot} />,
      field: (
        <FieldMode
          data={data} index={index} me={fieldMe} remembered={!editorMe && fieldMe !== null} villageId={ui.selected}
          onVillage={(id) => { setCentreDraft(null); update({ selected: id }); }} centreDraft={centreDraft}
          onStartCentre={(v) => setCentreDraft({ villageId: v.id, lngLat: v.centroid })} onCancelCentre={() => setCentreDraft(null)}
          onSynced={() => void reload({ villages: true })}
        />
      ),
      review: <ReviewQueue me={editorMe} indicators={data.indicators} villages={data.villages} />,
    };
    // In field mode the chosen bản is the one recorded for (its profile stays closed).
    page = ui.view !== 'field' && ui.selected && data.villages.some((v) => v.id === ui.selected)
      ? (
        <VillageProfile
          data={data} index={index} villageId={ui.selected} me={me} onClose={() => { setCentreDraft(null); update({ selected: null }); }} revision={revision}
          onSaved={reload} centreDraft={centreDraft?.villageId === ui.selected ? centreDraft : null}
          onStartCentre={() => { const v = data.villages.find((x) => x.id === ui.selected); if (v) setCentreDraft({ villageId: v.id, lngLat: v.centroid }); }}
          onCancelCentre={() => setCentreDraft(null)} onSaveCentre={saveCentre}
        />
      )
      : pages[ui.view];
  }

  return (
    <div className="app" data-view={ui.view} data-sheet={sheet}>
      <a className="skip-link" href="#table-twin">{s.tableTwin.caption}</a>
      {data && model && panelsShown && <PrintHeader data={data} model={model} />}
      <aside className="panel" ref={panelRef}>
        <SheetHandle size={sheet} onSize={setSheet} sheet={panelRef} />
        <header>
          <h1>{data ? communeTitle(data.commune.name) : s.title}</h1>
          {data && <p className="subtitle">{s.subtitle(data.villages.length, data.commune.formerCommunes.length)}</p>}
          <div className="toolbar">
            <SignIn me={me} onChange={onSignIn} />
            <div className="tools">
              {data && model && panelsShown && <PrintTools map={map} data={data} model={model} />}
              <LanguageSwitch lang={ui.lang} onChange={(lang) => update({ lang })} />
            </div>
          </div>
        </header>
        <OfflineBanner />
        {error && <p className="error" role="alert">{s.loadError}: {error}</p>}
        {(!data || !panelsShown) && !error && <p className="loading">{s.loading}</p>}
        {data && panelsShown && (
          <>
            <SearchBox villages={data.villages} onSelect={select} />
            <Tabs view={ui.view} views={fieldMe ? [...PUBLIC_VIEWS, ...EDITOR_VIEWS] : PUBLIC_VIEWS} onChange={(view) => { setCentreDraft(null); if (view === 'field') setSheet('half'); update({ view, selected: null }); }} />
            <div className="page" role="tabpanel" id={`page-${ui.view}`} aria-labelledby={`tab-${ui.view}`}>
              {/* Keyed by the tab: leaving it unmounts its panel at once. Unkeyed, a tab whose chunk is still loading
                  kept the previous panel hidden and alive, and coming back showed its state (a Country-tab card). */}
              <Suspense key={ui.view} fallback={<p className="loading panel-loading">{s.loading}</p>}>{page}</Suspense>
            </div>
          </>
        )}
      </aside>
      <MapView
        data={mapData} centreDraft={centreDraft} centreTap={ui.view === 'field'} onCentreDrag={(lngLat) => setCentreDraft((d) => (d ? { ...d, lngLat } : d))} model={shown} groups={priorityMap ? [] : groups} level={ui.level} hidden={mapHidden} labelMode={ui.labels} camera={ui.camera} onCamera={(camera) => update({ camera })} hovered={hovered} selected={ui.selected}
        marked={ui.view === 'planner' ? marks : EMPTY} lang={ui.lang} onHover={setHovered} onSelect={select} overlays={[panelRef, legendRef]} onMap={setMap} onFirstPaint={() => setMapDrawn(true)}
      />
      {data && ui.view === 'console' && <Suspense fallback={null}><ConsolePane /></Suspense>}
      {data && model && compareModel && ui.view === 'compare' && (
        <Suspense fallback={null}>
          <CompareMaps
            data={data} lang={ui.lang}
            left={{ model, coverage: coverageOfKey(model.indicator.key) }}
            right={{ model: compareModel, coverage: coverageOfKey(compareModel.indicator.key) }}
          />
        </Suspense>
      )}
      {data && model && panelsShown && <TableTwin data={data} model={model} onSelect={select} onHover={setHovered} />}
      {data && model && ui.view === 'national' && (
        <LegendCard cardRef={legendRef} title={`${s.legend.cardLabel}: ${s.national.heading}`}>
          <div className="national-legend-slot" ref={setNationalLegendSlot} />
        </LegendCard>
      )}
      {data && model && ui.view !== 'national' && (
        <LegendCard cardRef={legendRef} title={`${s.legend.cardLabel}: ${indicatorName((shown ?? model).indicator)}`}>
          <Legend data={data} model={shown ?? model} coverage={priorityMap ? null : coverage} labelMode={ui.labels} />
          {priorityMap && priority && <Suspense fallback={null}><PriorityWeights investment={priority.investment} weights={priority.weights} /></Suspense>}
          {priorityMap && whatIfResult && marks.size > 0 && (
            <WhatIfNote result={whatIfResult} marked={marks.size} indicatorName={indicatorName(data.indicators.find((i) => i.key === whatIfResult.indicator) ?? model.indicator)} />
          )}
          {!ui.hidden.includes('places') && <PlacesNote places={data.places} villages={data.villages} />}
          <SchematicNote villages={data.villages} />
        </LegendCard>
      )}
    </div>
  );
}
