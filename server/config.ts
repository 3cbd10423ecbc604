import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository: the nearest folder above this file with package.json (server/ as TypeScript, dist/server/ built). */
function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const root = repositoryRoot(dirname(fileURLToPath(import.meta.url)));

/** Settings from the environment, with the embedded defaults that make `npm start` work as it is. */
export const config = {
  port: Number(process.env.PORT ?? 4000),
  host: process.env.HOST ?? '127.0.0.1',
  dataDir: resolve(root, process.env.DATA_DIR ?? 'data'),
  /** postgres://… selects PostgreSQL/PostGIS as the store; unset, the SQLite file in dataDir. */
  databaseUrl: process.env.DATABASE_URL || null,
  /** A streaming replica of DATABASE_URL for reads (optional; writes and sessions stay on DATABASE_URL). */
  databaseReadUrl: process.env.DATABASE_READ_URL || null,
  seedDir: resolve(root, process.env.SEED_DIR ?? 'seeds/muong-bang'),
  /** Every province and commune of Vietnam (read-only reference data, seeds/vietnam/). */
  nationalSeedDir: resolve(root, process.env.NATIONAL_SEED_DIR ?? 'seeds/vietnam'),
  /**
   * Where the cut national tiles are kept between starts (SQLite store; one file per seed version, a few MB): the
   * data directory's national-tiles/ unless NATIONAL_TILE_DIR says otherwise.
   */
  nationalTileDir: resolve(root, process.env.NATIONAL_TILE_DIR || join(process.env.DATA_DIR ?? 'data', 'national-tiles')),
  webDir: resolve(root, 'dist/web'),
  /** Most characters of one anonymous GraphQL answer (server/http/answer-size-cap.plugin.ts); default 2 MB. */
  anonymousAnswerCap: Number(process.env.ANONYMOUS_ANSWER_CAP ?? 2 * 1024 * 1024),
  root,
  /** Bound of the cache of anonymous GraphQL answers, in bytes of every encoding kept (32 MB). */
  answerCacheBytes: Number(process.env.ANSWER_CACHE_BYTES ?? 32 * 1024 * 1024),
  /**
   * Anonymous JSON POSTs of a query are answered before Express (server/http/anonymous-post.ts);
   * ANONYMOUS_POST_FAST_PATH=0 sends them through Express and Apollo, as every other request (a fallback for operators;
   * the tests compare both paths).
   */
  anonymousPostFastPath: process.env.ANONYMOUS_POST_FAST_PATH !== '0',
  /** Serve HTTPS directly from these PEM files (both or neither), e.g. for HOST=0.0.0.0 on a commune LAN. */
  tlsCert: process.env.TLS_CERT ? resolve(root, process.env.TLS_CERT) : null,
  tlsKey: process.env.TLS_KEY ? resolve(root, process.env.TLS_KEY) : null,
  /**
   * Behind a reverse proxy: which proxies to believe about the client's address and protocol (Express's
   * "trust proxy": loopback, an address, a hop count…). Off by default: X-Forwarded-* from anyone would be lies.
   */
  trustProxy: process.env.TRUST_PROXY || null,
  /** The portal's public address for absolute links (OGC API), e.g. https://atlas.example.vn; else the request's own. */
  publicUrl: process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).origin : null,
  /** A client has this long to send its headers, and this long for the whole request with its body; then it is dropped. */
  headersTimeoutMs: Number(process.env.HEADERS_TIMEOUT_MS ?? 20_000),
  requestTimeoutMs: Number(process.env.REQUEST_TIMEOUT_MS ?? 60_000),
};
