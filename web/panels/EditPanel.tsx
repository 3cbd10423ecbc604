// Editing for signed-in editors, inside a bản's profile: set a value with its source note, name the
// bản, and drag its centre on the map. Each save goes through the portal's mutations (versioned, kept
// in the history); the page then reloads what changed.
import { useEffect, useState, type FormEvent } from 'react';
import type { AtlasData } from '../api/atlas-data.ts';
import { nameVillage, setObservation, type ObservationEditInput } from '../api/edits.ts';
import type { Me, VillageInfo } from '../api/types.ts';
import { formatDecimal } from '../format/number.ts';
import { indicatorName, t } from '../i18n/i18n.ts';
import { fetchObservations } from '../api/observations.ts';
import { resolvedValueOf } from '../model/fact-text.ts';
import { ObservationIndex } from '../model/observation-index.ts';
import { notPublicOf, notPublicText } from '../model/publication.ts';

export interface CentreDraft {
  villageId: string;
  lngLat: [number, number];
}

interface Props {
  data: AtlasData;
  index: ObservationIndex;
  village: VillageInfo;
  me: Me;
  /** After a save: reload values (and bản, when `villages` is true). */
  onSaved: (what: { villages: boolean }) => Promise<void>;
  centreDraft: CentreDraft | null;
  onStartCentre: () => void;
  onCancelCentre: () => void;
  onSaveCentre: (sourceNote: string, why: string) => Promise<void>;
}

