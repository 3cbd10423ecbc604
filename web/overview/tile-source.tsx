// Under each overview figure: what kind of figure it is and the sources it rests on, as the server gives them.
import type { SourceRef } from '../api/types.ts';
import { refLabel, t } from '../i18n/i18n.ts';

export function TileSource({ status, sources }: { status: string | null | undefined; sources: readonly SourceRef[] }) {
  const s = t();
  const kind = status ? s.status[status] ?? status : null;
  const cited = sources.length ? sources.map(refLabel).join('; ') : s.noSource;
  return <p className="tile-source" data-status={status ?? ''}>{kind ? `${kind} · ` : ''}{s.sourcePrefix}: {cited}</p>;
}
