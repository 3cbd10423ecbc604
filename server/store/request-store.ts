// One request reads one snapshot. Resolvers ask the store for the snapshot many times in one request (each bản's
// geometry, each coverage); every ask checks the stored data version, a round trip to the database on PostgreSQL
// (24 of them for the 23 bản with their geometry). The request's store takes the snapshot once, at the first read,
// so a request also answers from one data version throughout. Any other call (an edit, an import, a sign-in) drops
// it before and after, so what a mutation reads after writing is the data it wrote.
import type { AtlasSnapshot, AtlasStore } from './atlas-store.ts';

type SnapshotRead = 'units' | 'unit' | 'boundary' | 'neighbours' | 'indicators' | 'indicator' | 'observations' | 'targets'
  | 'places' | 'sources' | 'source';

/**
 * Every other call of the store: a read leaves the data as it is and keeps the request's snapshot; a write drops it.
 * A Record, so that a method added to AtlasStore does not compile until it is said which it is.
 */
const CALLS: Record<Exclude<keyof AtlasStore, SnapshotRead | 'snapshot'>, 'read' | 'write'> = {
  dataVersion: 'read', villageDistances: 'read', villagesInArea: 'read', vectorTile: 'read', nationalCommunes: 'read',
  nationalTile: 'read', history: 'read', changesSince: 'read', change: 'read', fieldSubmission: 'read',
  fieldSubmissionById: 'read', fieldSubmissions: 'read', fieldPhoto: 'read', userByName: 'read', usernames: 'read',
  userById: 'read', sessionUser: 'read',
  atomically: 'write', setObservation: 'write', setObservations: 'write', publishObservation: 'write', removeObservation: 'write', setUnitName: 'write',
  setUnitCentre: 'write', setBoundary: 'write', addUnit: 'write', noteInHistory: 'write', addFieldSubmission: 'write',
  reviewFieldSubmission: 'write', createUser: 'write', createSession: 'write', deleteSession: 'write', close: 'write',
};
const isRead = (name: string) => (CALLS as Record<string, string>)[name] === 'read';

/** The store as one request sees it: the snapshot read once until something writes. */
export function requestStore(store: AtlasStore): AtlasStore {
  let taken: Promise<AtlasSnapshot> | null = null;
  const snapshot = (): Promise<AtlasSnapshot> => {
    if (taken) return taken;
    const p = store.snapshot();
    taken = p;
    p.catch(() => { if (taken === p) taken = null; }); // a failed read is tried again by the next resolver
    return p;
  };
  const read = <K extends SnapshotRead>(name: K) =>
    async (...args: Parameters<AtlasSnapshot[K]>) => ((await snapshot())[name] as (...a: unknown[]) => unknown)(...args);
  const reads: Partial<Record<keyof AtlasStore, unknown>> = {
    snapshot,
    units: read('units'), unit: read('unit'), boundary: read('boundary'), neighbours: read('neighbours'),
    indicators: read('indicators'), indicator: read('indicator'), observations: read('observations'), targets: read('targets'),
    places: read('places'), sources: read('sources'), source: read('source'),
  };
  return new Proxy(store, {
    get(target, name, receiver) {
      if (typeof name === 'string' && name in reads) return reads[name as keyof AtlasStore];
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      if (typeof name === 'string' && isRead(name)) return value.bind(target);
      return async (...args: unknown[]) => {
        taken = null;
        try {
          return await value.apply(target, args);
        } finally {
          taken = null;
        }
      };
    },
  });
}
