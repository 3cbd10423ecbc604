// One heavy anonymous operation runs at a time (take-turns.ts): a small request waits for at most one. The turn is
// held until its answer is written: serialising and compressing 200 kB answers of sixteen clients at once, after
// their resolvers, was what still kept a trivial query waiting under a storm of national outline pages.
import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import type { AtlasContext } from '../schema/context.ts';
import { estimatedAnswerBytes } from './answer-size.ts';
import { takeTurns } from './take-turns.ts';

/** An operation estimated above this many bytes of answer is heavy. */
export const HEAVY_ANSWER_BYTES = 256 * 1024;

/** Anonymous operations whose estimated answer is heavy wait for their turn, one at a time. */
export function heavyRequestGatePlugin(): ApolloServerPlugin<AtlasContext> {
  const { acquire, release } = takeTurns();
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.viewer.role !== 'anonymous') return;
      let held = false;
      return {
        async didResolveOperation({ document }: { document: DocumentNode }) {
          if ((estimatedAnswerBytes(document) ?? 0) <= HEAVY_ANSWER_BYTES) return;
          await acquire();
          held = true;
        },
        async willSendResponse() {
          if (!held) return;
          held = false;
          // Not awaited: the answer is serialised and written after this hook returns.
          if (contextValue.answerWritten) void contextValue.answerWritten().then(release);
          else release();
        },
      };
    },
  };
}
