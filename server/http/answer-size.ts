// The size of an answer, estimated before it is computed: geometry weighs by its stored vertices, so
// fifteen aliases of every bản outline with its former commune's outline cost what they would send.
import {
  getNamedType, isListType, isNonNullType, Kind, type FieldNode, type GraphQLOutputType, type GraphQLCompositeType,
  type SelectionSetNode, type DocumentNode, type ValidationContext, type ValidationRule, type ValueNode, isCompositeType,
} from 'graphql';
import type { Geometry } from 'geojson';
import type { ApolloServerPlugin } from '@apollo/server';
import type { AtlasSnapshot, AtlasStore } from '../store/atlas-store.ts';
import type { AtlasContext } from '../schema/context.ts';
import { QUERY_LIMITS, refusal } from './query-limits.ts';
import { PAGE_CAP } from '../schema/paging.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NationalOutlineSizes } from '../../geo/national/national-seed-types.ts';
import { config } from '../config.ts';

/** Bytes of one [lon, lat] position in JSON: full precision, or `precision` decimals. */
export function bytesPerVertex(precision: number | null): number {
  return precision === null ? 40 : 2 * (precision + 5) + 4;
}

/** Every field that returns stored geometry, and how the store counts its parents. */
interface Weights {
  /** "Type.field" → most vertices of one value of that field (an upper bound: simplification only lowers it). */
  vertices: Map<string, number>;
  /** Type → how many of them exist: a list of that type never holds more. */
  counts: Map<string, number>;
}

const vertexCount = (g: Geometry | null | undefined): number => {
  if (!g || !('coordinates' in g)) return 0;
  let n = 0;
  const walk = (c: unknown): void => { if (typeof (c as unknown[])[0] === 'number') n++; else (c as unknown[]).forEach(walk); };
  walk(g.coordinates);
  return n;
};
const most = (gs: Array<Geometry | null | undefined>) => gs.reduce((m, g) => Math.max(m, vertexCount(g)), 0);

let outlineSizes: NationalOutlineSizes | null = null;
/** The national outlines' vertex counts, from the seeds (their outlines are loaded only when a query asks for them). */
const nationalSizes = (): NationalOutlineSizes =>
  (outlineSizes ??= JSON.parse(readFileSync(join(config.nationalSeedDir, 'outline-sizes.json'), 'utf8')) as NationalOutlineSizes);

/** The weight table for the store's current data (recounted when dataVersion changes). */
function weightsOf(store: AtlasSnapshot): Weights {
  const villages = store.units('village');
  const formers = store.units('formerCommune');
  const communes = store.units('commune');
  const neighbours = store.neighbours();
  const outline = (id: string) => store.boundary(id)?.geometry as Geometry | undefined;
  const villageVertices = villages.map((v) => vertexCount(outline(v.id)));
  // A list of national communes holds at most one page (100): its bound is the 100 largest outlines together,
  // written as (largest outline) × (how many of those make that sum); one commune alone weighs the largest.
  const national = nationalSizes();
  const communesPerPage = Math.ceil(national.communeMostVerticesPer100 / national.communeMostVertices);
  const provincesAsLargest = Math.ceil(national.provinceTotalVertices / national.provinceMostVertices);
  return {
    vertices: new Map([
      ['Village.geometry', Math.max(0, ...villageVertices)],
      ['Query.villageFeatures', villageVertices.reduce((a, b) => a + b, 0)],
      ['FormerCommune.geometry', most(formers.map((f) => outline(f.id)))],
      ['Commune.geometry', most(communes.map((c) => outline(c.id)))],
      ['Neighbour.geometry', most(neighbours.map((n) => n.geometry as Geometry))],
      ['NationalCommune.geometry', national.communeMostVertices],
      ['Province.geometry', national.provinceMostVertices],
    ]),
    counts: new Map([
      ['Village', villages.length], ['VillageDistance', villages.length], ['FormerCommune', formers.length], ['Neighbour', neighbours.length],
      ['Commune', communes.length], ['AdminUnit', villages.length + formers.length + communes.length], ['Indicator', store.indicators().length],
      ['NationalCommune', communesPerPage], ['Province', provincesAsLargest],
      ['Target', store.targets().length], ['Place', store.places().length], ['SourceDocument', store.sources().length],
      // Not how many exist but how many one page holds (fieldSubmissions pages them).
      ['FieldSubmission', PAGE_CAP],
    ]),
  };
}

// The weights of each store's data, recounted when its data version moves (validation rules cannot wait for the store).
const currentWeights = new WeakMap<AtlasStore, { version: number; weights: Weights }>();

