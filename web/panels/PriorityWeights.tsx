// In the legend while the planner drives the map: the criteria of the priority score and their weights.
import type { Investment } from '../planner/criteria.ts';
import { criteriaFor } from '../planner/criteria.ts';
import type { RankedVillage } from '../planner/ranking.ts';
import { t } from '../i18n/i18n.ts';

/** What the planner hands the map. */
export interface PlannerRanking {
  ranking: RankedVillage[];
  investment: Investment;
  weights: Record<string, number>;
}

/** The criteria and weights list. */
export function PriorityWeights({ investment, weights }: { investment: Investment; weights: Record<string, number> }) {
  const s = t();
  return (
    <div className="priority-weights">
      <h3>{s.planner.weightsOnMap}</h3>
      <ul>
        {criteriaFor(investment).map((c) => (
          <li key={c.key} data-criterion={c.key} data-weight={weights[c.key] ?? 0}>{s.criteria[c.key]?.label ?? c.key}: <strong>{weights[c.key] ?? 0}</strong></li>
        ))}
      </ul>
    </div>
  );
}
