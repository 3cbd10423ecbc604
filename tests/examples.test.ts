// Every documented example in server/examples.graphql runs against the real server without errors.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { startServer, type RunningServer } from './helpers/start-server.ts';
import { team } from './helpers/team.ts';
import type { Client } from './helpers/session.ts';

const doc = parse(readFileSync(new URL('../server/examples.graphql', import.meta.url), 'utf8'));
const operations = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');

const text = readFileSync(new URL('../server/examples.graphql', import.meta.url), 'utf8');
/** Operations whose comment starts "Editors:" need a signed-in editor (the field sync); the others run anonymously. */
const forEditors = (name: string) => new RegExp(`# Editors:[^\\n]*\\n(#[^\\n]*\\n)*(query|mutation) ${name} `).test(text);

let server: RunningServer;
let users: { anonymous: Client; editor: Client };
beforeAll(async () => {
  server = await startServer();
  users = await team(server);
});
afterAll(async () => { await server?.stop(); });

describe('server/examples.graphql', () => {
  it('names every operation and documents it with a comment', () => {
    expect(operations.length).toBeGreaterThanOrEqual(10);
    for (const op of operations) {
      expect(op.name?.value).toBeTruthy();
      expect(text).toMatch(new RegExp(`#[^\\n]*\\n(#[^\\n]*\\n)*${op.operation} ${op.name!.value} `));
    }
    expect(operations.filter((op) => forEditors(op.name!.value)).map((op) => op.operation)).toContain('mutation');
  });

  it.each(operations.map((op) => [op.name!.value, op] as const))('%s answers without errors', async (_name, op) => {
    const { status, body } = await (forEditors(op.name!.value) ? users.editor : users.anonymous).gql(print(op));
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(status).toBe(200);
    const values = Object.values(body.data);
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(v === null || (Array.isArray(v) && v.length === 0)).toBe(false);
  });

  it('SyncFieldRecords changes nothing, as its comment says: a CONFLICT with the server\'s name and a refused GPS centre', async () => {
    const op = operations.find((o) => o.name?.value === 'SyncFieldRecords')!;
    const { body } = await users.editor.gql(print(op));
    expect(body.data.syncFieldRecords.map((r: { status: string; code: string }) => [r.status, r.code])).toEqual([['CONFLICT', 'CONFLICT'], ['REJECTED', 'ACCURACY_TOO_LOW']]);
    expect(body.data.syncFieldRecords[0].submissionId).toBeNull();
    const { body: history } = await users.editor.gql('{ history(unitId: "md-04") { field } }');
    expect(history.data.history).toEqual([]);
  });
});
