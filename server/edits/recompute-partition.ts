import type { MultiPolygon } from 'geojson';
import { partitionCommune, type ZoneInput } from '../../geo/partition-commune.ts';
import type { AtlasStore, BoundaryInput } from '../store/atlas-store.ts';
import { schematicBoundaries } from '../store/boundary-record.ts';

/**
 * The schematic zones and cells that follow from the known bản centres, with one centre changed.
 * Surveyed or official boundaries are never replaced by generated ones.
 */
export function recomputePartition(store: AtlasStore, changed: { villageId: string; centre: [number, number] | null }): BoundaryInput[] {
  const commune = store.units('commune')[0];
  const villages = store.units('village');
  const zones: ZoneInput[] = store.units('formerCommune').map((fc) => {
    const land = store.observations({ unitId: fc.id, indicator: 'landAreaKm2' })[0];
    return {
      id: fc.id,
      targetAreaKm2: typeof land?.value === 'number' ? land.value : 1,
      villages: villages.filter((v) => v.parentId === fc.id).map((v) => ({
        id: v.id, centre: v.id === changed.villageId ? changed.centre : v.centre,
      })),
    };
  });
  const partition = partitionCommune(store.boundary(commune.id)!.geometry as MultiPolygon, zones);
  return schematicBoundaries(partition).filter((b) => (store.boundary(b.unitId)?.quality ?? 'SCHEMATIC') === 'SCHEMATIC');
}
