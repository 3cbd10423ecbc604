// server/schema/validate-args.ts runs class-validator as type-graphql's validate: true does, but skips argument
// objects where nothing was given. That shortcut is sound only while no rule declared on an argument or input class
// fires on missing values (@IsDefined, @ValidateIf, a class-level rule): these tests fail the day one does.
import { describe, it, expect, beforeAll } from 'vitest';
import { validate, type ValidationError } from 'class-validator';
import { ArgumentValidationError, getMetadataStorage } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { buildAtlasSchema } from '../server/schema/build-schema.ts';
import { validateArgs } from '../server/schema/validate-args.ts';
import { GeometryArgs } from '../server/schema/geometry.args.ts';

// type-graphql's options for validate: true (type-graphql/build/esm/resolvers/validate-arg.js).
const AS_VALIDATE_TRUE = { skipMissingProperties: true, forbidUnknownValues: false };
const noResolverData = {} as { root: unknown; args: object; context: object; info: GraphQLResolveInfo };

/** What validateArgs throws for `value`, or undefined when it passes. */
async function refusalOf(value: unknown): Promise<ArgumentValidationError | undefined> {
  try {
    await validateArgs(value, Object, noResolverData);
    return undefined;
  } catch (e) {
    return e as ArgumentValidationError;
  }
}
const constraints = (errors: ValidationError[]) => errors.map((e) => ({ property: e.property, constraints: e.constraints }));

beforeAll(async () => { await buildAtlasSchema(); }); // registers every argument and input class

describe('validateArgs', () => {
  it('skips only what validate: true would pass: every argument and input class with nothing given has no error', async () => {
    const { argumentTypes, inputTypes } = getMetadataStorage();
    const classes = [...argumentTypes, ...inputTypes].map((c) => c.target as new () => object);
    expect(classes.length).toBeGreaterThan(10);
    for (const Target of classes) {
      for (const nothing of [undefined, null]) {
        const given = new Target();
        // Every declared field missing, as type-graphql builds the object when the query gives none of them.
        for (const field of getMetadataStorage().fields.filter((f) => f.target === Target)) (given as Record<string, unknown>)[field.name] = nothing;
        expect({ class: Target.name, nothing, errors: constraints(await validate(given, AS_VALIDATE_TRUE)) })
          .toEqual({ class: Target.name, nothing, errors: [] });
      }
    }
  });

  it('refuses a value outside a declared rule with the errors validate: true gives, alone or in a list', async () => {
    const bad = Object.assign(new GeometryArgs(), { precision: 11, simplifyMeters: -1 });
    const expected = constraints(await validate(bad, AS_VALIDATE_TRUE));
    expect(expected.map((e) => e.property).sort()).toEqual(['precision', 'simplifyMeters']);
    for (const value of [bad, [Object.assign(new GeometryArgs(), { precision: 2 }), bad]]) {
      const refusal = await refusalOf(value);
      expect(refusal).toBeInstanceOf(ArgumentValidationError);
      expect(constraints(refusal!.extensions.validationErrors)).toEqual(expected);
    }
  });

  it('passes values within the rules and values that are not objects', async () => {
    for (const value of [Object.assign(new GeometryArgs(), { precision: 10, simplifyMeters: 0 }), new GeometryArgs(), 3, 'x', null, undefined]) {
      expect(await refusalOf(value)).toBeUndefined();
    }
  });
});