/**
 * Reads the store's data before each request is validated, so answerSizeRule weighs the current data (Apollo's path;
 * anonymous-post.ts calls weighAnswers itself). It reads the request's own snapshot (server/store/request-store.ts), which its resolvers then use: one read of the data version.
 */
export function answerSizeWeightsPlugin(store: AtlasStore): ApolloServerPlugin<AtlasContext> {
  return {
    async requestDidStart({ contextValue }) {
      weighAnswers(store, await (contextValue?.store ?? store).snapshot());
    },
  };
}

/** Make answerSizeRule weigh `data` (a snapshot of `store`), recounting only when its data version moved. */
export function weighAnswers(store: AtlasStore, data: AtlasSnapshot): void {
  if (currentWeights.get(store)?.version !== data.version) currentWeights.set(store, { version: data.version, weights: weightsOf(data) });
}

/** A whole-number argument written in the document, or null (variables are not known while validating: the bound assumes the worst). */
function intArgument(field: FieldNode, name: string): number | null {
  const arg = field.arguments?.find((a) => a.name.value === name)?.value as ValueNode | undefined;
  return arg?.kind === Kind.INT ? Number(arg.value) : null;
}

/** How many items a field's list may hold: its `limit`, at most as many as exist; 1 when it is not a list. */
function listBound(type: GraphQLOutputType, field: FieldNode, counts: Map<string, number>): number {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (!isListType(inner)) return 1;
  const exist = counts.get(getNamedType(type).name) ?? Infinity;
  const limit = intArgument(field, 'limit') ?? Infinity;
  const bound = Math.min(exist, limit);
  return Number.isFinite(bound) ? bound : 1000; // a list of something not counted here: 1000 keeps a bound
}

// Each validated document's estimate, read by the heavy-request gate (heavy-request-gate.plugin.ts).
const estimates = new WeakMap<DocumentNode, number>();

/** The estimated answer size of a document this rule validated (the sum over its operations), or undefined. */
export function estimatedAnswerBytes(document: DocumentNode): number | undefined {
  return estimates.get(document);
}

/**
 * A validation rule refusing an operation whose answer is estimated over QUERY_LIMITS.answerBytes: each
 * geometry field costs (its most vertices) × (bytes per vertex at the asked precision) × (the items of the
 * nearest list above it), summed over every selection and alias. Lists nested in lists are not multiplied
 * (the schema's own fan-out, such as targets × candidates, would make every exploration query look
 * enormous): what those really send is bounded afterwards by the anonymous answer cap.
 */
export function answerSizeRule(store: AtlasStore): ValidationRule {
  return (ctx: ValidationContext) => ({
    OperationDefinition(op) {
      const w = currentWeights.get(store)?.weights;
      if (!w) throw new Error('answerSizeWeightsPlugin is not registered: the answer size cannot be estimated');
      const schema = ctx.getSchema();
      const seen = new Set<string>(); // fragments already on the path: no cycles (validation reports them)
      const sizeOf = (parent: GraphQLCompositeType, set: SelectionSetNode, times: number): number => {
        let bytes = 0;
        for (const sel of set.selections) {
          if (sel.kind === Kind.FIELD) {
            if (!('getFields' in parent)) continue;
            const def = parent.getFields()[sel.name.value];
            if (!def) continue; // unknown fields are reported by the standard rules
            const vertices = w.vertices.get(`${parent.name}.${sel.name.value}`);
            if (vertices !== undefined) bytes += times * vertices * bytesPerVertex(intArgument(sel, 'precision'));
            const named = getNamedType(def.type);
            const items = listBound(def.type, sel, w.counts);
            if (sel.selectionSet && isCompositeType(named)) bytes += sizeOf(named, sel.selectionSet, items === 1 ? times : items);
          } else if (sel.kind === Kind.INLINE_FRAGMENT) {
            const t = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
            if (t && isCompositeType(t)) bytes += sizeOf(t, sel.selectionSet, times);
          } else {
            const name = sel.name.value;
            const frag = ctx.getFragment(name);
            if (!frag || seen.has(name)) continue;
            seen.add(name);
            const t = schema.getType(frag.typeCondition.name.value);
            if (t && isCompositeType(t)) bytes += sizeOf(t, frag.selectionSet, times);
            seen.delete(name);
          }
        }
        return bytes;
      };
      const root = op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
      if (!root) return;
      const bytes = sizeOf(root, op.selectionSet, 1);
      const doc = ctx.getDocument();
      estimates.set(doc, (estimates.get(doc) ?? 0) + bytes);
      if (bytes > QUERY_LIMITS.answerBytes) ctx.reportError(refusal('answerBytes', String(bytes)));
    },
  });
}
