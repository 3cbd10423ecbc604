// The outbox: field records kept in the device's IndexedDB until the portal has them, so that closing the
// browser (or the phone's battery running out) loses nothing recorded in a valley without signal.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FieldRecordResult, FieldResolution, OutboxRecord } from './field-record.ts';
import { stateAfter } from './field-record.ts';

interface OutboxDb extends DBSchema {
  records: { key: string; value: OutboxRecord & { order: number } };
}

const DB_NAME = 'atlas-field';
let db: Promise<IDBPDatabase<OutboxDb>> | null = null;
const listeners = new Set<() => void>();

function open(): Promise<IDBPDatabase<OutboxDb>> {
  db ??= openDB<OutboxDb>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('records', { keyPath: 'input.clientId' });
    },
  });
  return db;
}

function changed(): void {
  listeners.forEach((l) => l());
}

/** Call `listener` after every change to the outbox; returns the unsubscribe. */
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Every record, oldest first. */
export async function listOutbox(): Promise<OutboxRecord[]> {
  const all = await (await open()).getAll('records');
  return all.sort((a, b) => a.order - b.order).map(({ order: _order, ...r }) => r);
}

/** Keep a new record (waiting to be sent). */
export async function addToOutbox(record: Omit<OutboxRecord, 'state' | 'result' | 'sentAt'>): Promise<void> {
  await (await open()).put('records', { ...record, state: 'waiting', result: null, sentAt: null, order: Date.now() + Math.random() });
  changed();
}

/** Discard a record (it is never sent, or its answer has been read). */
export async function discardFromOutbox(clientId: string): Promise<void> {
  await (await open()).delete('records', clientId);
  changed();
}

/** Record the portal's answer to a record. */
export async function recordAnswer(result: FieldRecordResult, sentAt: string): Promise<void> {
  await update(result.clientId, (r) => ({ ...r, state: stateAfter(result.status), result, sentAt }));
}

/**
 * The officer's choice on a conflict: the record waits to be sent again with it (and, keeping their own
 * value, based on the version the portal now has).
 */
export async function resolveConflict(clientId: string, resolution: FieldResolution): Promise<void> {
  await update(clientId, (r) => ({
    ...r,
    state: 'waiting',
    input: { ...r.input, resolution, baseVersion: resolution === 'KEEP_MINE' ? r.result?.serverVersion ?? r.input.baseVersion : r.input.baseVersion },
  }));
}

/** Remove the records the portal has (applied, or the server's value kept). */
export async function clearDone(): Promise<void> {
  const d = await open();
  for (const r of await d.getAll('records')) if (r.state === 'applied' || r.state === 'keptServer') await d.delete('records', r.input.clientId);
  changed();
}

async function update(clientId: string, change: (r: OutboxRecord & { order: number }) => OutboxRecord & { order: number }): Promise<void> {
  const d = await open();
  const tx = d.transaction('records', 'readwrite');
  const r = await tx.store.get(clientId);
  if (r) await tx.store.put(change(r));
  await tx.done;
  changed();
}
