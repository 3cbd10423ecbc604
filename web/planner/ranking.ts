// Priority ranking: a weighted mean of the criteria's needs; an unknown need counts as 0.5 (the
// middle), and the number of unknowns is shown beside the score so nobody mistakes a guess for a fact.
import type { VillageInfo } from '../api/types.ts';
import { criteriaFor, type CriterionContext, type CriterionValue, type Investment } from './criteria.ts';

export interface RankedVillage {
  village: VillageInfo;
  rank: number;
  /** 0 … 1. */
  score: number;
  values: Record<string, CriterionValue>;
  unknowns: number;
}

/** Rank every bản for an investment with the given weights (highest score first, atlas order on ties). */
export function rankVillages(ctx: CriterionContext, investment: Investment, weights: Record<string, number>): RankedVillage[] {
  const criteria = criteriaFor(investment);
  const scorers = criteria.map((c) => [c.key, c.prepare(ctx)] as const);
  const total = criteria.reduce((n, c) => n + Math.max(0, weights[c.key] ?? 0), 0);
  const rows = ctx.data.villages.map((village, order) => {
    const values: Record<string, CriterionValue> = {};
    let sum = 0;
    let unknowns = 0;
    for (const [key, score] of scorers) {
      const v = score(village);
      values[key] = v;
      const w = Math.max(0, weights[key] ?? 0);
      if (v.need === null && w > 0) unknowns++;
      sum += w * (v.need ?? 0.5);
    }
    return { village, order, score: total > 0 ? sum / total : 0, values, unknowns, rank: 0 };
  });
  rows.sort((a, b) => b.score - a.score || a.order - b.order);
  return rows.map(({ order: _o, ...r }, i) => ({ ...r, rank: i + 1 }));
}
