// `npm run bench` writes to an untracked file unless asked to update the committed figures.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { resultsFile, writeResults } from './bench/results-file.ts';

const root = new URL('..', import.meta.url).pathname;

describe('bench results file', () => {
  it('is tests/bench/out/<name> by default, git-ignored, and the committed tests/bench/<name> with --save', () => {
    expect(resultsFile('results.json', [])).toBe(join(root, 'tests/bench/out/results.json'));
    expect(resultsFile('results.json', ['--connections', '5'])).toBe(join(root, 'tests/bench/out/results.json'));
    expect(resultsFile('results.json', ['--save'])).toBe(join(root, 'tests/bench/results.json'));
    const ignored = readFileSync(join(root, '.gitignore'), 'utf8').split('\n').map((l) => l.trim());
    expect(ignored).toContain('tests/bench/out/');
    expect(existsSync(join(root, 'tests/bench/results.json'))).toBe(true); // the committed figures stay
  });

  it('creates tests/bench/out/ when it writes there, and names the file relative to the repository', () => {
    const file = resultsFile('results-file-test.json', []);
    try {
      expect(writeResults(file, { ok: 1 })).toBe('tests/bench/out/results-file-test.json');
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ok: 1 });
    } finally {
      rmSync(file, { force: true });
    }
  });
});
