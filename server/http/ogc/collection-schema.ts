// The JSON Schema of a collection's features (linked as rel=describedby, as OGC API Features Part 5 does), so
// GDAL and QGIS type the fields (a yes/no indicator unknown in the first page would otherwise become text).
import type { Viewer } from '../../schema/context.ts';
import type { AtlasSnapshot } from '../../store/atlas-store.ts';
import type { CollectionSpec, JsonType } from './collections.ts';

export const JSON_SCHEMA_TYPE = 'application/schema+json';

function typeOf(value: unknown): JsonType | null {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'string';
  return null;
}

/** Property name → JSON type, in the order the properties first appear; declared types win, then values, then string. */
export function propertyTypes(store: AtlasSnapshot, viewer: Viewer, spec: CollectionSpec): Map<string, JsonType> {
  const declared = spec.propertyTypes?.(store) ?? {};
  const seen = new Map<string, Set<JsonType>>();
  for (const { feature } of spec.items(store, viewer)) {
    for (const [name, value] of Object.entries(feature.properties)) {
      if (!seen.has(name)) seen.set(name, new Set());
      const t = typeOf(value);
      if (t) seen.get(name)!.add(t);
    }
  }
  const types = new Map<string, JsonType>();
  for (const [name, found] of seen) {
    const inferred: JsonType = found.size === 0 ? 'string'
      : found.size === 1 ? [...found][0]
      : [...found].every((t) => t === 'integer' || t === 'number') ? 'number' : 'string';
    types.set(name, declared[name] ?? inferred);
  }
  for (const [name, t] of Object.entries(declared)) if (!types.has(name)) types.set(name, t);
  return types;
}

/** A JSON Schema of one feature of the collection (properties may be null where a value is unknown). */
export function collectionSchema(store: AtlasSnapshot, viewer: Viewer, spec: CollectionSpec, root: string) {
  // `id` (equal to the feature id) is left out: GDAL 3.6 takes it from the first page and would list it twice.
  const properties = Object.fromEntries([...propertyTypes(store, viewer, spec)].filter(([name]) => name !== 'id').map(([name, type]) => [name, { type }]));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${root}/collections/${spec.id}/schema`,
    title: spec.title,
    description: `${spec.description} Giá trị null = chưa biết / null means unknown.`,
    type: 'object',
    properties: {
      type: { type: 'string', enum: ['Feature'] },
      id: { type: 'string', description: 'Mã đối tượng, cũng là thuộc tính id / feature id, also the id property' },
      geometry: { type: 'object' },
      properties: { type: 'object', properties },
    },
  };
}
