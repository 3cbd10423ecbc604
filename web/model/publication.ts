// Where a bản's yes/no value stands in publication, as the server says it (ResolvedValue.publication): only signed-in
// users get PENDING or RESTRICTED, so anonymous visitors see nothing of this. The page marks such values (the map's
// outline, the tooltip, the profile, the scorecard, the legend's count) so no one reads them as public.
import type { ResolvedValue } from '../api/types.ts';
import { t } from '../i18n/i18n.ts';

/** A value the public does not see as shown: PENDING (with the value it sees meanwhile) or RESTRICTED. */
export interface NotPublic {
  state: 'PENDING' | 'RESTRICTED';
  /** While PENDING: what anonymous visitors see meanwhile (null when they see none). */
  publicValue: boolean | null;
}

/** The value's mark, or undefined when it is public as shown, unknown (nothing is shown), or the viewer is anonymous. */
export function notPublicOf(r: Pick<ResolvedValue, 'value' | 'publication' | 'publishedValue'> | null | undefined): NotPublic | undefined {
  if (!r || r.value === null) return undefined;
  if (r.publication === 'PENDING') return { state: 'PENDING', publicValue: r.publishedValue ?? null };
  if (r.publication === 'RESTRICTED') return { state: 'RESTRICTED', publicValue: null };
  return undefined;
}

/** "Chờ công bố · công khai: Không" / "Không công khai: chỉ người đã đăng nhập thấy". */
export function notPublicText(mark: NotPublic): string {
  const s = t();
  if (mark.state === 'RESTRICTED') return s.publication.restricted;
  const shown = mark.publicValue === null ? s.publication.publicNone : s.publication.publicValue(mark.publicValue ? s.profile.yes : s.profile.no);
  return `${s.publication.pending} · ${shown}`;
}
