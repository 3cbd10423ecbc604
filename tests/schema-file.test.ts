// server/schema.graphql is committed so schema changes show in review: it must match the code.
import { describe, it, expect } from 'vitest';
import { buildSchema, isEnumType, isInputObjectType, isObjectType, type GraphQLSchema } from 'graphql';
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const committed = readFileSync(join(root, 'server/schema.graphql'), 'utf8');

/** Every type, field, argument, input field and enum value of a schema that has no description. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
    // Root operation types cannot carry a description in type-graphql; their fields do.
    if (!type.description && type !== schema.getQueryType() && type !== schema.getMutationType()) missing.push(type.name);
    if (isObjectType(type)) {
      for (const f of Object.values(type.getFields())) {
        if (!f.description) missing.push(`${type.name}.${f.name}`);
        for (const a of f.args) if (!a.description) missing.push(`${type.name}.${f.name}(${a.name})`);
      }
    }
    if (isInputObjectType(type)) {
      for (const f of Object.values(type.getFields())) if (!f.description) missing.push(`${type.name}.${f.name}`);
    }
    if (isEnumType(type)) {
      for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
  }
  return missing;
}

describe('server/schema.graphql', () => {
  it('is what the type-graphql classes emit (run `npm run schema` after changing them)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-schema-'));
    const out = join(dir, 'schema.graphql');
    try {
      execFileSync(process.execPath, ['--import', 'tsx', '-e',
        `import('./server/schema/build-schema.ts').then(m => m.buildAtlasSchema(${JSON.stringify(out)}))`], { cwd: root });
      expect(readFileSync(out, 'utf8')).toBe(committed);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('describes every type, field, argument, input field and enum value (analysts read the descriptions)', () => {
    expect(undescribed(buildSchema(committed))).toEqual([]);
  });

  it('the description check finds an undescribed enum value, input field, field and argument', () => {
    const bare = buildSchema('type Query { "f" f("a" a: I): E g(b: Int): Int } "E" enum E { "a" A B } "I" input I { "x" x: Int y: Int }');
    expect(undescribed(bare)).toEqual(['Query.g', 'Query.g(b)', 'E.B', 'I.y']);
  });
});
