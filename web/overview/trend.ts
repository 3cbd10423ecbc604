// The earlier periods the sources give for an indicator, as series to draw: one per unit (the former
// communes, the commune) with at least one single-year value. Values are read, never combined.
import type { UnitValue } from '../api/types.ts';

export interface TrendSeries {
  unitId: string;
  unitLabel: string;
  level: string;
  points: Array<{ year: number; value: number }>;
}

/** The series of an indicator, or [] when the sources give no earlier period than the latest. */
export function trendOf(observations: readonly UnitValue[], indicator: string): TrendSeries[] {
  const byUnit = new Map<string, TrendSeries>();
  for (const o of observations) {
    if (o.indicator !== indicator || o.level === 'village' || typeof o.value !== 'number' || !/^\d{4}$/.test(o.period)) continue;
    const s = byUnit.get(o.unitId) ?? { unitId: o.unitId, unitLabel: o.unitLabel, level: o.level, points: [] };
    if (!s.points.some((p) => p.year === Number(o.period))) s.points.push({ year: Number(o.period), value: o.value });
    byUnit.set(o.unitId, s);
  }
  const series = [...byUnit.values()].map((s) => ({ ...s, points: s.points.sort((a, b) => a.year - b.year) }));
  const years = new Set(series.flatMap((s) => s.points.map((p) => p.year)));
  return years.size >= 2 ? series : [];
}
