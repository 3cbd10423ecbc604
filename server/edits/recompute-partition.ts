import type { MultiPolygon } from 'geojson';
import { partitionCommune } from '../../geo/partition-commune.ts';
import { partitionZones } from '../../geo/partition-zones.ts';
import type { AtlasSnapshot, BoundaryInput } from '../store/atlas-store.ts';
import { schematicBoundaries } from '../store/boundary-record.ts';

/** A bản centre about to change (null clears it). */
export interface CentreChange {
  villageId: string;
  centre: [number, number] | null;
}

/**
 * The schematic zones and cells that follow from the known bản centres, with one or several centres
 * changed (an import places many at once: one partition for all). Surveyed or official boundaries are
 * never replaced by generated ones, nor are those of `surveyed` units (about to get a surveyed boundary).
 */
export function recomputePartition(store: AtlasSnapshot, changed: CentreChange | CentreChange[], opts: { surveyed?: Iterable<string> } = {}): BoundaryInput[] {
  const changes = new Map((Array.isArray(changed) ? changed : [changed]).map((c) => [c.villageId, c.centre]));
  const surveyed = new Set(opts.surveyed ?? []);
  const commune = store.units('commune')[0];
  const villages = store.units('village');
  const zones = partitionZones(
    store.units('formerCommune'),
    (id) => store.observations({ unitId: id, indicator: 'landAreaKm2' })[0]?.value,
    villages.map((v) => ({ id: v.id, zone: v.parentId!, centre: changes.has(v.id) ? changes.get(v.id)! : v.centre })),
  );
  const partition = partitionCommune(store.boundary(commune.id)!.geometry as MultiPolygon, zones);
  return schematicBoundaries(partition)
    .filter((b) => !surveyed.has(b.unitId) && (store.boundary(b.unitId)?.quality ?? 'SCHEMATIC') === 'SCHEMATIC');
}
