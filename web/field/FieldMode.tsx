// Field mode for editors (a chunk loaded when opened): choose a bản (search, the map, a list, or the one
// nearest the device), then place its centre, name it, and record values with a source note each and an
// optional photo. Everything goes into the outbox on the device first, and to the portal when there is network.
import { useState } from 'react';
import type { AtlasData } from '../api/atlas-data.ts';
import type { Me, VillageInfo } from '../api/types.ts';
import { formatDecimal, formatInteger } from '../format/number.ts';
import { t } from '../i18n/i18n.ts';
import { villageTitle } from '../map/tooltip.ts';
import type { ObservationIndex } from '../model/observation-index.ts';
import { CentreForm } from './CentreForm.tsx';
import type { FieldPosition } from './field-record.ts';
import { currentPosition } from './geolocate.ts';
import { NameForm } from './NameForm.tsx';
import { villagesByDistance } from './nearest-village.ts';
import { OutboxPanel } from './OutboxPanel.tsx';
import { ValuesForm } from './ValuesForm.tsx';

interface Props {
  data: AtlasData;
  index: ObservationIndex;
  /** The editor (signed in, or remembered on this device while offline); null: not an editor. */
  me: Me | null;
  /** True when `me` is remembered, not confirmed by the portal (the page is offline). */
  remembered: boolean;
  villageId: string | null;
  onVillage: (id: string) => void;
  /** The pin on the map, while the centre is placed by hand. */
  centreDraft: { villageId: string; lngLat: [number, number] } | null;
  onStartCentre: (village: VillageInfo) => void;
  onCancelCentre: () => void;
  /** After a sync that changed something on the portal. */
  onSynced: () => void;
}

/** A distance as the officer reads it: "350 m", "1,2 km". */
export function formatDistance(meters: number): string {
  return meters < 1000 ? `${formatInteger(Math.round(meters / 10) * 10)} m` : `${formatDecimal(meters / 1000, 1)} km`;
}

/** The field panel. */
export function FieldMode({ data, index, me, remembered, villageId, onVillage, centreDraft, onStartCentre, onCancelCentre, onSynced }: Props) {
  const s = t().field;
  const [nearest, setNearest] = useState<Array<{ village: VillageInfo; meters: number }> | null>(null);
  const [position, setPosition] = useState<FieldPosition | null>(null);
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string | null>(null);
  if (!me) return <section className="field-mode" aria-labelledby="field-heading"><h2 id="field-heading">{s.heading}</h2><p>{s.signInNeeded}</p></section>;
  const village = data.villages.find((v) => v.id === villageId) ?? null;

  const findNearest = async () => {
    setLocating(true);
    setGeoError(null);
    try {
      const p = await currentPosition();
      setPosition(p);
      const list = villagesByDistance(data.villages, [p.lon, p.lat]).slice(0, 3);
      setNearest(list);
      if (list[0]) onVillage(list[0].village.id);
    } catch (e) {
      setGeoError(s.geoError(e instanceof Error ? e.message : String(e)));
    } finally {
      setLocating(false);
    }
  };

  return (
    <section className="field-mode" aria-labelledby="field-heading">
      <h2 id="field-heading">{s.heading}</h2>
      <p className="muted">{remembered ? s.rememberedUser(me.username) : s.intro}</p>
      <fieldset className="field-choose">
        <legend>{s.chooseVillage}</legend>
        <p className="muted">{s.chooseHint}</p>
        <label htmlFor="field-village">{s.villageSelect}</label>
        <select id="field-village" value={village?.id ?? ''} onChange={(e) => e.target.value && onVillage(e.target.value)}>
          <option value="">{s.selectPlaceholder}</option>
          {data.villages.map((v) => <option key={v.id} value={v.id}>{villageTitle(v)} · {v.formerCommune.name}</option>)}
        </select>
        <button type="button" className="btn" onClick={() => void findNearest()} disabled={locating}>{locating ? s.locating : s.nearestMe}</button>
        {geoError && <p className="error" role="alert">{geoError}</p>}
        {nearest && (
          <ul className="field-nearest" aria-label={s.nearestList}>
            {nearest.map(({ village: v, meters }) => (
              <li key={v.id}>
                <button type="button" className="link" aria-pressed={v.id === village?.id} onClick={() => onVillage(v.id)}>{villageTitle(v)}</button>{' '}
                <span className="muted">{formatDistance(meters)}</span>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      {village && (
        <div className="field-village" data-village-id={village.id}>
          <h3>{villageTitle(village)} <span className="muted">· {village.formerCommune.name}</span></h3>
          <CentreForm
            key={`centre-${village.id}`} village={village} draft={centreDraft?.villageId === village.id ? centreDraft.lngLat : null}
            onStartDraft={() => onStartCentre(village)} onCancelDraft={onCancelCentre} devicePosition={position} onDevicePosition={setPosition}
          />
          {!village.nameKnown && <NameForm key={`name-${village.id}`} village={village} devicePosition={position} />}
          <ValuesForm key={`values-${village.id}`} data={data} index={index} village={village} devicePosition={position} />
        </div>
      )}
      <OutboxPanel indicators={data.indicators} onSynced={onSynced} />
    </section>
  );
}
