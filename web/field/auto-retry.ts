// The outbox sends itself: while records wait and the page is visible, a sync is tried after a wait that grows with
// each failure (retry-delay.ts), besides the officer's "sync now" and the browser's 'online' event. A hidden page
// waits until it is shown again; an empty outbox waits for a record.
import { listOutbox, onOutboxChange } from './outbox.ts';
import { retryDelay } from './retry-delay.ts';
import { syncOutbox, type SyncReport } from './sync.ts';

/** Start retrying on its own; `onSynced` after a try that sent records. Returns the stop. */
export function startAutoRetry(onSynced: (report: SyncReport) => void): () => void {
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const waiting = async () => (await listOutbox()).some((r) => r.state === 'waiting');
  const schedule = () => {
    if (stopped || timer !== null) return;
    timer = setTimeout(() => { timer = null; void attempt(); }, retryDelay(failures));
  };
  const attempt = async () => {
    if (stopped) return;
    if (document.visibilityState !== 'visible') return; // resumed by visibilitychange
    if (!(await waiting())) { failures = 0; return; } // resumed by the next record
    if (!navigator.onLine) { schedule(); return; }
    try {
      const report = await syncOutbox();
      failures = 0;
      if (report.sent > 0) onSynced(report);
    } catch {
      failures++;
    }
    if (await waiting()) schedule();
  };
  const wake = () => { if (document.visibilityState === 'visible') void waiting().then((w) => { if (w) schedule(); }); };

  document.addEventListener('visibilitychange', wake);
  const off = onOutboxChange(wake);
  wake();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    off();
    document.removeEventListener('visibilitychange', wake);
  };
}
