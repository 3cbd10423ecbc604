import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { AtlasContext } from '../schema/context.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import { responseCachePlugin } from './response-cache.plugin.ts';
import { sessionCachePlugin } from './session-cache-headers.ts';

/** Cross-cutting concerns of /graphql, one small plugin each, registered here in one place. */
export function graphqlPlugins(store: AtlasStore): Array<ApolloServerPlugin<AtlasContext>> {
  return [
    // The default landing page loads Apollo's sandbox from the internet; the portal stays offline.
    ApolloServerPluginLandingPageDisabled(),
    // Repeated anonymous reads of unchanged data are answered from memory.
    responseCachePlugin(store),
    // A signed-in user's answer is kept by no cache.
    sessionCachePlugin,
  ];
}
