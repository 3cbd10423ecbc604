// Imports cut by a power cut, shared by the crash soak (tests/bench/crash-soak.ts) and tests/reliability.test.ts:
// CSV files of 81 rows (every unit × 3 indicators, one new period per file) sent one after another until the
// server dies, and the check that each one is in the database wholly or not at all — wholly when acknowledged.
import type Database from 'better-sqlite3';
import type { Client } from './session.ts';

/** Period → rows the file held, and whether the server acknowledged the import. */
export type ImportLedger = Map<string, { rows: number; applied: boolean }>;

const IMPORT = 'mutation ($i: ObservationImportInput!) { importObservations(input: $i) { applied problems { message } } }';

/** One file: every unit × population, households and poor households, for one new period. */
export function importFile(units: string[], period: string): { rows: number; fileBase64: string } {
  const rows = units.flatMap((u, j) => ['population', 'households', 'poorHouseholds'].map((k, m) => `${u},${k},${period},${100 + j * 3 + m}`));
  return { rows: rows.length, fileBase64: Buffer.from(['unit,indicator,period,value', ...rows].join('\n')).toString('base64') };
}

/**
 * Import files for periods firstPeriod, firstPeriod + 1, … one after another, each written into the ledger before
 * it is sent and marked applied once acknowledged. Ends 'cut' when a request fails (the server died under it),
 * 'stopped' when until() says so between imports; a refused import is an error.
 */
export async function importUntilCut(c: Client, units: string[], firstPeriod: number, ledger: ImportLedger,
  until: () => boolean, onApplied: (rows: number) => void = () => {}): Promise<'cut' | 'stopped'> {
  for (let i = 0; !until(); i++) {
    const period = `${firstPeriod + i}`;
    const { rows, fileBase64 } = importFile(units, period);
    ledger.set(period, { rows, applied: false });
    const r = await c.gql(IMPORT, { i: { fileBase64, format: 'CSV', dryRun: false, sourceNote: 'thử mất điện khi nhập' } }).catch(() => null);
    if (!r) return 'cut';
    if (r.body.errors || !r.body.data.importObservations.applied) {
      throw new Error(`import refused: ${JSON.stringify(r.body.errors ?? r.body.data.importObservations.problems.slice(0, 3))}`);
    }
    ledger.set(period, { rows, applied: true });
    onApplied(rows);
  }
  return 'stopped';
}

export interface ImportDamage { period: string; stored: number; rows: number }

/** Imports of the ledger found half-written (neither 0 nor all rows), and acknowledged ones not wholly there. */
export function importDamage(db: Database.Database, ledger: ImportLedger): { halfWritten: ImportDamage[]; lost: ImportDamage[] } {
  const count = db.prepare('SELECT count(*) FROM observations WHERE period = ?').pluck();
  const halfWritten: ImportDamage[] = [], lost: ImportDamage[] = [];
  for (const [period, imp] of ledger) {
    const stored = count.get(period) as number;
    if (stored !== 0 && stored !== imp.rows) halfWritten.push({ period, stored, rows: imp.rows });
    if (imp.applied && stored !== imp.rows) lost.push({ period, stored, rows: imp.rows });
  }
  return { halfWritten, lost };
}
