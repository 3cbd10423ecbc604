// The last published value of each observation, written where the column is new (the migration) or the rows are
// (seeding): a value published now is its own last published value; a value whose publication an earlier edit wiped
// (before the column existed) gets back the last published one its history records, so the public sees it again.
// Each gets the version the public saw it at (the migration that added it, or seeding; publishedVersion).
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { isDeepStrictEqual } from 'node:util';
import type { Observation, Publication, UnversionedPublishedValue as PublishedValue } from './atlas-store.ts';
import { publishedValueOf } from './published-value.ts';

type HistoryValue = Parameters<typeof publishedValueOf>[0] & { publication: Publication | null; published?: PublishedValue | null };
interface ObservationRow { id: number; unit_id: string; indicator: string; period: string; published: PublishedValue | null; current: PublishedValue | null }

type HistoryEntry = { entity_id: string; field: string; old_value: HistoryValue | null; new_value: HistoryValue | null };

/**
 * Per cell ("unit|indicator@period"), the last value the history shows published (a seeded value shows only as the
 * old value of its first edit); a removal forgets it.
 */
function lastPublishedInHistory(entries: Iterable<HistoryEntry>): Map<string, PublishedValue> {
  const last = new Map<string, PublishedValue>();
  for (const e of entries) {
    const key = `${e.entity_id}|${e.field}`;
    if (e.old_value?.publication) last.set(key, publishedValueOf(e.old_value, e.old_value.publication));
    if (e.new_value === null) last.delete(key);
    else if (e.new_value.publication) last.set(key, publishedValueOf(e.new_value, e.new_value.publication));
  }
  return last;
}

/** The published value each row should keep: its own when published, else the history's, else none (unchanged). */
function carried(rows: ObservationRow[], history: Map<string, PublishedValue>): { id: number; published: PublishedValue }[] {
  return rows.flatMap((r) => {
    const published = r.current ?? (r.published ? null : history.get(`${r.unit_id}|${r.indicator}@${r.period}`) ?? null);
    return published ? [{ id: r.id, published }] : [];
  });
}

/**
 * The version at which the public began to see a cell's last published value, from the cell's history (oldest first):
 * the version after the last entry that changed what the public sees (a publish action, a value put back as published,
 * a publish undone), counted back from the current version, since each entry of a value wrote one version. Without
 * such an entry (a value published by the seeds), the version before the first entry. Entries up to the last removal
 * were about an earlier row.
 */
function publishedVersion(entries: HistoryEntry[], currentVersion: number): number {
  let start = 0;
  entries.forEach((e, i) => { if (e.new_value === null) start = i + 1; });
  const own = entries.slice(start);
  let since = 0;
  own.forEach((e, i) => { if (changesPublic(e)) since = i + 1; });
  return Math.max(1, currentVersion - (own.length - since));
}

/** Whether after this entry the public saw another value than before it. */
function changesPublic(e: HistoryEntry): boolean {
  if (!e.new_value) return false;
  if (e.new_value.publication) return true;
  // Entries written before the last published value was kept say nothing of it: an edit then changed nothing public.
  return e.new_value.published !== undefined && !isDeepStrictEqual(e.new_value.published ?? null, e.old_value?.published ?? null);
}

interface VersionRow { id: number; unit_id: string; indicator: string; period: string; version: number; published: (PublishedValue & { version?: number }) | null }

/** The rows whose last published value has no version yet, each with the one its history gives. */
function withVersions(rows: VersionRow[], entries: HistoryEntry[]): { id: number; published: PublishedValue & { version: number } }[] {
  const byCell = new Map<string, HistoryEntry[]>();
  for (const e of entries) {
    const key = `${e.entity_id}|${e.field}`;
    const cell = byCell.get(key);
    if (cell) cell.push(e); else byCell.set(key, [e]);
  }
  return rows.flatMap((r) => (r.published && typeof r.published.version !== 'number'
    ? [{ id: r.id, published: { ...r.published, version: publishedVersion(byCell.get(`${r.unit_id}|${r.indicator}@${r.period}`) ?? [], r.version) } }]
    : []));
}

