// Says when the page shows the device's offline copy (no network, or the portal unreachable) and when that
// copy was synced: the data is then read-only.
import { useEffect, useState } from 'react';
import { formatDate } from '../format/number.ts';
import { t } from '../i18n/i18n.ts';
import { offlineCopyTime, onFreshnessChange } from '../api/data-freshness.ts';

/** True while the browser says it has no network. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(navigator.onLine);
    window.addEventListener('online', on);
    window.addEventListener('offline', on);
    return () => { window.removeEventListener('online', on); window.removeEventListener('offline', on); };
  }, []);
  return online;
}

/** The banner (nothing while the data on screen is live and the network is there). */
export function OfflineBanner() {
  const s = t().offline;
  const online = useOnline();
  const [copy, setCopy] = useState(offlineCopyTime);
  useEffect(() => onFreshnessChange(() => setCopy(offlineCopyTime())), []);
  if (online && !copy) return null;
  return (
    <div className="offline-banner" role="status">
      <strong>{online ? s.serverUnreachable : s.noNetwork}</strong>
      {copy && <> <span className="offline-synced">{s.lastSynced(formatDate(copy.toISOString()))}</span></>}
    </div>
  );
}
