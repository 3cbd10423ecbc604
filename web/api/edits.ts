// Mutations for signed-in editors: set a value (with its source note), name a bản, place a bản centre.
import { request } from './graphql.ts';
import type { VillageInfo } from './types.ts';
import { SOURCE_REF_FIELDS } from './source-ref.fragment.ts';

export interface ObservationEditInput {
  unitId: string;
  indicator: string;
  period: string;
  value: boolean | number;
  status: 'REPORTED' | 'DERIVED' | 'ESTIMATED';
  sourceNote: string;
  formula?: string | null;
  why?: string | null;
  expectedVersion: number;
}

/** Set one value; the server keeps the history. */
export async function setObservation(input: ObservationEditInput): Promise<void> {
  await request<unknown, { input: ObservationEditInput }>('mutation AtlasSetObservation($input: ObservationEdit!) { setObservation(input: $input) { version } }', { input });
}

/** Name (or rename) a bản. */
export async function nameVillage(input: { villageId: string; name: string; sourceNote: string; why?: string | null; expectedVersion: number }): Promise<void> {
  await request<unknown, { input: typeof input }>('mutation AtlasNameVillage($input: VillageNameEdit!) { nameVillage(input: $input) { id version } }', { input });
}

const VILLAGE_FIELDS = `id name nameKnown label provisionalLabel boundaryQuality centroid centreKnown areaKm2 note version geometry
  nameSource { ${SOURCE_REF_FIELDS} } formerCommune { id code name }`;

/** Place a bản centre; returns every bản with the recomputed schematic cells. */
export async function placeVillageCentre(input: { villageId: string; lon: number; lat: number; sourceNote: string; why?: string | null; expectedVersion: number }): Promise<VillageInfo[]> {
  const q = `mutation AtlasPlaceCentre($input: VillageCentreEdit!) { placeVillageCentre(input: $input) { ${VILLAGE_FIELDS} } }`;
  return (await request<{ placeVillageCentre: VillageInfo[] }, { input: typeof input }>(q, { input })).placeVillageCentre;
}
