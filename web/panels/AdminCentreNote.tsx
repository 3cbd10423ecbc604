// The commune's administrative centre (Bản Lằn), with its source, and what the sources do not say about it:
// its former commune and its place on the map stay unknown, and the page says so instead of guessing.
import type { Commune } from '../api/types.ts';
import { t } from '../i18n/i18n.ts';
import { SourceCite, SourceIndex } from './SourceCite.tsx';

/** "Trung tâm hành chính: Bản Lằn", cited, with its unknowns; nothing when no source names a centre. */
export function AdminCentreNote({ commune }: { commune: Commune }) {
  const centre = commune.adminCentre;
  if (!centre) return null;
  const s = t().adminCentre;
  const index = new SourceIndex().add(centre.source);
  return (
    <section className="admin-centre" data-located={centre.located} data-former-commune-known={centre.formerCommuneKnown}>
      <h2>{s.heading}</h2>
      <p>
        <strong>{centre.name}</strong> · <SourceCite refs={[centre.source]} index={index} />
      </p>
      {!centre.formerCommuneKnown && <p className="admin-centre-unknown">{s.formerCommuneUnknown}</p>}
      <p className="admin-centre-map">{centre.located ? `${s.onMap} ${centre.villageId}` : s.notOnMap}</p>
    </section>
  );
}
