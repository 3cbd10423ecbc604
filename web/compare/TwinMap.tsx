// One of the compare view's two maps: the same sources, layers and feature-state styling as the single
// map (web/map/layers), coloured from a choropleth model, with its own legend and hover tooltip.
import { useEffect, useRef, useState } from 'react';
import { AttributionControl, Map as MapLibreMap, NavigationControl, type MapMouseEvent } from 'maplibre-gl';
import '../map/worker.ts';
import type { AtlasData } from '../api/atlas-data.ts';
import type { Coverage } from '../api/types.ts';
import { indicatorName, t } from '../i18n/i18n.ts';
import { mapAttributions } from '../map/attribution.ts';
import { fitToCommune } from '../map/fit.ts';
import { fillState } from '../map/layers/fill-state.ts';
import { addLayers, applyVisibility } from '../map/layers/index.ts';
import { FORMER_COMMUNE_SOURCE, VILLAGE_SOURCE } from '../map/layers/source-ids.ts';
import { VILLAGE_HIT_LAYER } from '../map/layers/village-hit.layer.ts';
import { applyMapLocale } from '../map/map-locale.ts';
import { showTooltip, tooltipPopup, villageTooltip } from '../map/tooltip.ts';
import type { ChoroplethModel } from '../model/choropleth.ts';
import { publishTwin, type Side } from './compare-global.ts';
import { TwinLegend } from './TwinLegend.tsx';
import { createCommuneMap } from '../map/create-commune-map.ts';

interface Props {
  side: Side;
  data: AtlasData;
  model: ChoroplethModel;
  coverage: Coverage | null;
  lang: string;
  /** Called with the map once its layers are in (and null when it goes), for the camera link. */
  onReady: (side: Side, map: MapLibreMap | null) => void;
}

/** A compare map with its legend card. */
export function TwinMap({ side, data, model, coverage, lang, onReady }: Props) {
  const s = t();
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const latest = useRef({ model, coverage });
  latest.current = { model, coverage };

  useEffect(() => {
    // Printed as a WebGL canvas prints: its kept frame (the commune map prints a copy instead, print-copy.ts).
    const m = createCommuneMap(containerRef.current!, { canvasContextAttributes: { preserveDrawingBuffer: true } });
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    const attr = mapAttributions(data.commune, data.sources);
    m.addControl(new AttributionControl({ compact: true, customAttribution: [attr.commune, attr.villages] }), 'bottom-right');
    // The credit stays behind its ⓘ button until asked for: MapLibre opens it at first, over half a map.
    const closeCredit = () => m.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
    const popup = tooltipPopup();
    const onMove = (e: MapMouseEvent & { features?: Array<{ id?: string | number }> }) => {
      const id = e.features?.[0]?.id;
      const v = id === undefined ? undefined : data.villages.find((x) => x.id === String(id));
      if (!v) return;
      const { model: mdl, coverage: cov } = latest.current;
      showTooltip(m, popup, e.lngLat, villageTooltip(v, mdl, cov?.groups ?? []));
    };
    m.once('load', () => {
      addLayers(m, { data });
      closeCredit();
      // Both maps are the same size: each fits the whole commune, then they move together.
      fitToCommune(m, data.commune, []);
      m.on('mousemove', VILLAGE_HIT_LAYER, onMove);
      m.on('mouseleave', VILLAGE_HIT_LAYER, () => popup.remove());
      setMap(m);
      onReady(side, m);
    });
    return () => {
      onReady(side, null);
      publishTwin(side, null);
      popup.remove();
      m.remove();
    };
    // The map is made once per data set; the model restyles it below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);

  useEffect(() => {
    if (map) applyMapLocale(map);
  }, [map, lang]);

  // The choropleth: one setFeatureState per feature, as on the single map.
  useEffect(() => {
    if (!map) return;
    applyVisibility(map, model.level, []);
    const source = model.level === 'village' ? VILLAGE_SOURCE : FORMER_COMMUNE_SOURCE;
    const states: Record<string, number> = {};
    for (const f of model.features) {
      states[f.state] = (states[f.state] ?? 0) + 1;
      map.setFeatureState({ source, id: f.id }, fillState(f));
    }
    let cancelled = false;
    publishTwin(side, { map, renderedKey: '', states });
    map.once('idle', () => {
      if (!cancelled) publishTwin(side, { map, renderedKey: model.key, states });
    });
    map.triggerRepaint();
    return () => {
      cancelled = true;
    };
  }, [map, model, side]);

  return (
    <div className="twin" data-side={side}>
      <div ref={containerRef} className="twin-map" role="region" aria-label={s.compare.mapLabel(side === 'left' ? s.compare.left : s.compare.right, indicatorName(model.indicator))} />
      <TwinLegend side={side} model={model} coverage={coverage} />
    </div>
  );
}
