// One heavy anonymous operation runs at a time: thirty of them at once would take turns on the event
// loop with every small request behind them; queued here, a small request waits for at most one.
import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import type { AtlasContext } from '../schema/context.ts';
import { estimatedAnswerBytes } from './answer-size.ts';

/** An operation estimated above this many bytes of answer is heavy. */
export const HEAVY_ANSWER_BYTES = 256 * 1024;

/** Anonymous operations whose estimated answer is heavy wait for their turn, one at a time. */
export function heavyRequestGatePlugin(): ApolloServerPlugin<AtlasContext> {
  let busy = false;
  const waiting: Array<() => void> = [];
  const acquire = () => new Promise<void>((resolve) => {
    if (!busy) { busy = true; resolve(); } else waiting.push(resolve);
  });
  // Released on a later turn of the event loop, so the answer just computed is serialised and written
  // first, and requests that arrived meanwhile are read before the next heavy one starts.
  const release = () => setImmediate(() => {
    const next = waiting.shift();
    if (next) next(); else busy = false;
  });
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
          if (held) { held = false; release(); }
        },
      };
    },
  };
}
