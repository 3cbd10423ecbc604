// Apollo's word on whether an answer may be kept by the answer cache (server/http/answer-cache.ts): only
// what Apollo itself produced for an anonymous read, with every limit and access rule already applied.
import type { ApolloServerPlugin } from '@apollo/server';
import type { AtlasContext } from '../schema/context.ts';

/** What Apollo made of one request: was it a read (a query operation), and may its answer be kept? */
export interface AnswerVerdict {
  read: boolean;
  keep: boolean;
}

// Keyed by the HTTP request object server/http/graphql-handler.ts hands to Apollo (Apollo copies the context
// object, but passes this one through as request.http).
const verdicts = new WeakMap<object, AnswerVerdict>();

/** The verdict on this HTTP request (undefined: Apollo refused it before it resolved an operation). */
export function answerVerdict(httpRequest: object): AnswerVerdict | undefined {
  return verdicts.get(httpRequest);
}

/**
 * Marks the answer of an anonymous query as keepable when it has data, no errors and status 200. Registered
 * last: the size cap replaces an over-size answer with RESPONSE_TOO_LARGE before this looks at it.
 */
export const keepableAnswerPlugin: ApolloServerPlugin<AtlasContext> = {
  async requestDidStart({ contextValue, request }) {
    const http = request.http;
    if (contextValue.viewer.role !== 'anonymous' || !http) return;
    return {
      async didResolveOperation({ operation }) {
        verdicts.set(http, { read: operation?.operation === 'query', keep: false });
      },
      async willSendResponse({ response }) {
        const verdict = verdicts.get(http);
        if (!verdict?.read) return;
        const body = response.body;
        verdict.keep = body.kind === 'single' && !body.singleResult.errors?.length && Boolean(body.singleResult.data)
          && (response.http.status ?? 200) === 200;
      },
    };
  },
};
