// Turn a GraphQL result into a table (CSV) or a map layer (GeoJSON), for the console's export buttons.
import type { Feature, FeatureCollection, Geometry } from 'geojson';

type Json = unknown;

/** The first array of objects found in the result's data (depth first), e.g. data.villages. */
export function firstRows(data: Json): Array<Record<string, Json>> | null {
  if (Array.isArray(data)) return data.every((x) => x && typeof x === 'object' && !Array.isArray(x)) ? (data as Array<Record<string, Json>>) : null;
  if (data && typeof data === 'object') {
    for (const v of Object.values(data as Record<string, Json>)) {
      const rows = firstRows(v);
      if (rows) return rows;
    }
  }
  return null;
}

/** Nested objects become dotted columns ("source.label"); arrays become JSON text. */
export function flatten(row: Record<string, Json>, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(row)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, Json>, key, out);
    else out[key] = v == null ? '' : Array.isArray(v) ? JSON.stringify(v) : String(v);
  }
  return out;
}

function csvCell(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) && Number.isNaN(Number(s)) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV (UTF-8 with BOM) of the first list in the result; null when it has none. */
export function resultToCsv(data: Json): string | null {
  const rows = firstRows(data);
  if (!rows || rows.length === 0) return null;
  const flat = rows.map((r) => flatten(r));
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  const lines = [columns.map(csvCell).join(','), ...flat.map((r) => columns.map((c) => csvCell(r[c] ?? '')).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

function isFeatureCollection(x: Json): x is FeatureCollection {
  return !!x && typeof x === 'object' && (x as { type?: unknown }).type === 'FeatureCollection' && Array.isArray((x as { features?: unknown }).features);
}

function isGeometry(x: Json): x is Geometry {
  return !!x && typeof x === 'object' && typeof (x as { type?: unknown }).type === 'string' && ('coordinates' in (x as object) || 'geometries' in (x as object));
}

function isLonLat(x: Json): x is [number, number] {
  return Array.isArray(x) && x.length === 2 && x.every((n) => typeof n === 'number');
}

/** Find a geometry in a row: a GeoJSON `geometry`, else a [lon, lat] `centroid` (also one level down, e.g. village.centroid). */
function geometryOf(row: Record<string, Json>): { geometry: Geometry; rest: Record<string, Json> } | null {
  const rest = { ...row };
  if (isGeometry(row.geometry)) {
    delete rest.geometry;
    return { geometry: row.geometry, rest };
  }
  if (isLonLat(row.centroid)) {
    delete rest.centroid;
    return { geometry: { type: 'Point', coordinates: row.centroid }, rest };
  }
  for (const [k, v] of Object.entries(row)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const inner = geometryOf(v as Record<string, Json>);
      if (inner) return { geometry: inner.geometry, rest: { ...rest, [k]: inner.rest } };
    }
  }
  return null;
}

/** GeoJSON of the result: a FeatureCollection it holds, or its first list's rows that carry a geometry or centroid. */
export function resultToGeoJson(data: Json): FeatureCollection | null {
  const stack: Json[] = [data];
  while (stack.length) {
    const x = stack.pop();
    if (isFeatureCollection(x)) return x;
    if (x && typeof x === 'object') stack.push(...Object.values(x as Record<string, Json>));
  }
  const rows = firstRows(data);
  if (!rows) return null;
  const features: Feature[] = rows.flatMap((r) => {
    const g = geometryOf(r);
    return g ? [{ type: 'Feature' as const, geometry: g.geometry, properties: flatten(g.rest) }] : [];
  });
  return features.length ? { type: 'FeatureCollection', features } : null;
}
