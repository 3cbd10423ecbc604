// Builds the web app once before the tests, so page tests always see the current web/ sources. The build is skipped
// when dist/web was built from exactly the same sources (a stamp of their hash): running one test file after another
// shares one bundle instead of spending a build (a minute on a loaded 2-core machine) on each.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Everything the web build reads from the repository (its node_modules are pinned by package-lock.json). */
const BUILD_INPUTS = ['web', 'geo', 'server/examples.graphql', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'];

function hashInputs(root: string): string {
  const hash = createHash('sha256');
  const add = (rel: string) => {
    const path = join(root, rel);
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) add(join(rel, name));
      return;
    }
    hash.update(`${rel}\0`).update(readFileSync(path)).update('\0');
  };
  BUILD_INPUTS.forEach(add);
  return hash.digest('hex');
}

export default function setup() {
  const root = new URL('../..', import.meta.url).pathname;
  if (!existsSync(`${root}web/index.html`)) return;
  const stamp = join(root, 'dist/web/.sources-hash');
  const sources = hashInputs(root);
  if (existsSync(join(root, 'dist/web/index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === sources) return;
  // NODE_ENV=production: Vitest sets "test", which would make Vite bundle React's development build.
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' },
  });
  writeFileSync(stamp, sources);
}
