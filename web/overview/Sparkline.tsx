// A small chart of the periods the report gives: one line per former commune, the commune as a dot.
import type { TrendSeries } from './trend.ts';
import { formatDecimal } from '../format/number.ts';

const W = 120;
const H = 36;

/** The sparkline; its text alternative lists every value with its unit and year. */
export function Sparkline({ series, label }: { series: TrendSeries[]; label: string }) {
  const points = series.flatMap((s) => s.points);
  const years = points.map((p) => p.year);
  const values = points.map((p) => p.value);
  const [x0, x1] = [Math.min(...years), Math.max(...years)];
  const [y0, y1] = [Math.min(...values), Math.max(...values)];
  const x = (year: number) => 4 + ((year - x0) / Math.max(1, x1 - x0)) * (W - 8);
  const y = (v: number) => H - 4 - ((v - y0) / Math.max(1e-9, y1 - y0)) * (H - 8);
  const text = series.map((s) => `${s.unitLabel}: ${s.points.map((p) => `${formatDecimal(p.value)} (${p.year})`).join(' → ')}`).join('; ');
  return (
    <figure className="sparkline" data-series={series.length}>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${label}: ${text}`}>
        {series.map((s) => (s.points.length > 1
          ? <polyline key={s.unitId} className={`spark-line spark-${s.level}`} points={s.points.map((p) => `${x(p.year)},${y(p.value)}`).join(' ')} />
          : <circle key={s.unitId} className={`spark-dot spark-${s.level}`} cx={x(s.points[0].year)} cy={y(s.points[0].value)} r={2.5} />))}
      </svg>
      <figcaption className="spark-years">{x0}–{x1}</figcaption>
    </figure>
  );
}
