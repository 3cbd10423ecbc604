// The last published value of each observation, written where the column is new (the migration) or the rows are
// (seeding): a value published now is its own last published value; a value whose publication an earlier edit wiped
// (before the column existed) gets back the last published one its history records, so the public sees it again.
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { Observation, Publication, PublishedValue } from './atlas-store.ts';
import { publishedValueOf } from './published-value.ts';

type HistoryValue = Parameters<typeof publishedValueOf>[0] & { publication: Publication | null };
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
}
