// What colour each unit gets for one indicator at one level: its state, class and fill, without any text.
// buildChoropleth (choropleth.ts) adds what people read to these; the first picture (web/first-picture/) draws them
// before the map and the page's strings have loaded, so both show exactly the same colours.
import type { AtlasData } from '../api/atlas-data.ts';
import type { CoverageGroup, Indicator, ResolvedValue, UnitValue } from '../api/types.ts';
import type { Level } from '../state/ui-state.ts';
import { classify, type Classification, type ClassMethod } from './classify.ts';
import { coverageOf } from './coverage-of.ts';
import type { ObservationIndex } from './observation-index.ts';
import { classColours, defaultPalette, type PaletteName } from './palettes.ts';
import { stateOf, type VillageState } from './village-state.ts';

/** Fills that are not value colours. */
export const NEUTRAL = { unknown: '#f2f2f0', estimated: '#fbfaf5' } as const;
/** The categorical pair for yes/no (ColorBrewer Dark2). */
export const CATEGORY_COLOURS = { achieved: '#1b9e77', notAchieved: '#d95f02' } as const;

export type FeatureState = VillageState | 'value';

export interface ChoroplethOptions {
  indicator: Indicator;
  level: Level;
  method: ClassMethod;
  classes: number;
  palette: PaletteName | null;
}

/** The data a choropleth's colours rest on. */
export type FillData = Pick<AtlasData, 'villages' | 'commune' | 'coverages'>;

/** One unit's fill, with what it was worked out from. */
export interface UnitFill {
  id: string;
  state: FeatureState;
  /** Class index for numeric values; null for categories and unknown. */
  cls: number | null;
  color: string;
  /** Whether the value is an estimate (drawn with dots; paler in the first paint). */
  estimated: boolean;
  value: number | null;
  /** The unit's own newest observation of the indicator. */
  obs: UnitValue | null;
  /** Yes/no at bản level: the fact engine's resolution of the bản (own, deduced or unknown). */
  resolved: ResolvedValue | null;
  /** Numbers per former commune of a yes/no indicator: the fact engine's count of the group. */
  group: CoverageGroup | null;
}

export interface ChoroplethFills {
  kind: 'categorical' | 'numeric';
  palette: PaletteName;
  /** One per unit of the level, in the data's order. */
  fills: UnitFill[];
  /** Numeric: the classes of the known values, their colours and the values classed. */
  classification: Classification | null;
  colours: string[];
  known: number[];
}

/** The numeric value an observation contributes at a level (a yes/no group fact becomes a share in %). */
function numericValue(o: UnitValue | null, indicator: Indicator): number | null {
  if (!o || typeof o.value !== 'number' || !Number.isFinite(o.value)) return null;
  if (indicator.kind === 'boolean') return o.denominator ? (o.value / o.denominator) * 100 : null;
  return o.value;
}

/** Each unit's state, class and colour for `indicator` at `level`. */
export function choroplethFills(data: FillData, index: ObservationIndex, opts: ChoroplethOptions): ChoroplethFills {
  const { indicator, level } = opts;
  const units = level === 'village' ? data.villages.map((v) => v.id) : data.commune.formerCommunes.map((fc) => fc.id);
  const obs = units.map((id) => index.latest(id, indicator.key));
  const palette = opts.palette ?? defaultPalette(indicator.higherIsBetter);

  if (indicator.kind === 'boolean' && level === 'village') {
    // Every bản's state is the server's fact engine's: its own value, or deduced from a count ("23/23").
    const resolved = coverageOf(data, indicator.key);
    const fills = units.map((id, i): UnitFill => {
      const o = obs[i];
      const r = resolved?.villages.find((x) => x.unitId === id) ?? null;
      const deduced = r !== null && r.basis !== 'OWN';
      const state: VillageState = !deduced ? stateOf(o) : r.value === null ? 'unknown' : r.value ? 'achieved' : 'notAchieved';
      const color = state === 'achieved' || state === 'notAchieved' ? CATEGORY_COLOURS[state] : NEUTRAL[state];
      return { id, state, cls: null, color, estimated: state === 'estimated', value: null, obs: o, resolved: r, group: null };
    });
    return { kind: 'categorical', palette, fills, classification: null, colours: [], known: [] };
  }

  // A yes/no indicator per former commune: the fact engine's count (its own fact, or inferred by subtraction).
  const groups = indicator.kind === 'boolean' ? coverageOf(data, indicator.key)?.groups ?? [] : null;
  const groupOf = (id: string) => groups?.find((g) => g.id === id) ?? null;
  const values = units.map((id, i) => {
    if (!groups) return numericValue(obs[i], indicator);
    const g = groupOf(id);
    return g && g.share !== null ? g.share * 100 : null;
  });
  const known = values.filter((v): v is number => v !== null);
  const c = classify(known, opts.method, opts.classes);
  const colours = classColours(palette, c.k);
  const fills = units.map((id, i): UnitFill => {
    const o = obs[i];
    const v = values[i];
    const g = groupOf(id);
    if (g && v !== null) {
      const cls = c.classOf(v);
      return { id, state: 'value', cls, color: colours[cls], estimated: g.status === 'INFERRED' || g.status === 'ESTIMATED', value: v, obs: o, resolved: null, group: g };
    }
    if (o === null || v === null) return { id, state: 'unknown', cls: null, color: NEUTRAL.unknown, estimated: false, value: null, obs: o, resolved: null, group: g };
    const cls = c.classOf(v);
    return { id, state: 'value', cls, color: colours[cls], estimated: o.status === 'ESTIMATED', value: v, obs: o, resolved: null, group: g };
  });
  return { kind: 'numeric', palette, fills, classification: c, colours, known };
}
