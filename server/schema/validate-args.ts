// Validation of arguments and inputs (the class-validator rules declared on their classes), as type-graphql's own
// with validate: true, less two costs it pays on every field of every request: it imports class-validator anew at
// each call (a dynamic import()), and it validates argument objects where nothing was given (every bản's
// `geometry` with no simplifyMeters or precision). Those have nothing to check: missing values are skipped anyway.
import { validateOrReject, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';

// type-graphql's defaults for validate: true.
const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

const isObject = (v: unknown): v is object => v !== null && typeof v === 'object';
/** False when every property is null or undefined: no rule applies (skipMissingProperties). */
const anythingGiven = (o: object) => Object.values(o).some((v) => v !== undefined && v !== null);

/** The schema's validateFn: the same rules and the same ArgumentValidationError as validate: true. */
export const validateArgs: ValidatorFn = async (argValue) => {
  const items = (Array.isArray(argValue) ? argValue : [argValue]).filter(isObject).filter(anythingGiven);
  if (items.length === 0) return;
  try {
    await Promise.all(items.map((item) => validateOrReject(item, OPTIONS)));
  } catch (e) {
    throw new ArgumentValidationError(e as ConstructorParameters<typeof ArgumentValidationError>[0]);
  }
};
