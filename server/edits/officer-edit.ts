// What an officer's edit of a value, a bản name or a bản centre becomes before it is stored: checked, cleaned and
// ready for the store. The desk mutations (edit.resolver.ts) and the field sync (field-sync.resolver.ts) both
// write through these, so a value has one way in.
import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import { comparatorFromName } from '../../geo/value-comparator.ts';
import { AtlasError, badInput } from '../errors.ts';
import type { SourceRef } from '../../geo/seed-types.ts';
import type { AtlasSnapshot, BoundaryInput, ObservationInput, Unit } from '../store/atlas-store.ts';
import { checkComparator, checkObservationValue, checkPeriod } from './check-observation.ts';
import { checkPoint } from './check-geometry.ts';
import { cleanText } from './check-text.ts';
import { recomputePartition } from './recompute-partition.ts';

/** The source of an officer's entry: the built-in "officer-entry" document with the officer's note. */
export const officerEntry = (note: string): SourceRef => ({ doc: 'officer-entry', ref: cleanText('sourceNote', note, 3) });

/** A reason as kept in the history: cleaned, null when empty. */
export const cleanWhy = (text: string | null | undefined): string | null => (text === null || text === undefined ? null : cleanText('why', text) || null);

/** The unit with this id (of this level, when given), or NOT_FOUND naming the field. */
export function mustUnit(store: AtlasSnapshot, id: string, field: string, level?: string): Unit {
  const u = store.unit(id);
  if (!u || (level && u.level !== level)) {
    throw new AtlasError('NOT_FOUND', `Không có ${level === 'village' ? 'bản' : 'đơn vị'} "${id}" / No ${level === 'village' ? 'bản' : 'unit'} "${id}"`, { field });
  }
  return u;
}

/** What an officer gives for one value (ObservationEdit's fields). */
export interface ValueEdit {
  unitId: string;
  indicator: string;
  period: string;
  value: unknown;
  comparator?: string | null;
  denominator?: number | null;
  status: string;
  sourceNote: string;
  formula?: string | null;
}

/** One value checked against its indicator and unit, as the store takes it; BAD_USER_INPUT or NOT_FOUND names the field. */
export function observationFromEdit(store: AtlasSnapshot, input: ValueEdit): ObservationInput {
  const unit = mustUnit(store, input.unitId, 'unitId');
  const indicator = store.indicator(input.indicator);
  if (!indicator) throw badInput('indicator', `Không có chỉ tiêu "${input.indicator}"`, `Unknown indicator "${input.indicator}"`);
  if (!['REPORTED', 'DERIVED', 'ESTIMATED'].includes(input.status)) {
    throw badInput('status', `Trạng thái "${input.status}" không hợp lệ`, `Status "${input.status}" is not REPORTED, DERIVED or ESTIMATED`);
  }
  if (input.status !== 'REPORTED' && !input.formula) {
    throw badInput('formula', 'Giá trị suy ra hoặc ước tính cần ghi cách tính', 'A DERIVED or ESTIMATED value needs its formula or method');
  }
  const period = checkPeriod(input.period);
  const { value, denominator } = checkObservationValue(store, unit, indicator, input.value, input.denominator);
  const comparator = checkComparator(unit, indicator, value, comparatorFromName(input.comparator ?? 'EXACT') ?? null);
  const formula = input.formula === null || input.formula === undefined ? null : cleanText('formula', input.formula) || null;
  return {
    unitId: unit.id, indicator: indicator.key, period, value, comparator, denominator,
    status: input.status as ObservationInput['status'], source: officerEntry(input.sourceNote), formula, note: null,
  };
}

/** The commune's outline and a point inside it (to tell a swapped lat/lon). */
function communeShape(store: AtlasSnapshot) {
  const b = store.boundary(store.units('commune')[0].id)!;
  return { geometry: b.geometry as MultiPolygon, centre: b.centroid };
}

/** A bản centre (null clears it) checked to lie inside the commune. */
export function checkCentre(store: AtlasSnapshot, lon: number | null | undefined, lat: number | null | undefined): [number, number] | null {
  const clear = lon === null || lon === undefined;
  if (clear !== (lat === null || lat === undefined)) throw badInput('lat', 'Cần cả kinh độ và vĩ độ', 'Give both lon and lat (or neither, to clear)');
  if (clear) return null;
  const centre = [lon, lat] as [number, number];
  const { geometry, centre: near } = communeShape(store);
  checkPoint('lon', centre, (p) => booleanPointInPolygon(p, geometry), near);
  return centre;
}

/** The schematic cells that follow from a bản's new centre (seconds of work: check the version before calling it). */
export const cellsAfterCentre = (store: AtlasSnapshot, villageId: string, centre: [number, number] | null): BoundaryInput[] =>
  recomputePartition(store, { villageId, centre });
