import { resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);

/** Settings from the environment, with the embedded defaults that make `npm start` work as it is. */
export const config = {
  port: Number(process.env.PORT ?? 4000),
  host: process.env.HOST ?? '127.0.0.1',
  dataDir: resolve(root, process.env.DATA_DIR ?? 'data'),
  seedDir: resolve(root, process.env.SEED_DIR ?? 'seeds/muong-bang'),
  webDir: resolve(root, 'dist/web'),
  /** Most characters of one anonymous GraphQL answer (server/http/answer-size-cap.plugin.ts); default 2 MB. */
  anonymousAnswerCap: Number(process.env.ANONYMOUS_ANSWER_CAP ?? 2 * 1024 * 1024),
  root,
};
