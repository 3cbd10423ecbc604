// The persisted-operation manifest: built from the page's documents, loaded by the portal; anonymous GET reads
// run only its operations (by id), POST with a full document stays open. Over real HTTP.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, gql, type RunningServer } from './helpers/start-server.ts';
import { createUserWithCli, signedIn } from './helpers/session.ts';
import { documentText } from '../web/api/graphql.ts';
import { PAGE_OPERATIONS } from '../web/api/operations.ts';
import { COMMUNE_QUERY } from '../web/api/commune.ts';
import { COVERAGE_QUERY } from '../web/api/coverage.ts';
import { PERSISTED_IDS_PATH, PERSISTED_OPERATIONS_PATH, manifestJson, manifestOf, operationId, persistedIdsModule } from '../server/client-types/persisted-operations.ts';
import { BOOT_QUERY } from '../web/api/boot.ts';
import { UNKNOWN_OPERATION } from '../server/http/persisted-operations.ts';

const root = new URL('..', import.meta.url).pathname;
const PW = 'persisted-ops-editor-pass';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
  expect(createUserWithCli(server.dataDir, 'editor', PW, 'editor')).toContain('Created');
});
afterAll(async () => { await server?.stop(); });

/** GET /graphql with these query-string parameters (and Apollo's CSRF header, as any GET client sends). */
async function get(params: Record<string, unknown>, cookie?: string | null) {
  const search = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  const res = await fetch(new URL(`graphql?${search}`, server.url), {
    headers: { 'apollo-require-preflight': 'true', ...(cookie ? { cookie } : {}) },
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}
const byId = (text: string) => ({ persistedQuery: { version: 1, sha256Hash: operationId(text) } });

describe(PERSISTED_OPERATIONS_PATH, () => {
  it("runs every page operation that needs no variables as an anonymous GET by id, within the server's limits", async () => {
    // The page's boot queries must never exceed the query cost or answer-size limits the server applies to everyone.
    const plain = PAGE_OPERATIONS.map(documentText).filter((text) => /^query \w+ \{/.test(text));
    expect(plain.length).toBeGreaterThan(3);
    for (const text of plain) {
      const r = await get({ extensions: byId(text), operationName: /^query (\w+)/.exec(text)![1] });
      expect(r.body.errors, text.slice(0, 40)).toBeUndefined();
      expect(r.status, text.slice(0, 40)).toBe(200);
    }
  });

  it("is built from the page's operations (run `npm run operations` after changing one)", () => {
    const manifest = manifestOf(PAGE_OPERATIONS.map(documentText));
    expect(Object.keys(manifest)).toHaveLength(PAGE_OPERATIONS.length);
    expect(readFileSync(join(root, PERSISTED_OPERATIONS_PATH), 'utf8')).toBe(manifestJson(manifest));
  });
});

describe(PERSISTED_IDS_PATH, () => {
  it("names each page operation's id (run `npm run operations` after changing one)", () => {
    const texts = PAGE_OPERATIONS.map(documentText);
    const file = readFileSync(join(root, PERSISTED_IDS_PATH), 'utf8');
    expect(file).toBe(persistedIdsModule(texts));
    expect(file).toContain(`AtlasBoot: '${operationId(documentText(BOOT_QUERY))}'`);
  });
});

describe('anonymous GET /graphql', () => {
  it('runs a manifest operation named by its id, with the same answer as a POST of its document', async () => {
    const text = documentText(COMMUNE_QUERY);
    const r = await get({ operationName: 'AtlasCommune', extensions: byId(text) });
    expect(r.body.errors).toBeUndefined();
    expect(r.status).toBe(200);
    expect(r.body.data.commune.name).toBe((await gql(server, text)).body.data.commune.name);
  });

  it('runs a manifest operation with variables', async () => {
    const r = await get({ extensions: byId(documentText(COVERAGE_QUERY)), variables: { indicator: 'drugFree' } });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.coverage.indicator).toBe('drugFree');
  });

  it(`refuses a document of its own (no id) with 400 ${UNKNOWN_OPERATION}`, async () => {
    const r = await get({ query: '{ commune { name } }' });
    expect(r.status).toBe(400);
    expect(r.body.errors![0].extensions.code).toBe(UNKNOWN_OPERATION);
    expect(r.body.errors![0].message).toMatch(/POST/);
    expect(r.body.data).toBeUndefined();
  });

  it(`refuses an id not in the manifest, even with its matching document, with 400 ${UNKNOWN_OPERATION}`, async () => {
    const own = '{ commune { name } }';
    const r = await get({ query: own, extensions: byId(own) });
    expect(r.status).toBe(400);
    expect(r.body.errors![0].extensions).toEqual({ code: UNKNOWN_OPERATION, id: operationId(own) });
  });

  it('refuses a manifest id sent with another document', async () => {
    const r = await get({ query: '{ commune { name } }', extensions: byId(documentText(COMMUNE_QUERY)) });
    expect(r.status).toBe(400);
    expect(r.body.errors![0].extensions.code).toBe(UNKNOWN_OPERATION);
  });
});

describe('what stays open', () => {
  it('an anonymous POST with a full document of its own (analysts, GraphiQL)', async () => {
    const r = await gql(server, '{ commune { name } }');
    expect(r.status).toBe(200);
    expect(r.body.data.commune.name).toBeTruthy();
  });

  it("a signed-in user's GET of a manifest id alone runs the manifest's document (the page's boot query)", async () => {
    const editor = await signedIn(server, 'editor', PW);
    const r = await get({ operationName: 'AtlasBoot', extensions: byId(documentText(BOOT_QUERY)) }, editor.cookie);
    expect(r.body.errors).toBeUndefined();
    expect(r.status).toBe(200);
    expect(r.body.data.me).toEqual({ username: 'editor', role: 'editor' });
    expect(r.body.data.villages).toHaveLength(23);
  });

  it("a signed-in user's GET with a full document", async () => {
    const editor = await signedIn(server, 'editor', PW);
    expect(editor.cookie).toBeTruthy();
    const r = await get({ query: '{ commune { name } }' }, editor.cookie);
    expect(r.body.errors).toBeUndefined();
    expect(r.status).toBe(200);
    expect(r.body.data.commune.name).toBeTruthy();
  });
});
