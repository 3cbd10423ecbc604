// Stated, official and measured commune areas side by side; they disagree and the page says so.
import type { Commune } from '../api/types.ts';
import { formatDecimal } from '../format/number.ts';
import { t } from '../i18n/i18n.ts';

/** The three areas, with a flag when they differ by more than 1 km². */
export function AreaNote({ commune }: { commune: Commune }) {
  const rows: Array<[string, number]> = [];
  if (commune.statedAreaKm2 != null) rows.push([t().area.stated, commune.statedAreaKm2]);
  if (commune.officialAreaKm2 != null) rows.push([t().area.official, commune.officialAreaKm2]);
  rows.push([t().area.measured, commune.measuredAreaKm2]);
  const values = rows.map(([, v]) => v);
  const disagree = Math.max(...values) - Math.min(...values) > 1;
  return (
    <section className="area-note">
      <h2>{t().area.heading}</h2>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              {formatDecimal(value)} {t().km2}
            </dd>
          </div>
        ))}
      </dl>
      {disagree && <p className="warn">{t().area.disagree}</p>}
    </section>
  );
}
