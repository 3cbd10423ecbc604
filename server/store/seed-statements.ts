// What the seeds record each document as stating: every seeded value names the document it rests on (with its
// section and quote), so "report-2025 states 5 of 6 bản of former Mường Lang are drug-free" is a recorded statement.
// An admin's publish action on that document must publish that value and no other (server/access/publication-rule.ts).
import { readSeedBundle } from '../../geo/seed-bundle.ts';
import type { ObservationSeed } from '../../geo/seed-types.ts';
import { config } from '../config.ts';

let statements: Map<string, ObservationSeed> | null = null;
const key = (doc: string, unitId: string, indicator: string, period: string) => JSON.stringify([doc, unitId, indicator, period]);

/** The seeded value `doc` is recorded as stating for this unit, indicator and period, if the seeds record one. */
export function recordedStatement(doc: string, unitId: string, indicator: string, period: string): ObservationSeed | undefined {
  // Read once: the seeds are part of the code, never edited at run time.
  statements ??= new Map(readSeedBundle(config.seedDir).observations.map((o) => [key(o.source.doc, o.unit, o.indicator, o.period), o]));
  return statements.get(key(doc, unitId, indicator, period));
}
