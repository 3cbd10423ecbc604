import { badInput } from '../errors.ts';
import type { BoundComparator } from '../../geo/seed-types.ts';
import type { AtlasSnapshot, Indicator, Unit } from '../store/atlas-store.ts';

// Far above any figure of a commune (its budget in đồng is about 1e11), far below where doubles lose integers.
const MAX_MAGNITUDE = 1e12;

/** A period as the sources write it: a year first ("2025", "2020-2025", "2025-06-30"), plain ASCII, no control characters. */
export function checkPeriod(period: string): string {
  const p = period.normalize('NFC');
  if (!/^\d{4}[0-9A-Za-z./-]{0,16}$/.test(p)) {
    throw badInput('period', `Kỳ "${p.slice(0, 30)}" không hợp lệ (ví dụ: 2025, 2020-2025)`, `Period "${p.slice(0, 30)}" is not valid (e.g. 2025, 2020-2025)`);
  }
  return p;
}

/** The value an editor gives, checked against the indicator's kind and the unit's level; the message names the field. */
export function checkObservationValue(store: Pick<AtlasSnapshot, 'units'>, unit: Unit, indicator: Indicator, value: unknown, denominator: number | null | undefined): { value: number | boolean; denominator: number | null } {
  const label = `${indicator.key} (${unit.name ?? unit.provisionalLabel ?? unit.id})`;
  if (!indicator.levels.includes(unit.level)) {
    throw badInput('indicator', `${label}: chỉ tiêu này không dùng cho cấp ${unit.level}`, `${label}: this indicator is not kept for the ${unit.level} level`);
  }
  if (indicator.kind === 'boolean' && unit.level === 'village') {
    if (typeof value !== 'boolean') throw badInput('value', `${label}: giá trị phải là true hoặc false`, `${label}: the value must be true or false`);
    return { value, denominator: null };
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw badInput('value', `${label}: giá trị phải là một số`, `${label}: the value must be a number`);
  }
  if (Math.abs(value) > MAX_MAGNITUDE) {
    throw badInput('value', `${label}: giá trị ${value} quá lớn`, `${label}: ${value} is beyond any plausible figure (at most ${MAX_MAGNITUDE})`);
  }
  if (indicator.kind === 'boolean') {
    const villages = store.units('village').filter((v) => unit.level === 'commune' || v.parentId === unit.id).length;
    if (denominator === undefined || denominator === null) {
      throw badInput('denominator', `${label}: cần số bản được đếm (mẫu số)`, `${label}: give the number of bản counted (denominator)`);
    }
    if (!Number.isInteger(value) || value < 0 || value > denominator || denominator > villages) {
      throw badInput('value', `${label}: ${value}/${denominator} ngoài khoảng (0…${villages} bản)`, `${label}: ${value}/${denominator} is out of range (0…${villages} bản)`);
    }
    return { value, denominator };
  }
  if (indicator.kind === 'percent' && (value < 0 || value > 100)) {
    throw badInput('value', `${label}: tỷ lệ ${value}% ngoài khoảng 0–100`, `${label}: ${value}% is outside 0–100`);
  }
  if ((indicator.kind === 'count' || indicator.kind === 'area' || indicator.kind === 'quantity') && value < 0) {
    throw badInput('value', `${label}: giá trị không được âm`, `${label}: the value must not be negative`);
  }
  if (indicator.kind === 'count' && !Number.isInteger(value)) {
    throw badInput('value', `${label}: số đếm phải là số nguyên`, `${label}: a count must be a whole number`);
  }
  return { value, denominator: denominator ?? null };
}

/** A bound ("trên", "gần") belongs to a number: a bản's yes/no value is exact. The message names the field. */
export function checkComparator(unit: Unit, indicator: Indicator, value: number | boolean, comparator: BoundComparator | null): BoundComparator | null {
  if (comparator !== null && typeof value !== 'number') {
    const label = `${indicator.key} (${unit.name ?? unit.provisionalLabel ?? unit.id})`;
    throw badInput('comparator', `${label}: giá trị có/không không có dấu so sánh (${comparator})`, `${label}: a yes/no value cannot be a bound (${comparator})`);
  }
  return comparator;
}
