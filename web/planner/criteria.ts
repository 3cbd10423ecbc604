// Criteria for ranking bản for an investment. Each is one declarative object: which investments it
// applies to, its default weight, and a "need" from 0 (no need) to 1 (most need) per bản, or null
// when unknown. A new criterion is one more object here.
import { geodesicDistanceKm } from '../../geo/geodesic-distance.ts';
import type { AtlasData } from '../api/atlas-data.ts';
import type { Indicator, VillageInfo } from '../api/types.ts';
import { formatDecimal, formatValue } from '../format/number.ts';
import { t, unitLabel } from '../i18n/i18n.ts';
import { labelPoint } from '../map/bounds.ts';
import type { ObservationIndex } from '../model/observation-index.ts';
import { cellOf } from '../model/scorecard.ts';

export type Investment = 'road' | 'school';
export const INVESTMENTS: readonly Investment[] = ['road', 'school'];

export interface CriterionValue {
  /** 0 … 1, higher = more need; null when unknown. */
  need: number | null;
  /** What people read: "chưa đạt", "40,9%", "12,3 km". */
  text: string;
  /** The number behind the text, for exports (40.9, 12.3), with its unit ("%", "km", "hộ"); absent for yes/no. */
  amount?: number;
  unit?: string;
}

export interface CriterionContext {
  data: AtlasData;
  index: ObservationIndex;
}

export interface Criterion {
  key: string;
  investments: readonly Investment[];
  defaultWeight: Partial<Record<Investment, number>>;
  /** Prepare once for all bản (normalising needs a look at every bản). */
  prepare: (ctx: CriterionContext) => (v: VillageInfo) => CriterionValue;
}

const unknown = (): CriterionValue => ({ need: null, text: '?' });

/** A yes/no indicator as a need: not achieved = 1, achieved = 0 (inferred from all-or-none group facts too). */
function lacking(key: string): Criterion['prepare'] {
  return ({ data, index }) => {
    const ind = data.indicators.find((i) => i.key === key);
    return (v) => {
      if (!ind) return unknown();
      const c = cellOf(v, ind, index, data);
      const s = t().scorecard.cell;
      if (c.state === 'achieved' || c.state === 'inferred') return { need: 0, text: s[c.state] };
      if (c.state === 'notAchieved' || c.state === 'inferredNot') return { need: 1, text: s[c.state] };
      return unknown();
    };
  };
}

/** A former-commune figure shared by its bản, scaled from the lowest (0) to the highest (1). */
function formerCommuneFigure(key: string, perVillage = false): Criterion['prepare'] {
  return ({ data, index }) => {
    const ind: Indicator | undefined = data.indicators.find((i) => i.key === key);
    const value = (fcId: string) => {
      const o = index.latest(fcId, key);
      if (!o || typeof o.value !== 'number') return null;
      const fc = data.commune.formerCommunes.find((f) => f.id === fcId);
      return perVillage && fc?.villageCount ? o.value / fc.villageCount : o.value;
    };
    const known = data.commune.formerCommunes.map((f) => value(f.id)).filter((x): x is number => x !== null);
    const [lo, hi] = [Math.min(...known), Math.max(...known)];
    return (v) => {
      const x = value(v.formerCommune.id);
      if (x === null || !ind) return unknown();
      return { need: hi > lo ? (x - lo) / (hi - lo) : 0.5, text: formatValue(x, ind.unit, unitLabel(ind.unit)), amount: x, unit: ind.unit };
    };
  };
}

export const CRITERIA: readonly Criterion[] = [
  { key: 'noCarRoad', investments: ['road'], defaultWeight: { road: 3 }, prepare: lacking('carRoadAccess') },
  { key: 'noConcreteRoad', investments: ['road'], defaultWeight: { road: 2 }, prepare: lacking('concreteInternalRoad') },
  { key: 'poverty', investments: ['road', 'school'], defaultWeight: { road: 2, school: 2 }, prepare: formerCommuneFigure('povertyRate') },
  {
    key: 'resettlement',
    investments: ['road', 'school'],
    defaultWeight: { road: 2, school: 3 },
    prepare: ({ data }) => {
      // The sources list every resettlement site, so a bản without one is a known 0.
      const planned = (v: VillageInfo) => data.places
        .filter((p) => p.kind === 'resettlementSite' && p.villageIds.includes(v.id))
        .reduce((n, p) => n + Number(p.attributes.find((a) => a.key === 'plannedHouseholds')?.value ?? 1), 0);
      const max = Math.max(1, ...data.villages.map(planned));
      return (v) => {
        const n = planned(v);
        return { need: n / max, text: n ? `${formatDecimal(n, 0)} ${unitLabel('hộ')}` : '0', amount: n, unit: 'hộ' };
      };
    },
  },
  {
    key: 'remoteness',
    investments: ['road', 'school'],
    defaultWeight: { road: 1, school: 2 },
    prepare: ({ data }) => {
      const centre = labelPoint(data.commune.geometry);
      const km = (v: VillageInfo) => (centre ? geodesicDistanceKm(v.centroid, centre) : NaN);
      const all = data.villages.map(km).filter(Number.isFinite);
      const [lo, hi] = [Math.min(...all), Math.max(...all)];
      return (v) => {
        const d = km(v);
        if (!Number.isFinite(d)) return unknown();
        return { need: hi > lo ? (d - lo) / (hi - lo) : 0.5, text: `${formatDecimal(d, 1)} km`, amount: Number(d.toFixed(2)), unit: 'km' };
      };
    },
  },
  { key: 'householdsPerVillage', investments: ['school'], defaultWeight: { school: 2 }, prepare: formerCommuneFigure('households', true) },
];

/** Criteria of one investment. */
export function criteriaFor(investment: Investment): Criterion[] {
  return CRITERIA.filter((c) => c.investments.includes(investment));
}

/** Default weights of one investment. */
export function defaultWeights(investment: Investment): Record<string, number> {
  return Object.fromEntries(criteriaFor(investment).map((c) => [c.key, c.defaultWeight[investment] ?? 1]));
}
