// Where a bench writes its figures: by default an untracked file under tests/bench/out/ (git-ignored),
// so measuring leaves the repository as it was; with --save, the committed tests/bench/<name>,
// updated on purpose.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const root = join(benchDir, '..', '..');

/** The results file for `name` ("results.json"): tests/bench/out/<name>, or tests/bench/<name> when args hold --save. */
export function resultsFile(name: string, args: readonly string[] = process.argv.slice(2)): string {
  return args.includes('--save') ? join(benchDir, name) : join(benchDir, 'out', name);
}

/** Write figures as JSON (creating tests/bench/out/ when needed); returns the path relative to the repository. */
export function writeResults(path: string, data: unknown): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(data, null, 2) + '\n');
  return relative(root, path);
}
