// The supervisors' review queue (editors and admins): values entered from the field with the officer, the
// time, where they stood and the photo of the supporting document; accept, or send back with a note.
import { useCallback, useEffect, useState } from 'react';
import type { Indicator, Me, VillageInfo } from '../api/types.ts';
import { describeValue } from '../field/OutboxPanel.tsx';
import { formatDate, formatDecimal, formatInteger } from '../format/number.ts';
import { indicatorName, t } from '../i18n/i18n.ts';
import { villageTitle } from '../map/tooltip.ts';
import { fetchSubmissions, PAGE_SIZE, reviewSubmission, type FieldSubmission, type SubmissionStatus } from '../api/field-review.ts';

const STATUSES: SubmissionStatus[] = ['PENDING', 'ACCEPTED', 'RETURNED'];

/** The review panel. */
export function ReviewQueue({ me, indicators, villages }: { me: Me | null; indicators: Indicator[]; villages: VillageInfo[] }) {
  const s = t().review;
  const [status, setStatus] = useState<SubmissionStatus>('PENDING');
  const [items, setItems] = useState<FieldSubmission[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async (after: string | null) => {
    setError(null);
    try {
      const page = await fetchSubmissions(status, after);
      setItems((prev) => (after && prev ? [...prev, ...page] : page));
      setMore(page.length === PAGE_SIZE);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [status]);
  useEffect(() => { if (me) void load(null); }, [me, load]);
  if (!me) return <section className="review-queue" aria-labelledby="review-heading"><h2 id="review-heading">{s.heading}</h2><p>{s.signInNeeded}</p></section>;

  return (
    <section className="review-queue" aria-labelledby="review-heading">
      <h2 id="review-heading">{s.heading}</h2>
      <label htmlFor="review-status">{s.show}</label>
      <select id="review-status" value={status} onChange={(e) => { setItems(null); setStatus(e.target.value as SubmissionStatus); }}>
        {STATUSES.map((x) => <option key={x} value={x}>{s.statuses[x]}</option>)}
      </select>
      {error && <p className="error" role="alert">{error}</p>}
      {items && items.length === 0 && <p className="muted">{s.empty}</p>}
      <ol className="review-list">
        {items?.map((it) => <ReviewItem key={it.submissionId} item={it} me={me} indicators={indicators} villages={villages} onDone={() => setItems((xs) => xs?.filter((x) => x.submissionId !== it.submissionId) ?? null)} />)}
      </ol>
      {more && items && <button type="button" className="btn" onClick={() => void load(items.at(-1)?.submissionId ?? null)}>{s.more}</button>}
    </section>
  );
}

function ReviewItem({ item, me, indicators, villages, onDone }: { item: FieldSubmission; me: Me; indicators: Indicator[]; villages: VillageInfo[]; onDone: () => void }) {
  const s = t().review;
  const f = t().field;
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const own = item.officer === me.username;
  const decide = async (decision: 'ACCEPT' | 'RETURN') => {
    setError(null);
    try {
      await reviewSubmission(item.submissionId, decision, note.trim() || null);
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const noteId = `review-note-${item.submissionId}`;
  // The bản and the indicator as the rest of the page names them (the server sends a code and a key).
  const village = villages.find((v) => v.id === item.village.id);
  const villageLabel = village ? villageTitle(village) : item.village.label;
  const indicator = item.indicator ? indicators.find((i) => i.key === item.indicator) : undefined;
  const indicatorLabel = indicator ? indicatorName(indicator) : item.indicator;
  return (
    <li className="review-item" data-submission-id={item.submissionId}>
      <p>
        <strong>{f.kinds[item.kind]}</strong> · {villageLabel}
        {indicatorLabel ? ` · ${indicatorLabel}` : ''}{item.period ? ` · ${item.period}` : ''}: {describeValue(item.value as never)}
      </p>
      <p className="muted">{s.by(item.officer, formatDate(item.recordedAt))}</p>
      {item.position && (
        <p className="muted">{s.position(formatDecimal(item.position.lat, 6), formatDecimal(item.position.lon, 6), item.position.accuracyMeters === null ? '?' : formatInteger(Math.round(item.position.accuracyMeters)))}</p>
      )}
      <p className="muted">{f.sourceNote}: {item.sourceNote}</p>
      {item.photoUrl && <a href={item.photoUrl} target="_blank" rel="noreferrer"><img className="review-photo" src={item.photoUrl} alt={s.photoAlt(villageLabel)} loading="lazy" /></a>}
      {item.reviewNote && <p>{s.note}: {item.reviewNote}{item.reviewedBy ? ` (${item.reviewedBy})` : ''}</p>}
      {item.status === 'PENDING' && (own
        ? <p className="muted">{s.ownRecord}</p>
        : (
          <div className="review-actions">
            <label htmlFor={noteId}>{s.note}</label>
            <input id={noteId} value={note} onChange={(e) => setNote(e.target.value)} />
            <div className="field-actions">
              <button type="button" className="btn primary" onClick={() => void decide('ACCEPT')}>{s.accept}</button>
              <button type="button" className="btn" onClick={() => void decide('RETURN')} disabled={note.trim().length < 3}>{s.sendBack}</button>
            </div>
          </div>
        ))}
      {error && <p className="error" role="alert">{error}</p>}
    </li>
  );
}
