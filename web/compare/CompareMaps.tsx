// The compare view's map area: two linked maps side by side (stacked on a phone or an upright tablet),
// each coloured by its own indicator and moving with the other.
import { useCallback, useEffect, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AtlasData } from '../api/atlas-data.ts';
import type { Coverage } from '../api/types.ts';
import type { ChoroplethModel } from '../model/choropleth.ts';
import { linkCameras } from './camera-sync.ts';
import type { Side } from './compare-global.ts';
import { TwinMap } from './TwinMap.tsx';

interface Props {
  data: AtlasData;
  left: { model: ChoroplethModel; coverage: Coverage | null };
  right: { model: ChoroplethModel; coverage: Coverage | null };
  lang: string;
}

/** The two linked maps. */
export function CompareMaps({ data, left, right, lang }: Props) {
  const [maps, setMaps] = useState<Partial<Record<Side, MapLibreMap>>>({});
  const onReady = useCallback((side: Side, map: MapLibreMap | null) => {
    setMaps((m) => ({ ...m, [side]: map ?? undefined }));
  }, []);
  useEffect(() => {
    if (!maps.left || !maps.right) return;
    // The second map takes the first one's view, then each follows the other.
    maps.right.jumpTo({ center: maps.left.getCenter(), zoom: maps.left.getZoom() });
    return linkCameras(maps.left, maps.right);
  }, [maps.left, maps.right]);
  return (
    <div className="compare-pane">
      <TwinMap side="left" data={data} model={left.model} coverage={left.coverage} lang={lang} onReady={onReady} />
      <TwinMap side="right" data={data} model={right.model} coverage={right.coverage} lang={lang} onReady={onReady} />
    </div>
  );
}
