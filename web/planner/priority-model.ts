// The planner's ranking as a map layer: each bản coloured by its priority score (0–1) in four equal
// classes, so the map shows what Kế hoạch ranks while it is open. The score is the ranking's own
// (ranking.ts); this only classes and colours it.
import type { Indicator } from '../api/types.ts';
import { formatDecimal } from '../format/number.ts';
import { en } from '../i18n/en.ts';
import { t } from '../i18n/i18n.ts';
import { vi } from '../i18n/vi.ts';
import type { ChoroplethModel, FeatureStyle, LegendEntry } from '../model/choropleth.ts';
import { classColours } from '../model/palettes.ts';
import type { Investment } from './criteria.ts';
import type { RankedVillage } from './ranking.ts';

const CLASSES = 4;

/** The choropleth of a ranking: darker is a higher priority. */
export function priorityModel(ranking: readonly RankedVillage[], investment: Investment, weights: Record<string, number>): ChoroplethModel {
  const colours = classColours('YlOrBr', CLASSES);
  const clsOf = (score: number) => Math.min(CLASSES - 1, Math.floor(score * CLASSES));
  const features: FeatureStyle[] = ranking.map((r) => ({
    id: r.village.id, state: 'value', cls: clsOf(r.score), color: colours[clsOf(r.score)], estimated: r.unknowns > 0,
    value: r.score, display: `${formatDecimal(r.score)} (#${r.rank})`, obs: null, why: null, sources: [],
  }));
  const entries: LegendEntry[] = colours.map((color, i) => ({
    key: `p${i}`, label: `${formatDecimal(i / CLASSES)} – ${formatDecimal((i + 1) / CLASSES)}`, color, pattern: null,
    count: features.filter((f) => f.cls === i).length,
  }));
  const indicator: Indicator = {
    key: `priority-${investment}`, nameVi: vi.planner.priorityName(investment), nameEn: en.planner.priorityName(investment),
    kind: 'score', unit: '', higherIsBetter: null, sensitive: false, levels: ['village'],
  };
  const weightKey = Object.entries(weights).map(([k, w]) => `${k}=${w}`).join(',');
  return {
    key: `priority|${investment}|${weightKey}`, indicator, level: 'village', kind: 'numeric', unit: '', features, entries,
    total: features.length, unitNoun: t().banUnit, method: 'equal', palette: 'YlOrBr', k: CLASSES, periods: [], sources: [],
    basis: t().planner.scoreBasis,
  };
}
