// A bản's centre from the device's GPS (its accuracy shown; refused above 50 m) or from the pin on the map.
import { useState, type FormEvent } from 'react';
import type { VillageInfo } from '../api/types.ts';
import { formatDecimal, formatInteger } from '../format/number.ts';
import { t } from '../i18n/i18n.ts';
import { villageTitle } from '../map/tooltip.ts';
import { MAX_CENTRE_ACCURACY_METERS, newClientId, type FieldPosition } from './field-record.ts';
import { currentPosition } from './geolocate.ts';
import { addToOutbox } from './outbox.ts';

interface Props {
  village: VillageInfo;
  /** The pin's position while placing by hand. */
  draft: [number, number] | null;
  onStartDraft: () => void;
  onCancelDraft: () => void;
  devicePosition: FieldPosition | null;
  onDevicePosition: (p: FieldPosition) => void;
}

/** The centre form. */
export function CentreForm({ village, draft, onStartDraft, onCancelDraft, devicePosition, onDevicePosition }: Props) {
  const s = t().field;
  const [gps, setGps] = useState<FieldPosition | null>(null);
  const [locating, setLocating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tooInaccurate = gps !== null && gps.accuracyMeters > MAX_CENTRE_ACCURACY_METERS;
  // The GPS fix when it is good enough, else the pin; by hand, the device's accuracy says nothing of the pin.
  const centre = draft ? { lon: draft[0], lat: draft[1], accuracyMeters: null } : gps && !tooInaccurate ? gps : null;

  const useGps = async () => {
    setLocating(true);
    setError(null);
    setMessage(null);
    onCancelDraft();
    try {
      const p = await currentPosition();
      setGps(p);
      onDevicePosition(p);
    } catch (e) {
      setError(s.geoError(e instanceof Error ? e.message : String(e)));
    } finally {
      setLocating(false);
    }
  };
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!centre) return;
    const sourceNote = String(new FormData(e.currentTarget).get('sourceNote') ?? '').trim().normalize('NFC');
    await addToOutbox({
      villageLabel: villageTitle(village),
      input: {
        clientId: newClientId(), kind: 'CENTRE', villageId: village.id, recordedAt: new Date().toISOString(),
        position: devicePosition, baseVersion: village.version, lon: centre.lon, lat: centre.lat, accuracyMeters: centre.accuracyMeters,
        sourceNote,
      },
    });
    setMessage(s.added(1));
    setGps(null);
    onCancelDraft();
    e.currentTarget.reset();
  };

  return (
    <form className="field-form field-centre" onSubmit={(e) => void submit(e)} aria-labelledby={`centre-${village.id}`}>
      <h4 id={`centre-${village.id}`}>{s.centreHeading}</h4>
      <div className="field-actions">
        <button type="button" className="btn" onClick={() => void useGps()} disabled={locating}>{locating ? s.locating : s.useGps}</button>
        <button type="button" className="btn" aria-pressed={draft !== null} onClick={() => { setGps(null); if (draft) onCancelDraft(); else onStartDraft(); }}>{s.tapOnMap}</button>
      </div>
      {draft && <p className="muted">{s.tapHint}</p>}
      {gps && <p className={tooInaccurate ? 'error' : 'gps-accuracy'} role={tooInaccurate ? 'alert' : 'status'}>
        {tooInaccurate ? s.tooInaccurate(formatInteger(Math.round(gps.accuracyMeters)), MAX_CENTRE_ACCURACY_METERS) : s.accuracy(formatInteger(Math.round(gps.accuracyMeters)))}
      </p>}
      {centre && (
        <>
          <p className="field-centre-at">{s.centreAt(formatDecimal(centre.lat, 6), formatDecimal(centre.lon, 6))}</p>
          <label htmlFor={`centre-source-${village.id}`}>{s.sourceNote}</label>
          <input id={`centre-source-${village.id}`} name="sourceNote" required />
          <button type="submit" className="btn primary">{s.addToOutbox}</button>
        </>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {message && <p className="saved" role="status">{message}</p>}
    </form>
  );
}
