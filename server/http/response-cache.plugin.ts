// Whole-response cache for anonymous reads: the data only changes when dataVersion grows.
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { AtlasContext } from '../schema/context.ts';
import { answerChars } from './answer-size-cap.plugin.ts';
import type { AtlasStore } from '../store/atlas-store.ts';

/** Response header telling whether the body came from the cache (`hit`) or was computed and stored (`miss`). */
export const CACHE_HEADER = 'x-atlas-cache';

export interface ResponseCacheOptions {
  /** Most responses kept (least recently used go first). */
  maxEntries?: number;
  /** Most characters of JSON kept, keys included. */
  maxChars?: number;
}

interface Entry {
  result: FormattedExecutionResult;
  chars: number;
}

/**
 * Caches the formatted result of successful anonymous query operations, keyed by (dataVersion and
 * date, query text, operationName, variables). Any change of data bumps dataVersion, so an old entry
 * can never answer again, and the whole cache is dropped the first time a new version is seen.
 * Mutations, errors and signed-in viewers (whose answers may differ by role) pass through.
 */
export function responseCachePlugin(store: AtlasStore, opts: ResponseCacheOptions = {}): ApolloServerPlugin<AtlasContext> {
  const maxEntries = opts.maxEntries ?? 500;
  const maxChars = opts.maxChars ?? 50 * 1024 * 1024;
  // A Map iterates in insertion order: re-inserting on every hit makes its first key the least recently used.
  const entries = new Map<string, Entry>();
  let chars = 0;
  let generation = '';

  // The data version, and today's date too: some answers default to "valid today" (units, unit).
  const currentGeneration = async () => {
    const g = `${await store.dataVersion()}@${new Date().toISOString().slice(0, 10)}`;
    if (g !== generation) {
      entries.clear();
      chars = 0;
      generation = g;
    }
    return g;
  };
  const remember = (key: string, entry: Entry) => {
    if (entry.chars > maxChars / 10) return; // one giant answer must not flush everything else
    const old = entries.get(key);
    if (old) { entries.delete(key); chars -= old.chars; }
    entries.set(key, entry);
    chars += entry.chars;
    for (const [k, e] of entries) {
      if (entries.size <= maxEntries && chars <= maxChars) break;
      entries.delete(k);
      chars -= e.chars;
    }
  };

  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.viewer.role !== 'anonymous') return;
      let key: string | null = null;
      let keyGeneration = '';
      let hit = false;
      return {
        async responseForOperation(ctx) {
          // No operation when operationName names none in the document: execution reports that.
          if (ctx.operation?.operation !== 'query') return null;
          const { request } = ctx;
          keyGeneration = await currentGeneration();
          key = [keyGeneration, ctx.source, request.operationName ?? '', JSON.stringify(request.variables ?? {})].join('\u0000');
          const entry = entries.get(key);
          if (!entry) return null;
          entries.delete(key);
          entries.set(key, entry);
          hit = true;
          // A fresh top-level object: later plugins may add extensions without touching the cached one.
          return {
            http: { status: undefined, headers: new HeaderMap([[CACHE_HEADER, 'hit']]) },
            body: { kind: 'single', singleResult: { ...entry.result } },
          };
        },
        async willSendResponse({ response }) {
          if (key === null || hit) return;
          response.http.headers.set(CACHE_HEADER, 'miss');
          const body = response.body;
          if (body.kind !== 'single' || body.singleResult.errors?.length || !body.singleResult.data) return;
          if ((response.http.status ?? 200) !== 200) return;
          // Data changed while this answer was computed: it may mix versions, so it is not kept.
          if ((await currentGeneration()) !== keyGeneration) return;
          remember(key, { result: { ...body.singleResult }, chars: key.length + answerChars(body.singleResult) });
        },
      };
    },
  };
}
