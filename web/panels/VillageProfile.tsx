// A bản's profile: who it is, every value known of it with status and source (document · section,
// or who entered it and when), and for deduced or unknown yes/no values why (the fact engine's reason),
// its places, and (signed in) the history of changes.
import { useEffect, useRef, useState } from 'react';
import type { AtlasData } from '../api/atlas-data.ts';
import { fetchHistory } from '../api/session.ts';
import type { Change, Indicator, Me, UnitValue } from '../api/types.ts';
import { withBound } from '../format/bound.ts';
import { formatDate, formatDecimal, formatRatio, formatValue } from '../format/number.ts';
import { indicatorName, t, unitLabel, local, refLabel } from '../i18n/i18n.ts';
import { placeFigures } from '../map/places.ts';
import { villageTitle } from '../map/tooltip.ts';
import type { ObservationIndex } from '../model/observation-index.ts';
import { assumptionTexts, reasonText, resolvedValueOf } from '../model/fact-text.ts';
import { notPublicOf, notPublicText } from '../model/publication.ts';
import { cellOf, type CellState } from '../model/scorecard.ts';
import { EditPanel, type CentreDraft } from './EditPanel.tsx';
import { SourceQuote } from './SourceCite.tsx';

interface Props {
  data: AtlasData;
  index: ObservationIndex;
  villageId: string;
  me: Me | null;
  onClose: () => void;
  /** Bumped after an edit so the history is fetched again. */
  revision?: number;
  onSaved: (what: { villages: boolean }) => Promise<void>;
  centreDraft: CentreDraft | null;
  onStartCentre: () => void;
  onCancelCentre: () => void;
  onSaveCentre: (sourceNote: string, why: string) => Promise<void>;
}

/** An observation's value as people read it. */
export function valueText(o: Pick<UnitValue, 'value' | 'denominator'> & { comparator?: UnitValue['comparator'] }, ind: Indicator | undefined): string {
  const s = t();
  if (typeof o.value === 'boolean') return o.value ? s.profile.yes : s.profile.no;
  if (typeof o.value === 'number') {
    if (ind?.kind === 'boolean' && o.denominator) return `${formatRatio(o.value, o.denominator)} ${s.banUnit} ${s.states.achieved.toLowerCase()}`;
    return withBound(ind ? formatValue(o.value, ind.unit, unitLabel(ind.unit)) : formatDecimal(o.value), o.comparator);
  }
  return o.value == null ? '—' : String(o.value);
}

/** Where a value comes from: "document · section", or who entered it and when. */
export function sourceText(o: UnitValue): string {
  const s = t();
  return o.enteredBy ? `${s.profile.enteredBy(o.enteredBy, formatDate(o.enteredAt ?? ''))} · ${refLabel(o.source)}` : refLabel(o.source);
}

function changeValue(v: unknown): string {
  if (v == null) return '—';
  if (typeof v === 'object') {
    const o = v as { value?: unknown; name?: unknown };
    if ('value' in o) return String(o.value);
    if ('name' in o) return String(o.name);
    return JSON.stringify(v);
  }
  return String(v);
}

