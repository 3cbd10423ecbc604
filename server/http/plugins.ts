import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { AtlasContext } from '../schema/context.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import { answerSizeCapPlugin } from './answer-size-cap.plugin.ts';
import { answerSizeWeightsPlugin } from './answer-size.ts';
import { heavyRequestGatePlugin, type HeavyRequestGate } from './heavy-request-gate.plugin.ts';
import { keepableAnswerPlugin } from './keepable-answer.plugin.ts';
import { noStorePlugin } from './no-store.plugin.ts';
import { sessionCachePlugin } from './session-cache-headers.ts';

/** Cross-cutting concerns of /graphql, one small plugin each, registered here in one place. */
/** `gate`: the heavy-request queue, shared with the path before Express (anonymous-post.ts). */
export function graphqlPlugins(store: AtlasStore, gate: HeavyRequestGate): Array<ApolloServerPlugin<AtlasContext>> {
  return [
    // The default landing page loads Apollo's sandbox from the internet; the portal stays offline.
    ApolloServerPluginLandingPageDisabled(),
    // The weights answerSizeRule estimates with, read from the store before validation.
    answerSizeWeightsPlugin(store),
    // Anonymous answers over the size cap are replaced by RESPONSE_TOO_LARGE (before the cache sees them).
    answerSizeCapPlugin(),
    // Heavy anonymous operations take turns, so small requests are never stuck behind thirty of them.
    heavyRequestGatePlugin(gate),
    // Apollo's cache-control plugin wraps every resolver to compute a policy from hints the portal never gives;
    // its one effect, no-store on every answer, is noStorePlugin's.
    ApolloServerPluginCacheControlDisabled(),
    noStorePlugin,
    // A signed-in user's answer is kept by no cache.
    sessionCachePlugin,
    // Last: says whether the answer, as the plugins above left it, may enter the answer cache (cached-reads.ts).
    keepableAnswerPlugin,
  ];
}
