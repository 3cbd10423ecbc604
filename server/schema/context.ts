import type { AtlasStore } from '../store/atlas-store.ts';

/** Who is asking. Sign-in arrives with the editing API; until then every visitor is anonymous. */
export interface Viewer {
  role: 'anonymous' | 'viewer' | 'editor' | 'admin';
  name: string | null;
}

/** What every resolver gets: the store and the viewer, nothing else. */
export interface AtlasContext {
  store: AtlasStore;
  viewer: Viewer;
}
