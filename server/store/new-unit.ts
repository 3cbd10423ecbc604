// What both stores say about an added unit: its history entry, and the refusal when its code is taken.
import { AtlasError } from '../errors.ts';
import type { BoundaryInput, NewUnit } from './atlas-store.ts';

/** The history entry of an added unit: what it is and where its boundary comes from. */
export function createdEntry(unit: NewUnit, boundary: BoundaryInput): unknown {
  return {
    level: unit.level, code: unit.code, name: unit.name, parentId: unit.parentId, nameSource: unit.nameSource,
    boundary: { quality: boundary.quality, areaKm2: Math.round(boundary.areaKm2 * 1000) / 1000, source: boundary.source },
  };
}

/** CONFLICT naming the code: a current commune with it is already detailed, or a bản under the same parent has it. */
export function codeTaken(unit: NewUnit): AtlasError {
  return unit.level === 'commune'
    ? new AtlasError('CONFLICT', `Xã mã ${unit.code} đã có dữ liệu chi tiết / Commune ${unit.code} is already a detailed commune`, { field: 'code', unitCode: unit.code })
    : new AtlasError('CONFLICT', `Mã bản "${unit.code}" đã có trong xã này / Bản code "${unit.code}" is already taken in this commune`, { field: 'code', unitCode: unit.code });
}

/**
 * With more than one detailed commune, codes are what officers and imports name units by: one current commune per
 * official code, one bản per code under the same parent. Former communes may share a code with the commune (the new
 * commune took former Mường Do's 03943), so the first index holds for current communes only.
 */
export const UNIQUE_CODES_SQL = `
  CREATE UNIQUE INDEX units_current_commune_code ON units(code) WHERE level = 'commune' AND valid_to IS NULL AND code IS NOT NULL;
  CREATE UNIQUE INDEX units_village_code ON units(parent_id, code) WHERE level = 'village' AND code IS NOT NULL;`;
