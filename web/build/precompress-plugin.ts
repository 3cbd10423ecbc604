// Writes a .br and a .gz beside each compressible file of the web build, so the portal sends them as they
// are (server/http/static-files.ts) instead of compressing on every request — and brotli at its best
// quality, which no server can afford per request (MapLibre's 1 MB chunk: 295 kB gzip, 240 kB brotli).
// That quality costs seconds per large file, so each result is kept in node_modules/.cache by content
// hash: a rebuild compresses only the files whose content changed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(m?js|css|html|svg|json|ttf|txt|map)$/;
/** Smaller files are sent as they are: the server's own compression skips them too (1 kB threshold). */
const MIN_BYTES = 1024;
/** Cached results not used by any build for this long are removed. */
const KEEP_MS = 14 * 24 * 3600 * 1000;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** The .br and .gz of one file's content, from the cache or compressed now (and cached). */
export async function compressed(content: Buffer, cacheDir: string): Promise<{ br: Buffer; gz: Buffer }> {
  mkdirSync(cacheDir, { recursive: true });
  const key = createHash('sha256').update(content).digest('hex');
  const out = { br: Buffer.alloc(0), gz: Buffer.alloc(0) };
  for (const ext of ['br', 'gz'] as const) {
    const cached = join(cacheDir, `${key}.${ext}`);
    if (existsSync(cached)) {
      out[ext] = await readFile(cached);
      const now = new Date();
      utimesSync(cached, now, now);
      continue;
    }
    out[ext] = ext === 'br'
      ? await brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } })
      : await gz(content, { level: 9 });
    await writeFile(cached, out[ext]);
  }
  return out;
}

/** Forget cached results no build has used for KEEP_MS. */
function prune(cacheDir: string): void {
  const old = Date.now() - KEEP_MS;
  for (const name of readdirSync(cacheDir)) {
    const file = join(cacheDir, name);
    if (statSync(file).mtimeMs < old) unlinkSync(file);
  }
}

/** Vite plugin: after the bundle is written, a .br and a .gz beside every compressible file of 1 kB or more. */
export function precompress(opts: { cacheDir: string }): Plugin {
  return {
    name: 'precompress',
    apply: 'build',
    async writeBundle(output, bundle) {
      const dir = output.dir!;
      mkdirSync(opts.cacheDir, { recursive: true });
      prune(opts.cacheDir);
      await Promise.all(Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name)).map(async (name) => {
        const file = join(dir, name);
        const content = await readFile(file);
        if (content.length < MIN_BYTES) return;
        const { br, gz: gzipped } = await compressed(content, opts.cacheDir);
        // Only where it is smaller: the server would otherwise send more bytes than the plain file.
        if (br.length < content.length) await writeFile(`${file}.br`, br);
        if (gzipped.length < content.length) await writeFile(`${file}.gz`, gzipped);
      }));
    },
  };
}
