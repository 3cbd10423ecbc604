// Stated, official and measured commune areas side by side; they disagree and the page says so.
import type { Commune } from '../api/types.ts';
import { formatDecimal } from '../format/number.ts';
import { vi } from '../i18n/vi.ts';

/** The three areas, with a flag when they differ by more than 1 km². */
export function AreaNote({ commune }: { commune: Commune }) {
  const rows: Array<[string, number]> = [];
  if (commune.statedAreaKm2 != null) rows.push([vi.area.stated, commune.statedAreaKm2]);
  if (commune.officialAreaKm2 != null) rows.push([vi.area.official, commune.officialAreaKm2]);
  rows.push([vi.area.measured, commune.measuredAreaKm2]);
  const values = rows.map(([, v]) => v);
  const disagree = Math.max(...values) - Math.min(...values) > 1;
  return (
    <section className="area-note">
      <h2>{vi.area.heading}</h2>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              {formatDecimal(value)} {vi.km2}
            </dd>
          </div>
        ))}
      </dl>
      {disagree && <p className="warn">{vi.area.disagree}</p>}
    </section>
  );
}
