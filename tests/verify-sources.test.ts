// `npm run verify-sources -- <report.txt>` against a report text made in the test (the real report is
// not in the repository): it passes when every quote occurs, and names the fact whose quote does not.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSeedBundle } from '../geo/seed-bundle.ts';
import { seedQuotes } from '../geo/quotes-in-report.ts';

const root = new URL('..', import.meta.url).pathname;
const seeds = join(root, 'seeds/muong-bang');

function verify(reportText: string, seedDir = seeds) {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-verify-'));
  try {
    const report = join(dir, 'report.txt');
    writeFileSync(report, reportText);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/verify-sources.ts', report], {
      cwd: root, env: { ...process.env, SEED_DIR: seedDir }, encoding: 'utf8',
    });
    return { status: r.status, out: r.stdout + r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A stand-in for the report: every quote, decomposed (NFD) and broken over lines as a PDF export would be. */
const reportOf = (quotes: string[]) => quotes.map((q) => q.normalize('NFD').replace(/ /g, (s, i: number) => (i % 7 ? s : ' \n  '))).join('\n\n');

describe('npm run verify-sources', () => {
  const quotes = seedQuotes(readSeedBundle(seeds));

  it('passes when every quote occurs in the report text, whatever its Unicode form and line breaks', () => {
    expect(quotes.length).toBeGreaterThan(300);
    const r = verify(reportOf(quotes.map((q) => q.quote)));
    expect(r.out).toContain(`all ${quotes.length} quotes`);
    expect(r.status).toBe(0);
  }, 60_000);

  it('fails and names the observation whose quote was altered', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-seeds-'));
    try {
      cpSync(seeds, dir, { recursive: true });
      const file = join(dir, 'observations.json');
      const rows = JSON.parse(readFileSync(file, 'utf8'));
      const row = rows.findIndex((o: any) => o.unit === 'xa-muong-bang' && o.indicator === 'population');
      expect(rows[row].source.quote).toContain('12.831');
      rows[row].source.quote = rows[row].source.quote.replace('12.831', '12.832');
      writeFileSync(file, JSON.stringify(rows, null, 2));

      const r = verify(reportOf(quotes.map((q) => q.quote)), dir);
      expect(r.status).toBe(1);
      expect(r.out).toContain(`1 of ${quotes.length} quotes do not occur`);
      expect(r.out).toContain(`observations.json | ${row + 1} | xa-muong-bang population 2025 | `);
      expect(r.out).toContain('12.832 người');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('says how to use it when no report is given', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/verify-sources.ts'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Usage: npm run verify-sources -- <report.txt>');
  }, 60_000);
});