/** The editor's forms. */
export function EditPanel({ data, index, village, me, onSaved, centreDraft, onStartCentre, onCancelCentre, onSaveCentre }: Props) {
  const s = t();
  const editable = data.indicators.filter((i) => i.levels.includes('village'));
  const [indicator, setIndicator] = useState(editable[0]?.key ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The page keeps a bản's newest values only: the versions of its earlier periods (which a save must name) are
  // asked for when the form opens, and again after each save (the page's data changes).
  const [series, setSeries] = useState<ObservationIndex | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    setSeries(null);
    fetchObservations({ unitId: village.id }, abort.signal).then((all) => setSeries(new ObservationIndex(all)), (e: unknown) => {
      if (!abort.signal.aborted) console.warn('earlier periods not loaded', e);
    });
    return () => abort.abort();
  }, [village.id, data.observations]);
  if (me.role !== 'editor' && me.role !== 'admin') return null;
  const ind = editable.find((i) => i.key === indicator);
  // A sensitive indicator: where the bản's current value stands, and that a save is not public until published.
  const currentMark = ind?.sensitive ? notPublicOf(resolvedValueOf(data, village.id, ind.key)) : undefined;

  const guard = async (work: () => Promise<void>) => {
    setError(null);
    setMessage(null);
    try {
      await work();
      setMessage(s.edit.saved);
    } catch (e) {
      setError(`${s.edit.failed}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const submitValue = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const period = String(f.get('period') ?? '').trim();
    const raw = String(f.get('value') ?? '');
    const value = ind?.kind === 'boolean' ? raw === 'true' : Number(raw.replace(',', '.'));
    const existing = (series ?? index).series(village.id, indicator).find((o) => o.period === period);
    const input: ObservationEditInput = {
      unitId: village.id, indicator, period, value,
      status: String(f.get('status')) as ObservationEditInput['status'],
      sourceNote: String(f.get('sourceNote') ?? ''),
      formula: String(f.get('formula') ?? '') || null,
      why: String(f.get('why') ?? '') || null,
      expectedVersion: existing?.version ?? 0,
    };
    void guard(async () => {
      await setObservation(input);
      await onSaved({ villages: false });
    });
  };
  const submitName = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void guard(async () => {
      await nameVillage({ villageId: village.id, name: String(f.get('name') ?? '').trim(), sourceNote: String(f.get('sourceNote') ?? ''), why: String(f.get('why') ?? '') || null, expectedVersion: village.version });
      await onSaved({ villages: true });
    });
  };
  const submitCentre = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void guard(() => onSaveCentre(String(f.get('sourceNote') ?? ''), String(f.get('why') ?? '')));
  };

  return (
    <section className="edit-panel" aria-labelledby="edit-heading">
      <h3 id="edit-heading">{s.edit.heading}</h3>
      <form className="edit-value" onSubmit={submitValue}>
        <div className="field">
          <label htmlFor="edit-indicator">{s.edit.indicator}</label>
          <select id="edit-indicator" value={indicator} onChange={(e) => setIndicator(e.target.value)}>
            {editable.map((i) => <option key={i.key} value={i.key}>{indicatorName(i)}</option>)}
          </select>
          {currentMark && <p className="pv-publication" data-publication={currentMark.state}>{notPublicText(currentMark)}</p>}
          {ind?.sensitive && <p className="hint publication-hint">{s.publication.editHint}</p>}
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="edit-value">{s.edit.value}</label>
            {ind?.kind === 'boolean' ? (
              <select id="edit-value" name="value" defaultValue="true">
                <option value="true">{s.edit.yes}</option>
                <option value="false">{s.edit.no}</option>
              </select>
            ) : <input id="edit-value" name="value" type="text" inputMode="decimal" required />}
          </div>
          <div className="field narrow-2">
            <label htmlFor="edit-period">{s.edit.period}</label>
            <input id="edit-period" name="period" type="text" defaultValue={String(new Date().getFullYear())} required minLength={4} maxLength={20} />
          </div>
        </div>
        <div className="field">
          <label htmlFor="edit-status">{s.edit.status}</label>
          <select id="edit-status" name="status" defaultValue="REPORTED">
            {(['REPORTED', 'DERIVED', 'ESTIMATED'] as const).map((st) => <option key={st} value={st}>{s.status[st]}</option>)}
          </select>
        </div>
        <div className="field"><label htmlFor="edit-source">{s.edit.sourceNote}</label><input id="edit-source" name="sourceNote" type="text" required minLength={3} maxLength={500} /></div>
        <div className="field"><label htmlFor="edit-formula">{s.edit.formula}</label><input id="edit-formula" name="formula" type="text" maxLength={500} /></div>
        <div className="field"><label htmlFor="edit-why">{s.edit.why}</label><input id="edit-why" name="why" type="text" maxLength={500} /></div>
        <button type="submit" className="btn primary save-value">{s.edit.save}</button>
      </form>

      <form className="edit-name" onSubmit={submitName}>
        <div className="field"><label htmlFor="edit-name">{s.edit.name}</label><input id="edit-name" name="name" type="text" required maxLength={80} defaultValue={village.name ?? ''} /></div>
        <div className="field"><label htmlFor="edit-name-source">{s.edit.sourceNote}</label><input id="edit-name-source" name="sourceNote" type="text" required minLength={3} maxLength={500} /></div>
        <input type="hidden" name="why" value="" />
        <button type="submit" className="btn primary save-name">{s.edit.saveName}</button>
      </form>

      <div className="edit-centre">
        <p className="field-title">{s.edit.centre}: {formatDecimal(village.centroid[1], 5)}, {formatDecimal(village.centroid[0], 5)}</p>
        {!centreDraft && <button type="button" className="btn move-centre" onClick={onStartCentre}>{s.edit.moveCentre}</button>}
        {centreDraft && (
          <form onSubmit={submitCentre}>
            <p className="hint">{s.edit.centreHint} ({formatDecimal(centreDraft.lngLat[1], 5)}, {formatDecimal(centreDraft.lngLat[0], 5)})</p>
            <p className="hint preview-hint">{s.edit.previewHint}</p>
            <div className="field"><label htmlFor="edit-centre-source">{s.edit.sourceNote}</label><input id="edit-centre-source" name="sourceNote" type="text" required minLength={3} maxLength={500} /></div>
            <input type="hidden" name="why" value="" />
            <button type="submit" className="btn primary save-centre">{s.edit.saveCentre}</button>{' '}
            <button type="button" className="btn" onClick={onCancelCentre}>{s.edit.cancel}</button>
          </form>
        )}
      </div>
      {message && <p className="saved" role="status">{message}</p>}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
