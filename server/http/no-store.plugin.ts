// Every GraphQL answer says `Cache-Control: no-store` unless a later step says otherwise (session-cache-headers.ts
// for signed-in users; cached-reads.ts writes its own headers for the answers it keeps). Apollo's default
// cache-control plugin said the same, but to say it, it computed a cache policy for every field of every answer
// (a hook around each resolver) from hints the portal never gives; plugins.ts disables it.
import type { ApolloServerPlugin } from '@apollo/server';

/** `Cache-Control: no-store` on every answer that has no Cache-Control yet. */
export const noStorePlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};
