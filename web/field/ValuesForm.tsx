// The values of a bản, as a form generated from the indicator definitions the portal sends (every indicator
// observed at bản level): yes/no as a choice, numbers with their unit, one period for the form, a source
// note for each value entered, and an optional photo of the supporting document.
import { useState, type FormEvent } from 'react';
import type { AtlasData } from '../api/atlas-data.ts';
import type { Indicator, VillageInfo } from '../api/types.ts';
import { indicatorName, t, unitLabel } from '../i18n/i18n.ts';
import { villageTitle } from '../map/tooltip.ts';
import type { ObservationIndex } from '../model/observation-index.ts';
import { newClientId, type FieldPosition, type FieldRecordInput } from './field-record.ts';
import { addToOutbox } from './outbox.ts';
import { resizePhoto, type FieldPhoto } from './photo-resize.ts';
import { readFieldValue } from './value-input.ts';

interface Props {
  data: AtlasData;
  index: ObservationIndex;
  village: VillageInfo;
  devicePosition: FieldPosition | null;
}

/** Indicators observed at bản level: the commune's checklist; yes/no first, as the report's bản criteria. */
export function checklist(indicators: Indicator[]): Indicator[] {
  const village = indicators.filter((i) => i.levels.includes('village'));
  return [...village.filter((i) => i.kind === 'boolean'), ...village.filter((i) => i.kind !== 'boolean')];
}

/** The values form. */
export function ValuesForm({ data, index, village, devicePosition }: Props) {
  const s = t().field;
  const items = checklist(data.indicators);
  const [photo, setPhoto] = useState<FieldPhoto | null>(null);
  const [photoBusy, setPhotoBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const idOf = (key: string) => `field-${village.id}-${key}`;

  const onPhoto = async (file: File | undefined) => {
    setPhoto(null);
    setError(null);
    if (!file) return;
    setPhotoBusy(true);
    try {
      setPhoto(await resizePhoto(file));
    } catch (e) {
      setError(`${s.photoFailed}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setPhotoBusy(false);
    }
  };
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    setMessage(null);
    const form = e.currentTarget;
    const f = new FormData(form);
    const period = String(f.get('period') ?? '').trim();
    const records: FieldRecordInput[] = [];
    for (const ind of items) {
      const value = readFieldValue(ind, String(f.get(`value-${ind.key}`) ?? ''));
      if (value === null) continue;
      if (value === undefined) { setError(s.unreadable(indicatorName(ind))); return; }
      const sourceNote = String(f.get(`source-${ind.key}`) ?? '').trim().normalize('NFC');
      if (!sourceNote) { setError(s.sourceNeeded(indicatorName(ind))); return; }
      // The version the officer's value replaces: the portal answers CONFLICT if it has changed since.
      const existing = index.series(village.id, ind.key).find((o) => o.period === period);
      records.push({
        clientId: newClientId(), kind: 'OBSERVATION', villageId: village.id, recordedAt: new Date().toISOString(), position: devicePosition,
        baseVersion: existing?.version ?? 0, indicator: ind.key, period, value, sourceNote, photo,
      });
    }
    if (records.length === 0) { setError(s.nothingToAdd); return; }
    for (const input of records) await addToOutbox({ input, villageLabel: villageTitle(village) });
    setMessage(s.added(records.length));
    setPhoto(null);
    form.reset();
  };

  return (
    <form className="field-form field-values" onSubmit={(e) => void submit(e)} aria-labelledby={`values-${village.id}`} noValidate>
      <h4 id={`values-${village.id}`}>{s.valuesHeading}</h4>
      <label htmlFor={idOf('period')}>{s.period}</label>
      <input id={idOf('period')} name="period" required defaultValue={String(new Date().getFullYear())} inputMode="numeric" />
      {items.map((ind) => (
        <fieldset key={ind.key} className="field-value" data-indicator={ind.key}>
          <legend>{indicatorName(ind)}{ind.kind !== 'boolean' && ind.unit ? ` (${unitLabel(ind.unit)})` : ''}{ind.sensitive ? ` · ${s.sensitive}` : ''}</legend>
          <label htmlFor={idOf(ind.key)} className="sr-only">{s.valueOf(indicatorName(ind))}</label>
          {ind.kind === 'boolean'
            ? (
              <select id={idOf(ind.key)} name={`value-${ind.key}`} defaultValue="">
                <option value="">{s.notRecorded}</option>
                <option value="true">{s.yes}</option>
                <option value="false">{s.no}</option>
              </select>
            )
            : <input id={idOf(ind.key)} name={`value-${ind.key}`} inputMode="decimal" autoComplete="off" />}
          <label htmlFor={idOf(`source-${ind.key}`)} className="field-source-label">{s.sourceNote}</label>
          <input id={idOf(`source-${ind.key}`)} name={`source-${ind.key}`} autoComplete="off" />
        </fieldset>
      ))}
      <label htmlFor={idOf('photo')}>{s.photo}</label>
      <input id={idOf('photo')} type="file" accept="image/*" capture="environment" onChange={(e) => void onPhoto(e.target.files?.[0])} />
      {photoBusy && <p className="muted">{s.photoResizing}</p>}
      {photo && <p className="muted" role="status">{s.photoReady(Math.round((photo.dataBase64.length * 0.75) / 1000))}</p>}
      <button type="submit" className="btn primary" disabled={photoBusy}>{s.addToOutbox}</button>
      {error && <p className="error" role="alert">{error}</p>}
      {message && <p className="saved" role="status">{message}</p>}
    </form>
  );
}
