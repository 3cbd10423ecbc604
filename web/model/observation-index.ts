// Observations by unit and indicator: the latest (the API sends newest period first) and the series.
import type { UnitValue } from '../api/types.ts';

/** Index of observations for quick look-up by unit and indicator. */
export class ObservationIndex {
  private readonly byUnit = new Map<string, Map<string, UnitValue[]>>();

  constructor(observations: UnitValue[]) {
    for (const o of observations) {
      let m = this.byUnit.get(o.unitId);
      if (!m) this.byUnit.set(o.unitId, (m = new Map()));
      const list = m.get(o.indicator);
      if (list) list.push(o);
      else m.set(o.indicator, [o]);
    }
  }

  /** The latest observation of one indicator for one unit. */
  latest(unitId: string, indicator: string): UnitValue | null {
    return this.byUnit.get(unitId)?.get(indicator)?.[0] ?? null;
  }

  /** Every observation of one indicator for one unit, newest first. */
  series(unitId: string, indicator: string): UnitValue[] {
    return this.byUnit.get(unitId)?.get(indicator) ?? [];
  }

  /** The latest observation of each indicator for one unit. */
  latestOfUnit(unitId: string): UnitValue[] {
    return [...(this.byUnit.get(unitId)?.values() ?? [])].map((l) => l[0]);
  }

  /** Whether any unit among `unitIds` has a value of `indicator`. */
  anyFor(unitIds: string[], indicator: string): boolean {
    return unitIds.some((id) => this.latest(id, indicator) !== null);
  }
}
