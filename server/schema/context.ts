import type { AtlasStore } from '../store/atlas-store.ts';

/** Who is asking: anonymous, or a signed-in user with a role. */
export interface Viewer {
  role: 'anonymous' | 'viewer' | 'editor' | 'admin';
  name: string | null;
  userId?: number;
}

/** A visitor who is not signed in: who sees only what is public. */
export const ANONYMOUS: Viewer = { role: 'anonymous', name: null };

/** The HTTP session as resolvers may touch it: sign in and out set and clear the cookie. */
export interface SessionControl {
  /** Key of the client for rate limits (its address). */
  clientKey: string;
  signIn(userId: number): Promise<void>;
  signOut(): Promise<void>;
}

/** What every resolver gets: the store, the viewer and the session, nothing else. */
export interface AtlasContext {
  store: AtlasStore;
  viewer: Viewer;
  session: SessionControl;
  /**
   * Settles once the answer is written to the client or the connection closed (server/http/answer-written.ts): the
   * heavy-request turn is held until then. A function, so that only a heavy request pays for watching its response.
   */
  answerWritten?: () => Promise<void>;
}
