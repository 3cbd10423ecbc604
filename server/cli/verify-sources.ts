// `npm run verify-sources -- <report.txt>`: checks that every passage the seeds quote occurs in the
// report's full text (NFC, whitespace folded) and prints a table of those that do not. Not part of
// `npm test` (the report is not in the repository); .ci/run runs it when the report is at hand.
import { readFileSync } from 'node:fs';
import { readSeedBundle } from '../../geo/seed-bundle.ts';
import { quotesNotInReport, seedQuotes } from '../../geo/quotes-in-report.ts';
import { config } from '../config.ts';

const reportPath = process.argv[2];
if (!reportPath) {
  console.error('Usage: npm run verify-sources -- <report.txt>   (the full text of the report that seeds/muong-bang/sources.json cites as report-2025, UTF-8)');
  process.exit(2);
}

let text: string;
try {
  text = readFileSync(reportPath, 'utf8');
} catch (e) {
  console.error(`verify-sources: cannot read ${reportPath}: ${(e as Error).message}`);
  process.exit(2);
}

const bundle = readSeedBundle(config.seedDir);
const all = seedQuotes(bundle);
const missing = quotesNotInReport(bundle, text);
if (missing.length === 0) {
  console.log(`verify-sources: all ${all.length} quotes of ${config.seedDir} occur in ${reportPath}`);
} else {
  console.error(`verify-sources: ${missing.length} of ${all.length} quotes do not occur in ${reportPath}:`);
  console.error(['file | row | fact | quote', '--- | --- | --- | ---', ...missing.map((m) => `${m.file} | ${m.row} | ${m.fact} | ${m.quote}`)].join('\n'));
  process.exit(1);
}
