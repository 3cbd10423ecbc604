import type { SourceRef } from '../../geo/seed-types.ts';
import type { AtlasSnapshot } from '../store/atlas-store.ts';

export interface AreaFigureData { kind: 'STATED' | 'OFFICIAL' | 'MEASURED' | 'DERIVED_SUM'; valueKm2: number; source: SourceRef | null }

/**
 * Every figure for the commune's area, side by side: as the report states it, as the official record
 * gives it, as the official polygon measures, and as the former communes' derived land areas add up.
 */
export function areaFigures(store: AtlasSnapshot): AreaFigureData[] {
  const commune = store.units('commune')[0];
  const latest = (unitId: string, key: string) => store.observations({ unitId, indicator: key })[0];
  const out: AreaFigureData[] = [];
  const stated = latest(commune.id, 'statedAreaKm2');
  const official = latest(commune.id, 'officialAreaKm2');
  if (stated) out.push({ kind: 'STATED', valueKm2: Number(stated.value), source: stated.source });
  if (official) out.push({ kind: 'OFFICIAL', valueKm2: Number(official.value), source: official.source });
  out.push({ kind: 'MEASURED', valueKm2: store.boundary(commune.id)!.areaKm2, source: null });
  const formers = store.units('formerCommune');
  const land = formers.map((f) => latest(f.id, 'landAreaKm2')).filter(Boolean);
  if (land.length === formers.length && land.length > 0) {
    out.push({ kind: 'DERIVED_SUM', valueKm2: land.reduce((s, o) => s + Number(o.value), 0), source: land[0].source });
  }
  return out;
}