/** The profile panel. */
export function VillageProfile({ data, index, villageId, me, onClose, revision = 0, ...edit }: Props) {
  const s = t();
  const heading = useRef<HTMLHeadingElement>(null);
  const [history, setHistory] = useState<Change[] | null>(null);
  const v = data.villages.find((x) => x.id === villageId);

  useEffect(() => heading.current?.focus(), [villageId]);
  useEffect(() => {
    setHistory(null);
    if (!me || !v) return;
    const abort = new AbortController();
    fetchHistory(v.id, abort.signal).then(setHistory, (e: unknown) => { if (!abort.signal.aborted) console.error(e); });
    return () => abort.abort();
  }, [me, v, revision]);

  if (!v) return null;
  const yesNo = data.indicators.filter((i) => i.kind === 'boolean' && i.levels.includes('village'));
  const own = index.latestOfUnit(v.id);
  const numeric = own.filter((o) => !yesNo.some((i) => i.key === o.indicator));
  const ind = (key: string) => data.indicators.find((i) => i.key === key);
  const places = data.places.filter((p) => p.villageIds.includes(v.id));
  const stateLabel = (st: CellState) => s.scorecard.cell[st];
  // A yes/no value the fact engine resolved (its own or deduced) is a bản-level value too.
  const anyResolved = yesNo.some((i) => (resolvedValueOf(data, v.id, i.key)?.value ?? null) !== null);

  return (
    <section className="profile" aria-labelledby="profile-heading" data-village-id={v.id}>
      <button type="button" className="btn back" onClick={onClose}>{s.profile.back}</button>
      <h2 id="profile-heading" ref={heading} tabIndex={-1} className={v.nameKnown ? '' : 'provisional'}>{villageTitle(v)}</h2>
      <dl className="facts">
        <div><dt>{s.formerCommune}</dt><dd>{v.formerCommune.name}</dd></div>
        <div><dt>{s.boundaryHeading}</dt><dd>{s.quality[v.boundaryQuality]}</dd></div>
        <div><dt>{s.profile.centreKnown}</dt><dd>{v.centreKnown ? s.profile.centreYes : s.profile.centreNo}</dd></div>
        <div><dt>{s.profile.area}</dt><dd>{formatDecimal(v.areaKm2, 1)} {s.km2}</dd></div>
        {v.nameSource && <div><dt>{s.profile.nameSource}</dt><dd className="source">{refLabel(v.nameSource)}</dd></div>}
        {v.note && <div><dt>{s.profile.note}</dt><dd>{local(v.note, v.noteEn)}</dd></div>}
      </dl>

      <h3>{s.profile.values}</h3>
      {/* keyed by bản: a quote opened on one bản is not left open on the next */}
      <table className="profile-values" key={v.id}>
        <thead>
          <tr><th scope="col">{s.profile.indicator}</th><th scope="col">{s.profile.value}</th></tr>
        </thead>
        <tbody>
          {yesNo.map((i) => {
            const c = cellOf(v, i, index, data);
            const r = c.resolved;
            // Deduced or unknown: the fact engine says why, on which sources, under which assumptions.
            const deduced = r && r.basis !== 'OWN';
            // Signed-in users: a value the public does not see as shown says so, with what the public sees meanwhile.
            const notPublic = notPublicOf(r);
            return (
              <tr key={i.key} data-indicator={i.key} data-state={c.state} data-basis={r?.basis}>
                <th scope="row">{indicatorName(i)}</th>
                <td>
                  <span className={`cell cell-${c.state}`} aria-hidden="true" /> <strong className="pv-state">{stateLabel(c.state)}</strong>
                  {notPublic && <div className="pv-publication" data-publication={notPublic.state}>{notPublicText(notPublic)}</div>}
                  {c.obs && !deduced && <div className="pv-source source" data-source={refLabel(c.obs.source)}>{s.status[c.obs.status]} · {c.obs.period} · {s.sourcePrefix}: {sourceText(c.obs)}<SourceQuote refs={[c.obs.source]} /></div>}
                  {c.obs?.formula && !deduced && <div className="pv-formula">{s.formula}: {c.obs.formula}</div>}
                  {deduced && <div className="pv-why" data-reason={r.reason.key}>{s.whyLabel}: {reasonText(r.reason, data)}</div>}
                  {deduced && r.sources.length > 0 && <div className="pv-source source" data-source={refLabel(r.sources[0])}>{s.sourcePrefix}: {r.sources.map(refLabel).join('; ')}<SourceQuote refs={r.sources} /></div>}
                  {deduced && assumptionTexts(r.assumptions, r.reason).map((a) => <div key={a} className="pv-assumption">{s.assumptionLabel}: {a}</div>)}
                </td>
              </tr>
            );
          })}
          {numeric.map((o) => (
            <tr key={o.indicator} data-indicator={o.indicator} data-state="value">
              <th scope="row">{ind(o.indicator) ? indicatorName(ind(o.indicator)!) : o.indicator}</th>
              <td>
                <strong>{valueText(o, ind(o.indicator))}</strong>
                <div className="pv-source source" data-source={refLabel(o.source)}>{s.status[o.status]} · {o.period} · {s.sourcePrefix}: {sourceText(o)}<SourceQuote refs={[o.source]} /></div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {own.length === 0 && !anyResolved && <p className="hint">{s.profile.noValues}</p>}

      {places.length > 0 && (
        <>
          <h3>{s.profile.places}</h3>
          <ul className="places" key={v.id}>
            {places.map((p) => (
              <li key={p.id} data-place-id={p.id}>
                <strong>{local(p.name, p.nameEn)}</strong> <span className="muted">({s.places.statuses[p.status] ?? p.status})</span>
                {p.attributes.length > 0 && (
                  <ul>
                    {placeFigures(p).map((f) => (
                      <li key={f.key} data-key={f.key}>{f.label}: {f.value}</li>
                    ))}
                  </ul>
                )}
                <div className="source">{s.sourcePrefix}: {refLabel(p.source)}<SourceQuote refs={[p.source, ...p.attributes.map((a) => a.source)]} /></div>
              </li>
            ))}
          </ul>
        </>
      )}

      {me && <EditPanel data={data} index={index} village={v} me={me} {...edit} />}

      <h3>{s.profile.history}</h3>
      {!me && <p className="muted history-hint">{s.profile.historySignIn}</p>}
      {me && history && history.length === 0 && <p className="muted">{s.profile.historyEmpty}</p>}
      {me && history && history.length > 0 && (
        <ol className="history">
          {history.map((h) => (
            <li key={h.id} data-change-id={h.id}>
              <span className="when">{formatDate(h.at)}</span> · <strong>{h.who}</strong> · {h.field}: {changeValue(h.oldValue)} → {changeValue(h.newValue)}
              {h.why && <div className="muted">{h.why}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
