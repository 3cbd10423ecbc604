import type { RequestHandler } from 'express';

/** Deepest nesting of objects and lists a variable may have: the deepest input (a MultiPolygon in a Feature) needs 8. */
export const MAX_VARIABLES_DEPTH = 32;

/** How deep a JSON value nests, counted without recursion (a 5,000-deep value would overflow the stack). */
export function jsonDepth(value: unknown, stopAt = Infinity): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > stopAt) return deepest;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Refuse GraphQL variables nested deeper than MAX_VARIABLES_DEPTH before anything walks them (graphql-js coerces
 * input recursively): BAD_USER_INPUT naming `variables`, instead of a stack overflow and HTTP 500.
 */
export const limitVariablesDepth: RequestHandler = (req, res, next) => {
  let variables: unknown = (req.body as { variables?: unknown } | undefined)?.variables;
  if (variables === undefined && typeof req.query.variables === 'string') {
    try { variables = JSON.parse(req.query.variables); } catch { variables = undefined; } // Apollo reports bad JSON itself
  }
  const depth = jsonDepth(variables, MAX_VARIABLES_DEPTH);
  if (depth <= MAX_VARIABLES_DEPTH) return next();
  res.status(400).json({ errors: [{
    message: `Biến lồng nhau quá sâu (tối đa ${MAX_VARIABLES_DEPTH} mức) / The variables are nested too deep (at most ${MAX_VARIABLES_DEPTH} levels)`,
    extensions: { code: 'BAD_USER_INPUT', field: 'variables' },
  }] });
};
