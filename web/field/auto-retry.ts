// The outbox sends itself: while records wait and the page is visible, a sync is tried at once when the browser
// says the network is back ('online'), and otherwise after a wait that grows with each failure (retry-delay.ts),
// besides the officer's "sync now". A hidden page waits until it is shown again; an empty outbox waits for a record.
import { listOutbox, onOutboxChange } from './outbox.ts';
import { retryDelay } from './retry-delay.ts';
import { syncOutbox, type SyncReport } from './sync.ts';

/** Start sending on its own; `onSynced` after a try that sent records. Returns the stop. */
export function startAutoRetry(onSynced: (report: SyncReport) => void): () => void {
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  // One try at a time: the 'online' event and a timer firing together must not report one sync twice. An 'online'
  // heard during a try starts another right after it (that try may have failed for want of the network).
  let trying = false;
  let onlineDuringTry = false;

  const waiting = async () => (await listOutbox()).some((r) => r.state === 'waiting');
  const schedule = () => {
    if (stopped || timer !== null) return;
    timer = setTimeout(() => { timer = null; void attempt(); }, retryDelay(failures));
  };
  const attempt = async (evenHidden = false) => {
    if (stopped || trying) return;
    if (!evenHidden && document.visibilityState !== 'visible') return; // resumed by visibilitychange
    trying = true;
    try {
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
    } finally {
      trying = false;
      if (onlineDuringTry) { onlineDuringTry = false; online(); }
    }
  };
  const wake = () => { if (document.visibilityState === 'visible') void waiting().then((w) => { if (w) schedule(); }); };
  // The network is back: try now, hidden or not (one try, not a timer), from the first wait again.
  function online() {
    if (trying) { onlineDuringTry = true; return; }
    failures = 0;
    if (timer !== null) { clearTimeout(timer); timer = null; }
    void attempt(true);
  }

  document.addEventListener('visibilitychange', wake);
  window.addEventListener('online', online);
  const off = onOutboxChange(wake);
  wake();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    off();
    window.removeEventListener('online', online);
    document.removeEventListener('visibilitychange', wake);
  };
}
