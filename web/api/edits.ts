// Mutations for signed-in editors: set a value (with its source note), name a bản, place a bản centre.
import { graphql, request, type VariablesOf } from './graphql.ts';
import { VILLAGE_FIELDS } from './villages.ts';
import { asDescribed, type VillageInfo } from './types.ts';

export const SET_OBSERVATION_MUTATION = graphql(`
  mutation AtlasSetObservation($input: ObservationEdit!) { setObservation(input: $input) { version } }
`);

export const NAME_VILLAGE_MUTATION = graphql(`
  mutation AtlasNameVillage($input: VillageNameEdit!) { nameVillage(input: $input) { id version } }
`);

export const PLACE_CENTRE_MUTATION = graphql(`
  mutation AtlasPlaceCentre($input: VillageCentreEdit!) { placeVillageCentre(input: $input) { ...VillageFields } }
`, [VILLAGE_FIELDS]);

/** What setObservation takes (the schema's ObservationEdit). */
export type ObservationEditInput = VariablesOf<typeof SET_OBSERVATION_MUTATION>['input'];

/** Set one value; the server keeps the history. */
export async function setObservation(input: ObservationEditInput): Promise<void> {
  await request(SET_OBSERVATION_MUTATION, { input });
}

/** Name (or rename) a bản. */
export async function nameVillage(input: VariablesOf<typeof NAME_VILLAGE_MUTATION>['input']): Promise<void> {
  await request(NAME_VILLAGE_MUTATION, { input });
}

/** Place a bản centre; returns every bản with the recomputed schematic cells. */
export async function placeVillageCentre(input: VariablesOf<typeof PLACE_CENTRE_MUTATION>['input']): Promise<VillageInfo[]> {
  return asDescribed<VillageInfo[]>((await request(PLACE_CENTRE_MUTATION, { input })).placeVillageCentre);
}
