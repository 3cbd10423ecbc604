// Signed-in users: the legend's line counting the values on the map the public does not see as shown (the dashed
// outline), read by the single map's legend and each compare map's. Nothing for anonymous visitors (no such value).
import { t } from '../i18n/i18n.ts';
import type { ChoroplethModel } from '../model/choropleth.ts';

export function NotPublicNote({ model }: { model: ChoroplethModel }) {
  const count = model.notPublic ?? 0;
  if (count === 0) return null;
  return (
    <p className="legend-not-public" data-count={count}><span className="not-public-swatch" aria-hidden="true" /> {t().publication.legend(count, model.unitNoun)}</p>
  );
}
