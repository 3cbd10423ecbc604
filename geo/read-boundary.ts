import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** The single (Multi)Polygon feature of a GeoJSON file, with a clear error when the file is not one. */
export function readBoundary(path: string): Feature<Polygon | MultiPolygon> {
  const data = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection | Feature;
  const feature = data.type === 'FeatureCollection' ? data.features[0] : data;
  const type = feature?.geometry?.type;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    throw new Error(`${path}: expected a Polygon or MultiPolygon feature, found ${type ?? 'nothing'}`);
  }
  return feature as Feature<Polygon | MultiPolygon>;
}
