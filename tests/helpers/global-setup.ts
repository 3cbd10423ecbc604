// Builds the web app once before the tests, so page tests always see the current web/ sources.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup() {
  const root = new URL('../..', import.meta.url).pathname;
  if (!existsSync(`${root}web/index.html`)) return;
  // NODE_ENV=production: Vitest sets "test", which would make Vite bundle React's development build.
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' },
  });
}
