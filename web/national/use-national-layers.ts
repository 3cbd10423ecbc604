// The Country tab's layers on the map, from the moment the tab is shown: they need only the map and its base style,
// not the commune's data nor the panel's chunk, so the national tiles are asked for as soon as the style is loaded
// (when they waited for the panel, they came after the commune map's first 'idle', or never when that panel
// mounted between the style's 'load' and the commune layers' tiles). Kept present while shown: the commune map
// takes every layer off when its data is loaded again, and puts its own back.
import { useEffect, useRef } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { NationalMeasure } from './national-measures.ts';
import { styleLoaded } from '../map/when-style-loaded.ts';

// Its own small chunk: the first load of the other tabs does not carry it.
const layersChunk = () => import('./national-layers.ts');

/**
 * Show the national layers on `map` coloured by `measure` while `shown`; take them off when it turns false. Bản of
 * the villages tiles other than `ownVillageIds` (the commune map's, null until its data is in) are other detailed communes'.
 */
export function useNationalLayers(map: MapLibreMap | null, shown: boolean, measure: NationalMeasure, ownVillageIds: readonly string[] | null): void {
  // Layers added after a change of measure (or of the commune map's bản) take the one chosen then.
  const latestMeasure = useRef(measure);
  latestMeasure.current = measure;
  const latestOwnVillages = useRef(ownVillageIds);
  latestOwnVillages.current = ownVillageIds;

  useEffect(() => {
    if (!map || !shown) return;
    let gone = false;
    let off = () => {};
    void layersChunk().then((layers) => {
      if (gone) return;
      // 'styledata' follows the style's load and each change of its layers: the layers are added once the base
      // style is loaded, and again if something took them off; the neighbours' fill is kept transparent.
      const ensure = () => { if (styleLoaded(map)) layers.ensureNationalLayers(map, latestMeasure.current, latestOwnVillages.current); };
      map.on('styledata', ensure);
      ensure();
      off = () => { map.off('styledata', ensure); layers.removeNationalLayers(map); };
    }, (e: unknown) => console.warn('national layers not loaded', e));
    return () => { gone = true; off(); };
  }, [map, shown]);

  useEffect(() => {
    if (!map || !shown) return;
    let gone = false;
    void layersChunk().then((layers) => { if (!gone) layers.setNationalMeasure(map, measure); }, () => { /* warned above */ });
    return () => { gone = true; };
  }, [map, shown, measure]);

  useEffect(() => {
    if (!map || !shown) return;
    let gone = false;
    void layersChunk().then((layers) => { if (!gone) layers.setOwnVillages(map, ownVillageIds); }, () => { /* warned above */ });
    return () => { gone = true; };
  }, [map, shown, ownVillageIds]);
}
