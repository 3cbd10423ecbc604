// The page's GraphQL comes from the committed schema: its documents are valid against server/schema.graphql,
// its types are generated from it, and a field renamed on the server makes `tsc` fail (not a user).
import { describe, it, expect } from 'vitest';
import { buildSchema, parse, validate, type OperationDefinitionNode } from 'graphql';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAGE_OPERATIONS } from '../web/api/operations.ts';
import { documentText } from '../web/api/graphql.ts';
import { GRAPHQL_ENV_PATH, graphqlEnvFromSdl } from '../server/client-types/graphql-env.ts';

const root = new URL('..', import.meta.url).pathname;
const sdl = readFileSync(join(root, 'server/schema.graphql'), 'utf8');
const schema = buildSchema(sdl);

const operationName = (text: string) =>
  parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')?.name?.value;

/** Every .ts/.tsx file under a folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Copies web/api with graphql-env.d.ts generated from `schemaSdl` into a temp dir and runs tsc there (web/api only). */
function typecheckAgainst(schemaSdl: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-web-types-'));
  try {
    cpSync(join(root, 'web/api'), join(dir, 'web/api'), { recursive: true });
    writeFileSync(join(dir, GRAPHQL_ENV_PATH), graphqlEnvFromSdl(schemaSdl));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'], strict: true,
        skipLibCheck: true, allowImportingTsExtensions: true, noEmit: true, types: [] },
      include: ['web/api'],
    }));
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
      return { ok: true, output: '' };
    } catch (e) {
      return { ok: false, output: String((e as { stdout?: string }).stdout ?? e) };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the page's operations", () => {
  it('are each valid against server/schema.graphql', () => {
    expect(PAGE_OPERATIONS.length).toBeGreaterThanOrEqual(17);
    for (const document of PAGE_OPERATIONS) {
      const text = documentText(document);
      expect(validate(schema, parse(text)).map((e) => e.message), text).toEqual([]);
    }
  });

  it('are named, each name once', () => {
    const names = PAGE_OPERATIONS.map((d) => operationName(documentText(d)));
    expect(names.every((n) => typeof n === 'string' && /^Atlas[A-Z]/.test(n)), names.join(', ')).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it('are all listed in web/api/operations.ts (every operation written in web/ is there)', () => {
    const listed = new Set(PAGE_OPERATIONS.map((d) => operationName(documentText(d))));
    const written = sourceFiles(join(root, 'web')).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\b(?:query|mutation)\s+(Atlas\w+)/g)].map((m) => m[1]));
    expect(written.length).toBeGreaterThanOrEqual(listed.size);
    expect([...new Set(written)].filter((n) => !listed.has(n))).toEqual([]);
  });

  it('web/api holds no `any` and no hand-written response interface', () => {
    const files = sourceFiles(join(root, 'web/api'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      expect(text, f).not.toMatch(/(:|<|\bas)\s*any\b|\bany\[\]/);
      // Only the error body (not a response type), the bundle of answers loaded at start and a started
      // fetch (its Response and still-unchecked body, not a data shape) are interfaces.
      const interfaces = [...text.matchAll(/\binterface\s+(\w+)/g)].map((m) => m[1]);
      expect(interfaces.filter((n) => !['GraphQLErrorBody', 'AtlasData', 'StartedAnswer'].includes(n)), f).toEqual([]);
    }
  });
});

describe('server/examples.graphql', () => {
  it('is valid against server/schema.graphql', () => {
    const examples = parse(readFileSync(join(root, 'server/examples.graphql'), 'utf8'));
    expect(examples.definitions.length).toBeGreaterThan(5);
    expect(validate(schema, examples).map((e) => e.message)).toEqual([]);
  });
});

describe(`${GRAPHQL_ENV_PATH} (the client's types)`, () => {
  it('is what server/schema.graphql generates (run `npm run schema` after changing the schema)', () => {
    expect(readFileSync(join(root, GRAPHQL_ENV_PATH), 'utf8')).toBe(graphqlEnvFromSdl(sdl));
  });

  it('makes tsc fail, naming the field, when a field the page uses is renamed in the schema', () => {
    // Commune.measuredAreaKm2 is asked for by AtlasCommune (the area note shows it); other types have a field of that name too.
    const communeType = /^type Commune \{[\s\S]*?^\}/m.exec(sdl)![0];
    expect(communeType.match(/^ {2}measuredAreaKm2:/gm)).toHaveLength(1);
    const renamed = typecheckAgainst(sdl.replace(communeType, communeType.replace(/^ {2}measuredAreaKm2:/m, '  measuredAreaSqKm:')));
    expect(renamed.ok).toBe(false);
    expect(renamed.output).toContain('.commune.measuredAreaKm2');
    // The same copy against the real schema compiles: the failure above is the rename, not the set-up.
    const unchanged = typecheckAgainst(sdl);
    expect(unchanged.output).toBe('');
    expect(unchanged.ok).toBe(true);
    // Two tsc runs over a copy of web/: over a minute on a busy 2-core machine.
  }, 180_000);
});
