// The peer an analyst would pick: PostGraphile 4 with @graphile/postgis over the portal's own PostgreSQL database,
// as a production deployment would run it (no GraphiQL, no query log, no schema watching, no mutations). It reads
// only the `peer` schema (peer-schema.sql) as the read-only role `peer_reader`. Run by tests/bench/peer.ts:
//   node serve-peer.mjs <database url>   → prints "peer:<port>" once it listens on 127.0.0.1.
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import PostgisPlugin from '@graphile/postgis';

const url = process.argv[2];
if (!url) throw new Error('usage: node serve-peer.mjs <postgres url of the read-only role>');
// The same pool size as the portal's default (DATABASE_POOL_SIZE 10).
const pool = new pg.Pool({ connectionString: url, max: 10 });
const middleware = postgraphile(pool, ['peer'], {
  appendPlugins: [PostgisPlugin.default ?? PostgisPlugin],
  graphiql: false,
  disableQueryLog: true,
  watchPg: false,
  dynamicJson: true,
  ignoreRBAC: false,
  disableDefaultMutations: true,
  setofFunctionsContainNulls: false,
  retryOnInitFail: false,
  extendedErrors: ['errcode'],
});
const server = createServer(middleware);
server.listen(0, '127.0.0.1', () => console.log(`peer:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
