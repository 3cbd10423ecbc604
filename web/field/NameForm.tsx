// The name of a bản the sources do not name (it keeps its provisional label until the portal has the name).
import { useState, type FormEvent } from 'react';
import type { VillageInfo } from '../api/types.ts';
import { t } from '../i18n/i18n.ts';
import { villageTitle } from '../map/tooltip.ts';
import { newClientId, type FieldPosition } from './field-record.ts';
import { addToOutbox } from './outbox.ts';

/** The naming form. */
export function NameForm({ village, devicePosition }: { village: VillageInfo; devicePosition: FieldPosition | null }) {
  const s = t().field;
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    await addToOutbox({
      villageLabel: villageTitle(village),
      input: {
        clientId: newClientId(), kind: 'NAME', villageId: village.id, recordedAt: new Date().toISOString(), position: devicePosition,
        baseVersion: village.version, name: String(f.get('name') ?? '').trim().normalize('NFC'),
        sourceNote: String(f.get('sourceNote') ?? '').trim().normalize('NFC'),
      },
    });
    setMessage(s.added(1));
    form.reset();
  };
  return (
    <form className="field-form field-name" onSubmit={(e) => void submit(e)} aria-labelledby={`name-${village.id}`}>
      <h4 id={`name-${village.id}`}>{s.nameHeading}</h4>
      <label htmlFor={`name-input-${village.id}`}>{s.nameLabel}</label>
      <input id={`name-input-${village.id}`} name="name" required />
      <label htmlFor={`name-source-${village.id}`}>{s.sourceNote}</label>
      <input id={`name-source-${village.id}`} name="sourceNote" required />
      <button type="submit" className="btn primary">{s.addToOutbox}</button>
      {message && <p className="saved" role="status">{message}</p>}
    </form>
  );
}
