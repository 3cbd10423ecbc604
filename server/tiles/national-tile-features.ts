// What the national tile layers carry, from the seeds: every commune with its code, name, type, province, figures and
// quantile classes and the class of its measured-vs-official area difference (the data-quality layer); every province with its code and name. A tile below NATIONAL_NAMES_FROM_ZOOM carries only a
// commune's code and classes (a commune is a few pixels there; a click asks the API for the rest).
import type { Feature, MultiPolygon } from 'geojson';
import { areaAgreement } from '../../geo/national/area-agreement.ts';
import { NATIONAL_NAMES_FROM_ZOOM } from '../../geo/national/national-tile-zooms.ts';
import { classOf } from '../../geo/national/quantile-classes.ts';
import type { NationalSeeds } from '../../geo/national/read-national-seeds.ts';
import { measureOf, NATIONAL_MEASURES, nationalClassLimits, type NationalMeasure } from '../../geo/national/national-measures.ts';

/** The national tile layers, in the order they are cut. */
export const NATIONAL_TILE_LAYERS = ['communes', 'provinces'] as const;
export type NationalTileLayerName = (typeof NATIONAL_TILE_LAYERS)[number];

type Properties = Record<string, unknown>;

/**
 * What a commune of the communes layer carries (absent or null: not in the tile). The one list of both stores' tiles:
 * the worker's cut encodes these objects, PostGIS reads a column for each key (store/pg-national.ts).
 */
export type CommuneTileProperties = { id: string; code: string; name: string; type: string; provinceCode: string; areaDifferenceClass?: number }
  & { [M in NationalMeasure]: number | null }
  & { [M in NationalMeasure as `${M}Class`]?: number };
/** What a province of the provinces layer carries. */
export interface ProvinceTileProperties { id: string; code: string; name: string }

export interface NationalTileFeatures {
  communes: Array<Feature<MultiPolygon, CommuneTileProperties>>;
  provinces: Array<Feature<MultiPolygon, ProvinceTileProperties>>;
}

/** Every unit with an outline as a GeoJSON feature with all its tile properties (`id` is its code, for promoteId). */
export function nationalTileFeatures(seeds: Pick<NationalSeeds, 'communes' | 'provinces'>): NationalTileFeatures {
  const limits = nationalClassLimits(seeds.communes);
  const communes = seeds.communes.filter((c) => c.geometry).map((c) => {
    const properties = { id: c.code, code: c.code, name: c.name, type: c.type, provinceCode: c.provinceCode } as CommuneTileProperties;
    for (const m of NATIONAL_MEASURES) {
      const v = measureOf(c, m);
      properties[m] = v;
      if (v !== null) properties[`${m}Class`] = classOf(v, limits[m]);
    }
    // The class, flag included, is decided by areaAgreement alone (as nationalQuality counts it); the tile reads it.
    if (c.measuredAreaKm2 !== null) properties.areaDifferenceClass = areaAgreement(c.areaKm2, c.measuredAreaKm2).differenceClass;
    return { type: 'Feature' as const, geometry: c.geometry!, properties };
  });
  const provinces = seeds.provinces.map((p) => ({ type: 'Feature' as const, geometry: p.geometry, properties: { id: p.code, code: p.code, name: p.name } }));
  return { communes, provinces };
}

/** Whether a feature of this layer carries property `key` in a tile of zoom z: below the names zoom, a commune's code and classes only. */
export function carriedAtZoom(layer: NationalTileLayerName, key: string, z: number): boolean {
  return layer !== 'communes' || z >= NATIONAL_NAMES_FROM_ZOOM || key === 'id' || key === 'code' || key.endsWith('Class');
}

/** The properties a feature of this layer carries in a tile of zoom z. */
export function propertiesAtZoom(layer: NationalTileLayerName, properties: Properties, z: number): Properties {
  return Object.fromEntries(Object.entries(properties).filter(([k]) => carriedAtZoom(layer, k, z)));
}