/** On SQLite: the version the public saw each last published value at, where it has none (kept before versions were). */
export function versionPublishedValues(db: Database.Database): void {
  const parse = (s: string | null) => (s === null ? null : JSON.parse(s));
  const entries = (db.prepare(`SELECT entity_id, field, old_value, new_value FROM changes WHERE entity = 'observation' ORDER BY id`).all() as any[])
    .map((r) => ({ entity_id: r.entity_id, field: r.field, old_value: parse(r.old_value), new_value: parse(r.new_value) }));
  const rows = (db.prepare(`SELECT id, unit_id, indicator, period, version, published FROM observations WHERE published IS NOT NULL`).all() as any[])
    .map((r): VersionRow => ({ ...r, published: parse(r.published) }));
  const update = db.prepare(`UPDATE observations SET published = ? WHERE id = ?`);
  for (const x of withVersions(rows, entries)) update.run(JSON.stringify(x.published), x.id);
}

/** On PostgreSQL: the same (as versionPublishedValues on SQLite). */
export async function versionPublishedValuesPg(c: pg.Pool | pg.PoolClient): Promise<void> {
  const entries = (await c.query(`SELECT entity_id, field, old_value, new_value FROM changes WHERE entity = 'observation' ORDER BY id`)).rows;
  const rows = (await c.query(`SELECT id, unit_id, indicator, period, version, published FROM observations WHERE published IS NOT NULL`)).rows as VersionRow[];
  for (const x of withVersions(rows, entries)) await c.query(`UPDATE observations SET published = $1 WHERE id = $2`, [JSON.stringify(x.published), x.id]);
}

const currentIfPublished = (o: Pick<Observation, 'publication'> & Parameters<typeof publishedValueOf>[0]) =>
  o.publication ? publishedValueOf(o, o.publication) : null;

/** On SQLite: every row's last published value, from itself or its history. */
export function carryPublishedValues(db: Database.Database): void {
  const parse = (s: string | null) => (s === null ? null : JSON.parse(s));
  const history = lastPublishedInHistory((db.prepare(`SELECT entity_id, field, old_value, new_value FROM changes WHERE entity = 'observation' ORDER BY id`)
    .all() as any[]).map((r) => ({ entity_id: r.entity_id, field: r.field, old_value: parse(r.old_value), new_value: parse(r.new_value) })));
  const rows = (db.prepare(`SELECT * FROM observations`).all() as any[]).map((r): ObservationRow => ({
    id: r.id, unit_id: r.unit_id, indicator: r.indicator, period: r.period, published: parse(r.published),
    current: currentIfPublished({
      value: parse(r.value), comparator: r.comparator ?? null, denominator: r.denominator, status: r.status, source: JSON.parse(r.source),
      formula: r.formula, note: r.note, enteredBy: r.entered_by, enteredAt: r.entered_at, publication: parse(r.publication),
    }),
  }));
  const update = db.prepare(`UPDATE observations SET published = ? WHERE id = ?`);
  for (const c of carried(rows, history)) update.run(JSON.stringify(c.published), c.id);
  versionPublishedValues(db);
}

/** On PostgreSQL: the same (as carryPublishedValues on SQLite). */
export async function carryPublishedValuesPg(c: pg.Pool | pg.PoolClient): Promise<void> {
  const history = lastPublishedInHistory((await c.query(`SELECT entity_id, field, old_value, new_value FROM changes WHERE entity = 'observation' ORDER BY id`)).rows);
  const rows = (await c.query(`SELECT * FROM observations`)).rows.map((r: any): ObservationRow => ({
    id: r.id, unit_id: r.unit_id, indicator: r.indicator, period: r.period, published: r.published,
    current: currentIfPublished({
      value: r.value, comparator: r.comparator ?? null, denominator: r.denominator, status: r.status, source: r.source,
      formula: r.formula, note: r.note, enteredBy: r.entered_by, enteredAt: r.entered_at, publication: r.publication,
    }),
  }));
  for (const x of carried(rows, history)) await c.query(`UPDATE observations SET published = $1 WHERE id = $2`, [JSON.stringify(x.published), x.id]);
  await versionPublishedValuesPg(c);
}
