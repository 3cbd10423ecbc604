// The gap scorecard: for each bản, each yes/no indicator is achieved, not achieved, estimated or
// unknown; bản are ranked by what they lack. Where a source says every bản of a former commune (or
// of the commune) achieves it — or none does — each bản's state follows and is marked as inferred;
// never for sensitive indicators, whose bản values must come from a named source.
import type { AtlasData } from '../api/atlas-data.ts';
import type { Indicator, UnitValue, VillageInfo } from '../api/types.ts';
import type { ObservationIndex } from './observation-index.ts';
import { stateOf, type VillageState } from './village-state.ts';

export type CellState = VillageState | 'inferred' | 'inferredNot';

export interface ScoreCell {
  state: CellState;
  /** The observation behind the state: the bản's own, or the group fact it is inferred from. */
  obs: UnitValue | null;
}

export interface ScoreRow {
  village: VillageInfo;
  cells: Record<string, ScoreCell>;
  /** Indicators not achieved (own or inferred). */
  gaps: number;
  unknown: number;
  met: number;
  rank: number;
}

export interface Scorecard {
  indicators: Indicator[];
  rows: ScoreRow[];
}

/** Whether a state counts as achieved / not achieved. */
export const isMet = (s: CellState) => s === 'achieved' || s === 'inferred';
export const isGap = (s: CellState) => s === 'notAchieved' || s === 'inferredNot';

/** State of one bản for one indicator, inferring from all-or-none group facts where allowed. */
export function cellOf(v: VillageInfo, ind: Indicator, index: ObservationIndex, communeId: string): ScoreCell {
  const own = index.latest(v.id, ind.key);
  const state = stateOf(own);
  if (state !== 'unknown' || ind.sensitive) return { state, obs: own };
  for (const unit of [v.formerCommune.id, communeId]) {
    const f = index.latest(unit, ind.key);
    if (!f || typeof f.value !== 'number' || !f.denominator) continue;
    if (f.value === f.denominator) return { state: 'inferred', obs: f };
    if (f.value === 0) return { state: 'inferredNot', obs: f };
  }
  return { state: 'unknown', obs: null };
}

/** Build the scorecard, most gaps first, then most unknown, then in atlas order. */
export function buildScorecard(data: AtlasData, index: ObservationIndex): Scorecard {
  const indicators = data.indicators.filter((i) => i.kind === 'boolean' && i.levels.includes('village'));
  const rows = data.villages.map((village, order) => {
    const cells: Record<string, ScoreCell> = {};
    for (const ind of indicators) cells[ind.key] = cellOf(village, ind, index, data.commune.id);
    const states = Object.values(cells).map((c) => c.state);
    return {
      village, cells, order,
      gaps: states.filter(isGap).length,
      unknown: states.filter((s) => s === 'unknown' || s === 'estimated').length,
      met: states.filter(isMet).length,
      rank: 0,
    };
  });
  rows.sort((a, b) => b.gaps - a.gaps || b.unknown - a.unknown || a.order - b.order);
  rows.forEach((r, i) => (r.rank = i + 1));
  return { indicators, rows: rows.map(({ order: _order, ...r }) => r) };
}
