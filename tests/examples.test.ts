// Every documented example in server/examples.graphql runs against the real server without errors.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { startServer, gql, type RunningServer } from './helpers/start-server.ts';

const doc = parse(readFileSync(new URL('../server/examples.graphql', import.meta.url), 'utf8'));
const operations = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');

let server: RunningServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

describe('server/examples.graphql', () => {
  it('names every operation and documents it with a comment', () => {
    const text = readFileSync(new URL('../server/examples.graphql', import.meta.url), 'utf8');
    expect(operations.length).toBeGreaterThanOrEqual(10);
    for (const op of operations) {
      expect(op.name?.value).toBeTruthy();
      expect(text).toMatch(new RegExp(`#[^\\n]*\\n(#[^\\n]*\\n)*query ${op.name!.value} `));
    }
  });

  it.each(operations.map((op) => [op.name!.value, op] as const))('%s answers without errors', async (_name, op) => {
    const { status, body } = await gql(server, print(op));
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(status).toBe(200);
    const values = Object.values(body.data);
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(v === null || (Array.isArray(v) && v.length === 0)).toBe(false);
  });
});
