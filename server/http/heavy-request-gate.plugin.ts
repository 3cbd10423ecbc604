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

/** The one queue of heavy anonymous operations, shared by Apollo's path and the path before Express (anonymous-post.ts). */
export interface HeavyRequestGate {
  /** True when the validated document's estimated answer (answer-size.ts) is heavy: it must take its turn. */
  isHeavy(document: DocumentNode): boolean;
  /** Wait for the turn (at once when free). */
  acquire(): Promise<void>;
  /** Give the turn back once the answer is written (the next one starts on a later turn of the event loop). */
  releaseWhen(written: Promise<void> | undefined): void;
}

/** A gate of its own (one per portal: createApp makes it and hands it to both paths). */
export function heavyRequestGate(): HeavyRequestGate {
  const { acquire, release } = takeTurns();
  return {
    isHeavy: (document) => (estimatedAnswerBytes(document) ?? 0) > HEAVY_ANSWER_BYTES,
    acquire,
    releaseWhen: (written) => { if (written) void written.then(release); else release(); },
  };
}

/** Anonymous operations whose estimated answer is heavy wait for their turn, one at a time. */
export function heavyRequestGatePlugin(gate: HeavyRequestGate = heavyRequestGate()): ApolloServerPlugin<AtlasContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.viewer.role !== 'anonymous') return;
      let held = false;
      return {
        async didResolveOperation({ document }: { document: DocumentNode }) {
          if (!gate.isHeavy(document)) return;
          await gate.acquire();
          held = true;
        },
        async willSendResponse() {
          if (!held) return;
          held = false;
          // Not awaited: the answer is serialised and written after this hook returns.
          gate.releaseWhen(contextValue.answerWritten?.());
        },
      };
    },
  };
}
