// The data version of a PostgreSQL database, kept in memory so that a read does not ask the database for it each
// time. Every history entry bumps meta's data_version row; a trigger on that row (PostgreSQL migration 6) sends
// NOTIFY atlas_data_version with the new value, delivered at COMMIT, whichever process or tool wrote it. One
// connection of its own listens and keeps the cached value current; while it is not listening (starting, or lost
// until it reconnects), the version is read from the database each time, as before.
import pg from 'pg';

/** The channel the trigger notifies on. */
export const DATA_VERSION_CHANNEL = 'atlas_data_version';
/** The listening connection's application_name. */
export const LISTENER_NAME = 'atlas data version';
/** How long to wait before listening again after the listening connection was lost. */
const RECONNECT_MS = 1_000;

export interface DataVersionWatch {
  /** Settles once the first attempt to listen is over (listening, or reading each time until it can). */
  started: Promise<void>;
  /** The committed data version: from memory while listening, else one round trip. */
  current(): Promise<number>;
  /** A version this process has just committed: seen at once, before its notification comes back. */
  saw(version: number): void;
  /** Round trips made for current() so far (none while listening; tests check reads do not query). */
  roundTrips(): number;
  close(): Promise<void>;
}

/** The version stored in the database, read on `c`. */
export const dataVersionOf = async (c: Pick<pg.Pool, 'query'>): Promise<number> =>
  Number((await c.query(`SELECT value FROM meta WHERE key = 'data_version'`)).rows[0]?.value ?? 0);

/** Start listening for the data version of the database behind `pool` (a connection of its own, same settings). */
export function watchDataVersion(pool: pg.Pool): DataVersionWatch {
  let cached: number | null = null;
  let listener: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let closed = false;
  let trips = 0;

  const lost = (c: pg.Client) => {
    if (listener !== c) return;
    listener = null;
    cached = null;
    c.end().catch(() => undefined);
    if (!closed && !retry) retry = setTimeout(() => { retry = null; void listen(); }, RECONNECT_MS).unref();
  };

  const listen = async () => {
    // Named, so that pg_stat_activity tells it from the pool's connections.
    const c = new pg.Client({ ...pool.options, application_name: LISTENER_NAME });
    listener = c;
    // Notifications heard before the first read still count (the read may be older than one of them).
    let heard = 0;
    c.on('notification', (n) => {
      if (n.channel !== DATA_VERSION_CHANNEL) return;
      const v = Number(n.payload);
      if (!Number.isFinite(v)) return;
      heard = Math.max(heard, v);
      if (cached !== null) cached = Math.max(cached, v);
    });
    c.on('error', (e) => { console.error(`PostgreSQL: the data version listener failed (${e.message}); listening again`); lost(c); });
    c.on('end', () => lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${DATA_VERSION_CHANNEL}`);
      // Read only once listening: a commit after this read arrives as a notification.
      const v = await dataVersionOf(c);
      if (listener === c && !closed) cached = Math.max(v, heard);
    } catch {
      lost(c);
    }
  };
  const started = listen();

  return {
    started,
    current: async () => {
      if (cached !== null) return cached;
      trips++;
      return dataVersionOf(pool);
    },
    saw: (version) => { if (cached !== null) cached = Math.max(cached, version); },
    roundTrips: () => trips,
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = listener;
      listener = null;
      cached = null;
      await c?.end().catch(() => undefined);
    },
  };
}
