// The map: created once, then the data layers are added when the data arrives and the bản
// are coloured through feature-state. Publishes window.__atlas for the page test.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { AttributionControl, Map as MapLibreMap, NavigationControl, ScaleControl, type Marker } from 'maplibre-gl';
import './worker.ts';
import type { AtlasData } from '../api/atlas-data.ts';
import { vi } from '../i18n/vi.ts';
import { publishAtlas } from './atlas-global.ts';
import { mapAttributions } from './attribution.ts';
import { baseStyle } from './base-style.ts';
import { addCommuneLayer } from './commune-layer.ts';
import { fitToCommune } from './fit.ts';
import { addFormerCommuneLayer } from './former-commune-layer.ts';
import { addFormerCommuneLabels, addNeighbourLabels, addVillageLabels, hideCoveredLabels, placeFormerCommuneLabels } from './labels.ts';
import { addNeighbourLayer } from './neighbour-layer.ts';
import { installVillageTooltip } from './tooltip.ts';
import { addVillageLayer, setVillageStates, villageSourceFeatureCount } from './village-layer.ts';

interface Props {
  data: AtlasData | null;
  panelRef: RefObject<HTMLElement | null>;
}

/** Full-screen MapLibre map of the commune. */
export function MapView({ data, panelRef }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);

  useEffect(() => {
    const m = new MapLibreMap({
      container: containerRef.current!,
      style: baseStyle(),
      center: [104.9, 21.3],
      zoom: 9,
      attributionControl: false,
      maplibreLogo: false,
      dragRotate: false,
      pitchWithRotate: false,
      renderWorldCopies: false,
      // Keeps the canvas readable for screenshots taken by the page test.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    m.touchZoomRotate.disableRotation();
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    m.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    publishAtlas({ map: m, ready: false, villageCount: 0, states: {} });
    setMap(m);
    return () => {
      setMap(null);
      m.remove();
    };
  }, []);

  useEffect(() => {
    if (!map || !data) return;
    let cancelled = false;
    const markers: Marker[] = [];
    let uninstallTooltip = () => {};
    let attribution: AttributionControl | null = null;
    let fcMarkers: Marker[] = [];
    let villageLabels: Marker[] = [];
    let neighbourLabels: Marker[] = [];
    const onMove = () => hideCoveredLabels(map, neighbourLabels, panelRef.current);
    const onResize = () => {
      fitToCommune(map, data.commune, panelRef.current);
      placeFormerCommuneLabels(map, data.commune.formerCommunes, fcMarkers, villageLabels);
    };

    const install = () => {
      if (cancelled) return;
      const attr = mapAttributions(data.commune, data.sources);
      addNeighbourLayer(map, data.neighbours);
      addVillageLayer(map, data.villages, attr.villages);
      addFormerCommuneLayer(map, data.commune.formerCommunes);
      addCommuneLayer(map, data.commune, attr.commune);
      // customAttribution renders at once (source attributions only appear after the first render),
      // so the fit below can leave room for it.
      attribution = new AttributionControl({ compact: false, customAttribution: [attr.commune, attr.villages] });
      map.addControl(attribution, 'bottom-right');
      const states = setVillageStates(map, data.villages);
      fitToCommune(map, data.commune, panelRef.current);
      villageLabels = addVillageLabels(map, data.villages);
      fcMarkers = addFormerCommuneLabels(map, data.commune.formerCommunes, data.coverage.groups, villageLabels);
      neighbourLabels = addNeighbourLabels(map, data.neighbours);
      markers.push(...neighbourLabels, ...villageLabels, ...fcMarkers);
      onMove();
      map.on('move', onMove);
      uninstallTooltip = installVillageTooltip(map, data.villages, data.coverage.groups);
      map.on('resize', onResize);
      map.once('idle', () => {
        if (cancelled) return;
        publishAtlas({ map, ready: true, villageCount: villageSourceFeatureCount(map), states: { ...states } });
      });
    };
    if (map.isStyleLoaded()) install();
    else map.once('load', install);

    return () => {
      cancelled = true;
      map.off('load', install);
      map.off('resize', onResize);
      map.off('move', onMove);
      uninstallTooltip();
      markers.forEach((mk) => mk.remove());
      if (attribution) map.removeControl(attribution);
      // Leave only the base style, so new data can be installed again.
      if (map.style) {
        for (const layer of map.getStyle().layers) if (layer.id !== 'background') map.removeLayer(layer.id);
        for (const id of Object.keys(map.getStyle().sources)) map.removeSource(id);
      }
    };
  }, [map, data, panelRef]);

  return <div ref={containerRef} className="map" role="region" aria-label={vi.mapAriaLabel} />;
}
