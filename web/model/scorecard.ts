// The gap scorecard: for each bản, each yes/no indicator is achieved, not achieved, estimated or
// unknown; bản are ranked by what they lack. Where the facts imply a bản's value ("7/7" of its former
// commune, "23/23" of the commune), the server's fact engine says so and the cell is marked as
// inferred; the server also decides which deduced values a viewer may see (drug status).
import type { AtlasData } from '../api/atlas-data.ts';
import type { Indicator, ResolvedValue, UnitValue, VillageInfo } from '../api/types.ts';
import { resolvedValueOf } from './fact-text.ts';
import type { ObservationIndex } from './observation-index.ts';
import { stateOf, type VillageState } from './village-state.ts';

export type CellState = VillageState | 'inferred' | 'inferredNot';

export interface ScoreCell {
  state: CellState;
  /** The bản's own observation behind the state, when it has one. */
  obs: UnitValue | null;
  /** The fact engine's resolution: basis, sources, assumptions and why (null for indicators it does not resolve). */
  resolved: ResolvedValue | null;
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

/** State of one bản for one indicator: its own value, or what the server's fact engine deduces for it. */
export function cellOf(v: VillageInfo, ind: Indicator, index: ObservationIndex, data: Pick<AtlasData, 'coverages'>): ScoreCell {
  const own = index.latest(v.id, ind.key);
  const resolved = resolvedValueOf(data, v.id, ind.key);
  if (!resolved || resolved.basis === 'OWN') return { state: stateOf(own), obs: own, resolved };
  if (resolved.value === null) return { state: 'unknown', obs: null, resolved };
  return { state: resolved.value ? 'inferred' : 'inferredNot', obs: null, resolved };
}

/** Build the scorecard, most gaps first, then most unknown, then in atlas order. */
export function buildScorecard(data: AtlasData, index: ObservationIndex): Scorecard {
  const indicators = data.indicators.filter((i) => i.kind === 'boolean' && i.levels.includes('village'));
  const rows = data.villages.map((village, order) => {
    const cells: Record<string, ScoreCell> = {};
    for (const ind of indicators) cells[ind.key] = cellOf(village, ind, index, data);
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
