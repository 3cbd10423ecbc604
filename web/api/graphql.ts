// Typed GraphQL over fetch: the page talks only to its own portal, never to another host.

/** Where the portal answers GraphQL (same origin as the page). */
export const GRAPHQL_URL = '/graphql';

/** A GraphQL error as the portal sends it (GUIDE §3: a stable extensions.code and a readable message). */
export interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string };
  path?: Array<string | number>;
}

/** Thrown when the portal answers with errors or a non-2xx status. */
export class GraphQLRequestError extends Error {
  constructor(message: string, readonly errors: GraphQLErrorBody[] = [], readonly status?: number) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

/** POST one query to the portal and return its data, throwing on any error. */
export async function request<TData, TVars extends Record<string, unknown> = Record<string, never>>(
  query: string,
  variables?: TVars,
  signal?: AbortSignal,
): Promise<TData> {
  const res = await fetch(GRAPHQL_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  let body: { data?: TData; errors?: GraphQLErrorBody[] };
  try {
    body = await res.json();
  } catch {
    throw new GraphQLRequestError(`HTTP ${res.status}`, [], res.status);
  }
  if (body.errors?.length) {
    throw new GraphQLRequestError(body.errors.map((e) => e.message).join('; '), body.errors, res.status);
  }
  if (!res.ok || !body.data) throw new GraphQLRequestError(`HTTP ${res.status}`, [], res.status);
  return body.data;
}
