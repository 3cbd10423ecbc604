// A GeoJSON FeatureCollection written feature by feature, so a large one is never one string.
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Feature } from 'geojson';

function* parts(features: Iterable<Feature>): Generator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for (const f of features) {
    yield (first ? '' : ',') + JSON.stringify(f);
    first = false;
  }
  yield ']}';
}

/** Write the features as one FeatureCollection to `out` and end it (rejects when `out` closes early). */
export function writeFeatureCollection(features: Iterable<Feature>, out: Writable): Promise<void> {
  return pipeline(Readable.from(parts(features)), out);
}
