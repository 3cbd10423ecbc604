// What the map shows for one indicator at one level: a style per feature (state, class, colour,
// pattern) and the legend entries with their counts. Pure: the map applies it with feature-state.
import type { AtlasData } from '../api/atlas-data.ts';
import type { Indicator, SourceRef, UnitValue } from '../api/types.ts';
import { withBound } from '../format/bound.ts';
import { formatRatio, formatValue } from '../format/number.ts';
import { t, unitLabel } from '../i18n/i18n.ts';
import type { Level } from '../state/ui-state.ts';
import { countPerClass, type ClassMethod } from './classify.ts';
import { CATEGORY_COLOURS, choroplethFills, NEUTRAL, type ChoroplethOptions, type FeatureState, type UnitFill } from './choropleth-fills.ts';
import { assumptionTexts, reasonText } from './fact-text.ts';
import type { ObservationIndex } from './observation-index.ts';
import { notPublicOf, type NotPublic } from './publication.ts';
import type { PaletteName } from './palettes.ts';
import { VILLAGE_STATES } from './village-state.ts';

export type Pattern = 'hatch' | 'dots' | null;

/** One unit's style: its fill (choroplethFills') and what people read of it. */
export interface FeatureStyle extends Pick<UnitFill, 'id' | 'state' | 'cls' | 'color' | 'estimated' | 'value'> {
  /** The value as people read it: "Đạt", "Đạt (suy ra)", "82,6%", "7/10 (70%)". */
  display: string;
  /** The feature's own observation, when its value is its own. */
  obs: UnitValue | null;
  /** Why a yes/no bản value is deduced or unknown (the fact engine's reason), else null. */
  why: string | null;
  /** The sources the value shown rests on. */
  sources: SourceRef[];
  /** Signed-in users: a value the public does not see as shown (PENDING, RESTRICTED), drawn with a dashed outline. */
  notPublic?: NotPublic;
}

export interface LegendEntry {
  key: string;
  label: string;
  color: string;
  pattern: Pattern;
  count: number;
  hint?: string;
}

export interface ChoroplethModel {
  /** Identifies the styling (indicator|level|method|k|palette): the map reports it once drawn. */
  key: string;
  indicator: Indicator;
  level: Level;
  kind: 'categorical' | 'numeric';
  /** Unit of the numeric values shown ("%" for a yes/no indicator shown as a share per former commune). */
  unit: string;
  features: FeatureStyle[];
  entries: LegendEntry[];
  total: number;
  /** The noun counted in the legend: "bản" or "xã cũ". */
  unitNoun: string;
  method: ClassMethod;
  palette: PaletteName;
  k: number;
  /** Periods of the values shown, newest first (the data date). */
  periods: string[];
  sources: SourceRef[];
  /** What the values are when they are no source's facts (the planner's score): said in place of a source. */
  basis?: string;
  /** Signed-in users: how many of the values shown the public does not see as shown (features' notPublic). */
  notPublic?: number;
}

function displayOf(o: UnitValue, indicator: Indicator, value: number): string {
  if (indicator.kind === 'boolean' && o.denominator) return `${formatRatio(o.value as number, o.denominator)} (${formatValue(value, '%')})`;
  return withBound(formatValue(value, indicator.unit, unitLabel(indicator.unit)), o.comparator);
}

