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

/** Deepest nesting of brackets a query document may have: graphql-js parses recursively, and ~2,000 nested list
 * literals overflow its stack before the token limit refuses them. Real queries (a MultiPolygon literal) need ~12. */
export const MAX_DOCUMENT_NESTING = 100;

/** How deep (, [ and { nest in a GraphQL document, strings and comments skipped; stops counting past stopAt. */
export function documentNesting(text: string, stopAt = Infinity): number {
  let depth = 0, deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (c === '"') {
      const block = text.startsWith('"""', i);
      const end = block ? text.indexOf('"""', i + 3) : (() => { let j = i + 1; while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1; return j; })();
      i = end < 0 ? text.length : block ? end + 2 : end;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') { depth++; if (depth > deepest) deepest = depth; if (deepest > stopAt) return deepest; }
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/** A refusal of the request before anything parses or walks it: its status and body. */
export interface NestingRefusal { status: 400; body: { errors: Array<{ message: string; extensions: Record<string, unknown> }> } }

/**
 * A document nested deeper than MAX_DOCUMENT_NESTING (GRAPHQL_PARSE_FAILED) or variables deeper than
 * MAX_VARIABLES_DEPTH (BAD_USER_INPUT naming `variables`), refused before graphql-js parses or coerces them
 * recursively (a stack overflow and HTTP 500); null when neither is.
 */
export function nestingRefusal(query: unknown, variables: unknown): NestingRefusal | null {
  if (typeof query === 'string' && documentNesting(query, MAX_DOCUMENT_NESTING) > MAX_DOCUMENT_NESTING) {
    return { status: 400, body: { errors: [{
      message: `Truy vấn lồng nhau quá sâu (tối đa ${MAX_DOCUMENT_NESTING} mức ngoặc) / The query is nested too deep (at most ${MAX_DOCUMENT_NESTING} levels of brackets)`,
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    }] } };
  }
  if (jsonDepth(variables, MAX_VARIABLES_DEPTH) <= MAX_VARIABLES_DEPTH) return null;
  return { status: 400, body: { errors: [{
    message: `Biến lồng nhau quá sâu (tối đa ${MAX_VARIABLES_DEPTH} mức) / The variables are nested too deep (at most ${MAX_VARIABLES_DEPTH} levels)`,
    extensions: { code: 'BAD_USER_INPUT', field: 'variables' },
  }] } };
}

/** nestingRefusal on the request's body or query string, answered at once. */
export const limitVariablesDepth: RequestHandler = (req, res, next) => {
  let variables: unknown = (req.body as { variables?: unknown } | undefined)?.variables;
  if (variables === undefined && typeof req.query.variables === 'string') {
    try { variables = JSON.parse(req.query.variables); } catch { variables = undefined; } // Apollo reports bad JSON itself
  }
  const query = (req.body as { query?: unknown } | undefined)?.query ?? req.query.query;
  const refused = nestingRefusal(query, variables);
  if (!refused) return next();
  res.status(refused.status).json(refused.body);
};
