// The outbox: what waits on the device, what the portal answered for each record, and the officer's choice
// where a record met a newer change on the portal (both values shown; nothing is overwritten unasked).
import { useCallback, useEffect, useState } from 'react';
import type { JsonValue } from '../api/graphql.ts';
import { formatDate, formatDecimal } from '../format/number.ts';
import { indicatorName, t } from '../i18n/i18n.ts';
import type { Indicator } from '../api/types.ts';
import type { FieldRecordInput, OutboxRecord } from './field-record.ts';
import { clearDone, discardFromOutbox, listOutbox, onOutboxChange, resolveConflict } from './outbox.ts';
import { syncOutbox } from './sync.ts';

/** A value as the officer reads it (yes/no, a number the Vietnamese way, a position, a name). */
export function describeValue(value: JsonValue | null | undefined): string {
  const s = t().field;
  if (value === null || value === undefined) return s.noValue;
  if (typeof value === 'boolean') return value ? s.yes : s.no;
  if (typeof value === 'number') return formatDecimal(value, 6);
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length === 2 && value.every((x) => typeof x === 'number')) return s.centreAt(formatDecimal(value[1] as number, 6), formatDecimal(value[0] as number, 6));
  if (!Array.isArray(value) && typeof value.lon === 'number' && typeof value.lat === 'number') return s.centreAt(formatDecimal(value.lat, 6), formatDecimal(value.lon, 6));
  if (!Array.isArray(value) && 'value' in value) return describeValue(value.value);
  return JSON.stringify(value);
}

/** What a record proposes. */
function recordValue(input: FieldRecordInput): string {
  if (input.kind === 'CENTRE') return describeValue({ lon: input.lon ?? null, lat: input.lat ?? null });
  if (input.kind === 'NAME') return input.name ?? '';
  return describeValue(input.value);
}

/** The outbox panel. */
export function OutboxPanel({ indicators, onSynced }: { indicators: Indicator[]; onSynced: () => void }) {
  const s = t().field;
  const [records, setRecords] = useState<OutboxRecord[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [online, setOnline] = useState(navigator.onLine);
  const refresh = useCallback(() => { listOutbox().then(setRecords, (e: unknown) => setStatus(String(e))); }, []);
  useEffect(() => {
    refresh();
    const on = () => setOnline(navigator.onLine);
    window.addEventListener('online', on);
    window.addEventListener('offline', on);
    const off = onOutboxChange(refresh);
    return () => { off(); window.removeEventListener('online', on); window.removeEventListener('offline', on); };
  }, [refresh]);

  const sync = async () => {
    setBusy(true);
    setStatus(s.syncing);
    try {
      const { sent } = await syncOutbox();
      setStatus(s.syncDone(sent));
      if (sent > 0) onSynced();
    } catch (e) {
      setStatus(s.syncFailed(e instanceof Error ? e.message : String(e)));
    } finally {
      setBusy(false);
    }
  };
  const nameOf = (key: string) => { const ind = indicators.find((i) => i.key === key); return ind ? indicatorName(ind) : key; };
  const waiting = records?.filter((r) => r.state === 'waiting').length ?? 0;
  const done = records?.filter((r) => r.state === 'applied' || r.state === 'keptServer').length ?? 0;

  return (
    <section className="outbox" aria-labelledby="outbox-heading">
      <h3 id="outbox-heading">{s.outboxHeading}</h3>
      <p className="outbox-count" aria-live="polite">{waiting ? s.waitingCount(waiting) : s.outboxEmpty}</p>
      {!online && <p className="muted">{s.offlineWait}</p>}
      <div className="field-actions">
        <button type="button" className="btn primary outbox-sync" onClick={() => void sync()} disabled={busy || !online || waiting === 0}>{busy ? s.syncing : s.syncNow}</button>
        {done > 0 && <button type="button" className="btn" onClick={() => void clearDone()}>{s.clearDone}</button>}
      </div>
      {status && <p className="outbox-status" role="status">{status}</p>}
      <ol className="outbox-list">
        {records?.map((r) => (
          <li key={r.input.clientId} className={`outbox-record state-${r.state}`} data-client-id={r.input.clientId} data-state={r.state} data-kind={r.input.kind}>
            <p>
              <strong>{s.kinds[r.input.kind]}</strong> · {r.villageLabel}
              {r.input.indicator ? ` · ${nameOf(r.input.indicator)}` : ''}{r.input.period ? ` · ${r.input.period}` : ''}
              {': '}<span className="outbox-value">{recordValue(r.input)}</span>
              {r.input.photo ? ` · ${s.withPhoto}` : ''}
            </p>
            <p className="muted">
              {s.recordedAt(formatDate(r.input.recordedAt))} · <span className="outbox-state">{s.states[r.state]}</span>
              {r.result?.status === 'ALREADY_APPLIED' ? ` (${s.alreadyApplied})` : ''}
              {r.input.resolution && r.state === 'waiting' ? ` · ${s.resolutions[r.input.resolution]}` : ''}
            </p>
            {r.input.sourceNote && <p className="muted">{s.sourceNote}: {r.input.sourceNote}</p>}
            {r.state === 'rejected' && r.result && <p className="error">{r.result.code}: {r.result.message}</p>}
            {r.state === 'conflict' && r.result && (
              <div className="outbox-conflict" role="group" aria-label={s.conflictLabel}>
                <p>{s.conflictHint}</p>
                <dl>
                  <dt>{s.mine}</dt><dd className="conflict-mine">{recordValue(r.input)}</dd>
                  <dt>{s.server}</dt>
                  <dd className="conflict-server">
                    {describeValue(r.result.serverValue)}
                    {r.result.serverChangedBy || r.result.serverChangedAt ? ` (${s.serverChanged(r.result.serverChangedBy ?? '?', r.result.serverChangedAt ? formatDate(r.result.serverChangedAt) : '?')})` : ''}
                  </dd>
                </dl>
                <div className="field-actions">
                  <button type="button" className="btn keep-mine" onClick={() => void resolveConflict(r.input.clientId, 'KEEP_MINE')}>{s.keepMine}</button>
                  <button type="button" className="btn keep-server" onClick={() => void resolveConflict(r.input.clientId, 'KEEP_SERVER')}>{s.keepServer}</button>
                </div>
              </div>
            )}
            {r.state !== 'applied' && r.state !== 'keptServer' && (
              <button type="button" className="link outbox-discard" onClick={() => void discardFromOutbox(r.input.clientId)}>{s.discard}</button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
