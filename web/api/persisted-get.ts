// GET of a persisted operation by its id (no document in the URL), so a browser or proxy cache can keep the
// answer. A tiny script the build adds to index.html (bootStartScript, see vite.config.ts) starts the boot
// queries before the main bundle has arrived; the page then takes those responses instead of asking again.
import { PERSISTED_IDS } from './persisted-ids.ts';
import { READ_HEADERS } from './offline-reads.ts';

/** Where the portal answers GraphQL (same origin as the page). */
export const GRAPHQL_URL = '/graphql';

/** Where the boot-start script leaves the responses of the GETs it started, by operation name; each is taken once. */
const started = () => (window as unknown as { __atlasStarted?: Record<string, Promise<Response>> }).__atlasStarted;

/** The URL of a GET of the operation `name` of the persisted-operation manifest, by its id. */
export function persistedGetUrl(name: string, variables?: Record<string, unknown>): string {
  const id = PERSISTED_IDS[name];
  if (!id) throw new Error(`${name} is not in web/api/persisted-ids.ts (run \`npm run operations\`)`);
  const params = new URLSearchParams({ operationName: name, extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: id } }) });
  if (variables && Object.keys(variables).length) params.set('variables', JSON.stringify(variables));
  return `${GRAPHQL_URL}?${params}`;
}

// Apollo refuses a GET without a header a plain form or <img> cannot send (CSRF prevention).
const HEADERS = READ_HEADERS;

// The page always asks whether its copy is current (If-None-Match; a 304 costs a round trip and no bytes):
// a page opened after an edit must show it, while a proxy in front may still answer for the portal.
const CACHE_MODE: RequestCache = 'no-cache';

/** GET the operation `name` of the persisted-operation manifest by its id. */
export function persistedGet(name: string, variables?: Record<string, unknown>, signal?: AbortSignal): Promise<Response> {
  return fetch(persistedGetUrl(name, variables), { headers: HEADERS, cache: CACHE_MODE, signal });
}

/**
 * The text of a classic script that starts these GETs (without variables) at once, for the page to take
 * later (the site's Content-Security-Policy allows no inline script: the build emits it as a file).
 */
export function bootStartScript(names: readonly string[]): string {
  const starts = names.map((n) => `${JSON.stringify(n)}:fetch(${JSON.stringify(persistedGetUrl(n))},{headers:${JSON.stringify(HEADERS)},cache:${JSON.stringify(CACHE_MODE)}})`);
  return `// Starts the boot queries while the main bundle downloads (web/api/persisted-get.ts).\nwindow.__atlasStarted={${starts.join(',')}};\n`;
}

/** The response of a GET started early for `name`, once; undefined when none was. */
function takeStartedGet(name: string): Promise<Response> | undefined {
  const all = started();
  const response = all?.[name];
  if (all && response) delete all[name];
  return response;
}

/** A started GET's response and its JSON body (undefined when it failed or is not JSON). */
export interface StartedAnswer { response: Response; body: unknown }

/** Started answers being read, by operation name: the body (a megabyte for the boot query) is parsed once. */
const reading = new Map<string, Promise<StartedAnswer | undefined>>();

/**
 * The answer of the GET started early for `name`, read once for everyone: the first picture reads it (`take` false),
 * then the page takes it (`take` true: a later load of the same operation asks the portal again). Undefined when none
 * was started (or the boot-start script has not run yet) or the request failed.
 */
export function startedAnswer(name: string, take: boolean): Promise<StartedAnswer | undefined> {
  let answer = reading.get(name);
  if (!answer) {
    const response = takeStartedGet(name);
    if (!response) return Promise.resolve(undefined);
    answer = response.then(async (r) => ({ response: r, body: r.ok ? await r.json().catch(() => undefined) : undefined }), () => undefined);
    reading.set(name, answer);
  }
  if (take) reading.delete(name);
  return answer;
}
