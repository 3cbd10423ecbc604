// What the national tile layers carry, from the seeds: every commune with its code, name, type, province, figures and
// quantile classes and the class of its measured-vs-official area difference (the data-quality layer); every province with its code and name. A tile below NATIONAL_NAMES_FROM_ZOOM carries only a
// commune's code and classes (a commune is a few pixels there; a click asks the API for the rest).
import type { Feature, MultiPolygon } from 'geojson';
import { areaAgreement } from '../../geo/national/area-agreement.ts';
import { NATIONAL_NAMES_FROM_ZOOM } from '../../geo/national/national-tile-zooms.ts';
import { classOf } from '../../geo/national/quantile-classes.ts';
import type { NationalSeeds } from '../../geo/national/read-national-seeds.ts';
import { measureOf, NATIONAL_MEASURES, nationalClassLimits } from '../national/national-index.ts';

/** The national tile layers, in the order they are cut. */
export const NATIONAL_TILE_LAYERS = ['communes', 'provinces'] as const;
export type NationalTileLayerName = (typeof NATIONAL_TILE_LAYERS)[number];

type Properties = Record<string, unknown>;

/** Every unit with an outline as a GeoJSON feature with all its tile properties (`id` is its code, for promoteId). */
export function nationalTileFeatures(seeds: Pick<NationalSeeds, 'communes' | 'provinces'>): Record<NationalTileLayerName, Array<Feature<MultiPolygon, Properties>>> {
  const limits = nationalClassLimits(seeds.communes);
  const communes = seeds.communes.filter((c) => c.geometry).map((c) => {
    const properties: Properties = { id: c.code, code: c.code, name: c.name, type: c.type, provinceCode: c.provinceCode };
    for (const m of NATIONAL_MEASURES) {
      const v = measureOf(c, m);
      properties[m] = v;
      if (v !== null) properties[`${m}Class`] = classOf(v, limits[m]);
    }
    // The class, flag included, is decided by areaAgreement alone (as nationalQuality counts it); the tile reads it.
    if (c.measuredAreaKm2 !== null) properties.areaDifferenceClass = areaAgreement(c.areaKm2, c.measuredAreaKm2).differenceClass;
    return { type: 'Feature' as const, geometry: c.geometry!, properties };
  });
  const provinces = seeds.provinces.map((p) => ({ type: 'Feature' as const, geometry: p.geometry, properties: { id: p.code, code: p.code, name: p.name } as Properties }));
  return { communes, provinces };
}

const keptBelowNames = (key: string) => key === 'id' || key === 'code' || key.endsWith('Class');

/** The properties a feature of this layer carries in a tile of zoom z. */
export function propertiesAtZoom(layer: NationalTileLayerName, properties: Properties, z: number): Properties {
  if (layer !== 'communes' || z >= NATIONAL_NAMES_FROM_ZOOM) return properties;
  return Object.fromEntries(Object.entries(properties).filter(([k]) => keptBelowNames(k)));
}
