import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { AtlasContext } from '../schema/context.ts';

/** Cross-cutting concerns of /graphql, one small plugin each, registered here in one place. */
export function graphqlPlugins(): Array<ApolloServerPlugin<AtlasContext>> {
  return [
    // The default landing page loads Apollo's sandbox from the internet; the portal stays offline.
    ApolloServerPluginLandingPageDisabled(),
  ];
}
