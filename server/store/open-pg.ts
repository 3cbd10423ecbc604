// Opening PostgreSQL/PostGIS (DATABASE_URL): a pool with a statement timeout, PostGIS checked, migrations run,
// seeded on the very first start. Every way it can fail at start says what is wrong and how to fix it.
import pg from 'pg';
import { DatabaseProblem } from './open-database.ts';
import { migratePg } from './pg-migrations.ts';
import { seedPg } from './pg-seed.ts';
import { pgStore, type PgAtlasStore } from './pg-store.ts';

/** Longest a statement may run (ms): a runaway query is stopped by the server, not left holding a connection. */
const STATEMENT_TIMEOUT_MS = Number(process.env.STATEMENT_TIMEOUT_MS ?? 15_000);
/** Connections per pool: enough for concurrent requests, few enough for a small server's max_connections. */
const POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10);

/** Where a URL points, without its password (for messages and the start-up line). */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || new URLSearchParams(u.search).get('host') || 'localhost';
    return `postgres://${u.username ? `${decodeURIComponent(u.username)}@` : ''}${host}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'DATABASE_URL (not a valid URL)';
  }
}

function newPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, statement_timeout: STATEMENT_TIMEOUT_MS, connectionTimeoutMillis: 10_000 });
  // An idle connection the server closes (restart, failover) is dropped from the pool; the next query opens another.
  pool.on('error', (e) => console.error(`PostgreSQL: an idle connection failed (${e.message}); it was dropped`));
  return pool;
}

/** The named problem behind a failed first connection, with its fix. */
function unreachable(url: string, e: unknown): DatabaseProblem {
  const code = (e as { code?: string }).code ?? '';
  const where = describeUrl(url);
  if (code === '28P01' || code === '28000') {
    return new DatabaseProblem(`PostgreSQL từ chối đăng nhập / PostgreSQL refused the login at ${where} (${code}). Check the user and password in DATABASE_URL.`);
  }
  if (code === '3D000') {
    return new DatabaseProblem(`Không có cơ sở dữ liệu / The database at ${where} does not exist. Create it: createdb <name> (as the postgres user), then start again.`);
  }
  return new DatabaseProblem(`Không kết nối được PostgreSQL / Cannot reach PostgreSQL at ${where} (${code || (e as Error).message}). ` +
    `Start the server (e.g. systemctl start postgresql) or correct DATABASE_URL; unset DATABASE_URL to use the embedded SQLite database instead.`);
}

/** PostGIS must be installed in the database (CREATE EXTENSION needs a superuser or the database owner). */
async function ensurePostgis(pool: pg.Pool, url: string): Promise<void> {
  const installed = (await pool.query(`SELECT 1 FROM pg_extension WHERE extname = 'postgis'`)).rowCount! > 0;
  if (installed) return;
  const available = (await pool.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'`)).rowCount! > 0;
  if (!available) {
    throw new DatabaseProblem(`PostGIS chưa được cài / PostGIS is missing on the server of ${describeUrl(url)}. ` +
      'Install it (Debian: apt-get install postgresql-15-postgis-3), then start again.');
  }
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS postgis');
  } catch (e) {
    throw new DatabaseProblem(`PostGIS chưa được bật / PostGIS is not enabled in ${describeUrl(url)} and this user may not enable it ` +
      `(${(e as Error).message}). As a superuser run: psql -d <database> -c 'CREATE EXTENSION postgis', then start again.`);
  }
}

/** Open (migrate, seed when new) the PostgreSQL database at `url`; reads go to `readUrl` when given (a streaming replica). */
export async function openPgStore(url: string, seedDir: string, readUrl: string | null = null): Promise<{ store: PgAtlasStore; seeded: boolean }> {
  const pool = newPool(url);
  try {
    const client = await pool.connect().catch((e: unknown) => { throw unreachable(url, e); });
    client.release();
    await ensurePostgis(pool, url);
    const migrator = await pool.connect();
    try { await migratePg(migrator); } finally { migrator.release(); }
    const { seeded } = await seedPg(pool, seedDir);
    let readPool: pg.Pool | null = null;
    if (readUrl) {
      readPool = newPool(readUrl);
      await readPool.query('SELECT 1').catch(async (e: unknown) => { await readPool!.end(); throw unreachable(readUrl, e); });
    }
    const store = pgStore(pool, readPool);
    await store.started;
    return { store, seeded };
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
  }
}
