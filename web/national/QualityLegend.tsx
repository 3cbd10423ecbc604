// The data-quality layer's legend: the threshold, each class of area difference with its colour and how many communes
// it holds (the API's counts), and the units that have no outline, which the map cannot draw.
import type { NationalOverview } from '../api/national.ts';
import { formatDecimal, formatInteger, formatPercent } from '../format/number.ts';
import { t } from '../i18n/i18n.ts';
import { QUALITY_COLOURS } from './national-layers.ts';

/** Legend of the data-quality layer, from nationalQuality. */
export function QualityLegend({ quality: q }: { quality: NationalOverview['nationalQuality'] }) {
  const s = t().national;
  const labels = s.qualityLayer.classes(q.areaClassLimits.map(formatPercent), formatPercent(q.areaFlagRatio), formatDecimal(q.areaFlagMinKm2));
  return (
    <ul className="national-legend quality-legend" aria-label={s.qualityLayer.legend}>
      {q.areaClassCounts.map((n, i) => (
        <li key={i} data-class={i} data-count={n} data-flagged={i === q.areaClassCounts.length - 1 ? 'true' : undefined}>
          <span className="swatch" style={{ background: QUALITY_COLOURS[i] }} aria-hidden="true" />
          {labels[i]}: {formatInteger(n)} {s.qualityLayer.communes}
        </li>
      ))}
      <li className="no-outline" data-count={q.withoutGeometry.length}>
        <span className="swatch swatch-none" aria-hidden="true" />
        {s.qualityLayer.noOutline(q.withoutGeometry.length)}{q.withoutGeometry.length ? ` (${q.withoutGeometry.join(', ')})` : ''}
      </li>
    </ul>
  );
}