/** Build the styling and legend of `indicator` at `level` (the colours are choroplethFills'). */
export function buildChoropleth(data: AtlasData, index: ObservationIndex, opts: ChoroplethOptions): ChoroplethModel {
  const s = t();
  const { indicator, level } = opts;
  const fills = choroplethFills(data, index, opts);
  const { palette } = fills;
  const unitNoun = level === 'village' ? s.banUnit : s.legend.formerCommuneUnit;
  // The data date: of the values shown, and for a yes/no indicator of the counts its bản values may rest on.
  const factUnits = indicator.kind === 'boolean' ? [...data.commune.formerCommunes.map((fc) => fc.id), data.commune.id] : [];
  const periods = [...new Set([...fills.fills.map((f) => f.obs), ...factUnits.map((id) => index.latest(id, indicator.key))].flatMap((o) => (o ? [o.period] : [])))].sort().reverse();

  if (fills.kind === 'categorical') {
    const features = fills.fills.map(({ id, state, color, obs: o, resolved: r }): FeatureStyle => {
      const deduced = r !== null && r.basis !== 'OWN';
      const display = state === 'estimated' ? `${s.states.estimated}: ${o!.value ? s.states.achieved : s.states.notAchieved}`
        : deduced && r.value !== null ? s.scorecard.cell[r.value ? 'inferred' : 'inferredNot'] : s.states[state as keyof typeof s.states];
      const why = r && (deduced || r.value === null) ? reasonText(r.reason, data) : null;
      const notPublic = notPublicOf(r);
      return {
        id, state, cls: null, color, estimated: state === 'estimated', value: null, display, obs: deduced ? null : o, why, sources: r?.sources ?? (o ? [o.source] : []),
        ...(notPublic ? { notPublic } : {}),
      };
    });
    // The unknown hatch says exactly why (one reason per kind), never a stock phrase.
    const unknownWhy = [...new Set(features.filter((f) => f.state === 'unknown' && f.why).map((f) => f.why!))].join('; ');
    const entries = VILLAGE_STATES.map((st): LegendEntry => ({
      key: st,
      label: s.states[st],
      color: st === 'achieved' || st === 'notAchieved' ? CATEGORY_COLOURS[st] : NEUTRAL[st],
      pattern: st === 'unknown' ? 'hatch' : st === 'estimated' ? 'dots' : null,
      count: features.filter((f) => f.state === st).length,
      hint: st === 'unknown' ? unknownWhy || undefined : st === 'estimated' ? s.estimatedHint : undefined,
    }));
    return {
      key: keyOf(opts, palette), indicator, level, kind: 'categorical', unit: indicator.unit, features, entries,
      total: features.length, unitNoun, method: opts.method, palette, k: 2, periods, sources: features.flatMap((f) => (f.state === 'unknown' ? [] : f.sources)),
      notPublic: features.filter((f) => f.notPublic).length,
    };
  }

  const unknownLabel = level === 'village' ? s.states.unknown : s.noData;
  const c = fills.classification!;
  const features = fills.fills.map(({ id, state, cls, color, estimated, value: v, obs: o, group: g }): FeatureStyle => {
    if (g && v !== null) {
      const why = g.basis === 'FACT' ? null : [reasonText(g.reason, data), ...assumptionTexts(g.assumptions, g.reason)].join('; ');
      return {
        id, state, cls, color, estimated, value: v, display: `${formatRatio(g.min, g.total)} (${formatValue(v, '%')})`,
        obs: g.basis === 'FACT' ? o : null, why, sources: g.sources,
      };
    }
    if (o === null || v === null) {
      return { id, state, cls, color, estimated, value: null, display: unknownLabel, obs: o, why: g ? reasonText(g.reason, data) : null, sources: [] };
    }
    return { id, state, cls, color, estimated, value: v, display: displayOf(o, indicator, v), obs: o, why: null, sources: [o.source] };
  });
  const unit = indicator.kind === 'boolean' ? '%' : indicator.unit;
  // The unit is named once above the classes; the classes carry only numbers ("%" stays).
  const fmt = (v: number) => formatValue(v, unit, unit === '%' || unit === '%/năm' ? unitLabel(unit) : '');
  const counts = countPerClass(fills.known, c);
  const entries: LegendEntry[] = counts.map((count, i) => ({
    key: `class-${i}`,
    label: c.ranges[i][0] === c.ranges[i][1] ? fmt(c.ranges[i][0]) : s.legend.classRange(fmt(c.ranges[i][0]), fmt(c.ranges[i][1])),
    color: fills.colours[i],
    pattern: null,
    count,
  }));
  const estimated = features.filter((f) => f.estimated).length;
  // Inferred counts say how and under which assumption (Mường Bang's 7/10).
  const estimatedWhy = [...new Set(features.filter((f) => f.estimated && f.why).map((f) => f.why!))].join('; ');
  if (estimated > 0) entries.push({ key: 'estimated', label: s.states.estimated, color: NEUTRAL.estimated, pattern: 'dots', count: estimated, hint: estimatedWhy || s.estimatedHint });
  entries.push({
    key: 'unknown', label: unknownLabel, color: NEUTRAL.unknown, pattern: 'hatch',
    count: features.filter((f) => f.state === 'unknown').length, hint: s.unknownHintNumeric,
  });
  return {
    key: keyOf(opts, palette), indicator, level, kind: 'numeric', unit, features, entries,
    total: features.length, unitNoun, method: opts.method, palette, k: c.k, periods, sources: features.flatMap((f) => f.sources),
  };
}

function keyOf(o: ChoroplethOptions, palette: PaletteName): string {
  return [o.indicator.key, o.level, o.method, o.classes, palette].join('|');
}
