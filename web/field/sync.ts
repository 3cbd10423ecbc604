// Sends the outbox: every waiting record (new ones, and conflicts the officer has decided), in batches
// that stay well under the portal's 8 MB body limit for editors (a photo may be ~600 kB as base64).
import { syncFieldRecords, type FieldRecordInput } from '../api/field-sync.ts';
import { listOutbox, recordAnswer } from './outbox.ts';

const BATCH_BYTES = 3_000_000;

/** What one sync did. */
export interface SyncReport {
  sent: number;
}

let running: Promise<SyncReport> | null = null;

/** Send every waiting record once (a second call while one runs joins it). */
export function syncOutbox(): Promise<SyncReport> {
  running ??= send().finally(() => { running = null; });
  return running;
}

async function send(): Promise<SyncReport> {
  const waiting = (await listOutbox()).filter((r) => r.state === 'waiting').map((r) => r.input);
  let sent = 0;
  for (const batch of batches(waiting)) {
    const results = await syncFieldRecords(batch);
    const at = new Date().toISOString();
    for (const result of results) await recordAnswer(result, at);
    sent += batch.length;
  }
  return { sent };
}

/** Records grouped so that each request's body stays under BATCH_BYTES. */
function batches(records: FieldRecordInput[]): FieldRecordInput[][] {
  const out: FieldRecordInput[][] = [];
  let current: FieldRecordInput[] = [];
  let bytes = 0;
  for (const r of records) {
    const size = JSON.stringify(r).length;
    if (current.length && bytes + size > BATCH_BYTES) { out.push(current); current = []; bytes = 0; }
    current.push(r);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}
