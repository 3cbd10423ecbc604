import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { AtlasSnapshot, Place as StoredPlace } from '../store/atlas-store.ts';
import type { AtlasContext } from './context.ts';
import { comparatorName } from '../../geo/value-comparator.ts';
import { ObservationStatus, ValueComparator } from './enums.ts';
import { Place, ResettlementSite } from './place.type.ts';
import { toSourceRef } from './source-ref.type.ts';

function toPlace(store: AtlasSnapshot, p: StoredPlace): Place {
  return {
    id: p.id, kind: p.kind, name: p.name, nameEn: p.nameEn, status: p.status, formerCommuneId: p.formerCommuneId, villageIds: p.villageIds,
    attributes: Object.entries(p.attributes).map(([key, a]) => ({
      key, value: a.value, comparator: comparatorName(a.comparator) as ValueComparator, unit: a.unit ?? null, status: a.status as ObservationStatus, source: toSourceRef(store, a.source),
    })),
    geometry: p.geometry, source: toSourceRef(store, p.source), note: p.note, noteEn: p.noteEn,
  };
}

@Resolver(() => Place)
export class PlaceResolver {
  @Query(() => [Place], { description: 'Places of interest, optionally of one kind.' })
  async places(
    @Ctx() { store: atlas }: AtlasContext,
    @Arg('kind', () => String, { nullable: true, description: 'Only this kind, e.g. "resettlementSite", "road".' }) kind?: string,
  ): Promise<Place[]> {
    const store = await atlas.snapshot();
    return store.places().filter((p) => !kind || p.kind === kind).map((p) => toPlace(store, p));
  }

  @Query(() => [ResettlementSite], { description: 'Resettlement sites (Suối Dinh 1 & 2, bản Lao) with households, people and investment.' })
  async resettlementSites(@Ctx() { store: atlas }: AtlasContext): Promise<ResettlementSite[]> {
    const store = await atlas.snapshot();
    const num = (p: StoredPlace, key: string) => (typeof p.attributes[key]?.value === 'number' ? (p.attributes[key].value as number) : null);
    return store.places().filter((p) => p.kind === 'resettlementSite').map((p) => ({
      ...toPlace(store, p),
      plannedHouseholds: num(p, 'plannedHouseholds'),
      settledHouseholds: num(p, 'settledHouseholds'),
      settledPeople: num(p, 'settledPeople'),
      investmentBillionVnd: num(p, 'investmentBillionVnd'),
      investmentComparator: comparatorName(p.attributes.investmentBillionVnd?.comparator ?? null) as ValueComparator,
    }));
  }
}
