// server/schema.graphql is committed so schema changes show in review: it must match the code.
import { describe, it, expect } from 'vitest';
import { buildSchema, isObjectType } from 'graphql';
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const committed = readFileSync(join(root, 'server/schema.graphql'), 'utf8');

describe('server/schema.graphql', () => {
  it('is what the type-graphql classes emit (run `npm run schema` after changing them)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'atlas-schema-')), 'schema.graphql');
    execFileSync(process.execPath, ['--import', 'tsx', '-e',
      `import('./server/schema/build-schema.ts').then(m => m.buildAtlasSchema(${JSON.stringify(out)}))`], { cwd: root });
    expect(readFileSync(out, 'utf8')).toBe(committed);
  });

  it('describes every type, field and argument (analysts read the descriptions)', () => {
    const schema = buildSchema(committed);
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
    }
    expect(missing).toEqual([]);
  });
});
