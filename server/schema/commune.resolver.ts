import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { Geometry } from 'geojson';
import { outputGeometry } from '../queries/geometry-output.ts';
import { GeometryArgs } from './geometry.args.ts';
import type { AtlasContext } from './context.ts';
import { areaFigures } from '../queries/area-figures.ts';
import { Commune } from './commune.type.ts';
import { BoundaryQuality, ObservationStatus } from './enums.ts';
import { Neighbour } from './neighbour.type.ts';
import { SourceDocument } from './source-document.type.ts';
import { toSourceRef } from './source-ref.type.ts';
import { toFormerCommune } from './unit-views.ts';
import { addDetailedCommune } from '../edits/add-detailed-commune.ts';
import { cleanWhy } from '../edits/officer-edit.ts';
import { communeView } from '../queries/commune-view.ts';
import type { AtlasSnapshot } from '../store/atlas-store.ts';

@Resolver(() => Commune)
export class CommuneResolver {
  @Query(() => Commune, {
    description: 'A detailed commune: areas side by side, population, former communes, official boundary. Without code, xã Mường Bang; '
      + 'with the official code of another detailed commune (see detailedCommunes), that one. NOT_FOUND for a commune with no detailed data.',
  })
  async commune(
    @Ctx() { store: atlas }: AtlasContext,
    @Arg('code', () => String, { nullable: true, description: 'Official five-digit code of a detailed commune, e.g. "03943"; omitted: Mường Bang.' }) code?: string,
  ): Promise<Commune> {
    return toCommune(communeView(await atlas.snapshot(), code, 'code'));
  }

  @Query(() => [Commune], { description: 'Every commune with detailed data (bản, values, imports, history), Mường Bang first.' })
  async detailedCommunes(@Ctx() { store: atlas }: AtlasContext): Promise<Commune[]> {
    const store = await atlas.snapshot();
    return store.detailedCommunes().map((u) => toCommune(store.forCommune(u.id)!));
  }

  @Authorized('admin')
  @Mutation(() => Commune, {
    description: 'Make a commune detailed by its official code (admins): its name, official area and outline come from the national reference data '
      + '(OFFICIAL, with that source); no former commune, bản or other value is invented. Its bản then come through importVillageGeometry(input: {commune}), '
      + 'its values through importObservations(input: {commune}). Recorded in the history. CONFLICT when it is detailed already.',
  })
  async addDetailedCommune(
    @Arg('code', () => String, { description: 'Official five-digit code, e.g. "03958" (Tường Hạ, Sơn La).' }) code: string,
    @Ctx() { store: atlas, viewer }: AtlasContext,
    @Arg('why', () => String, { nullable: true, description: 'Why it is added (kept in the history).' }) why?: string,
  ): Promise<Commune> {
    const unit = await addDetailedCommune(atlas, code, { who: viewer.name!, why: cleanWhy(why) });
    return toCommune((await atlas.snapshot()).forCommune(unit.id)!);
  }

  @FieldResolver(() => GraphQLJSON, { description: 'GeoJSON geometry of the official boundary (cleaned of self-intersections); optionally simplified and rounded.' })
  async geometry(@Root() commune: Commune, @Ctx() { store: atlas }: AtlasContext, @Args(() => GeometryArgs) args: GeometryArgs): Promise<unknown> {
    const store = await atlas.snapshot();
    return outputGeometry(store, commune.id, commune.geometry as Geometry, args);
  }

  @Query(() => [Neighbour], { description: 'Neighbouring communes (context layer).' })
  async neighbours(@Ctx() { store: atlas }: AtlasContext): Promise<Neighbour[]> {
    const store = await atlas.snapshot();
    return store.neighbours().map(({ code, name, province, geometry }) => ({ code, name, province, geometry }));
  }

  @Query(() => [SourceDocument], { description: 'Every source document the atlas cites.' })
  async sources(@Ctx() { store: atlas }: AtlasContext): Promise<SourceDocument[]> {
    const store = await atlas.snapshot();
    return store.sources().map((s) => ({ ...s, communes: s.communes === 'all' ? null : s.communes }));
  }
}

/** The Commune of a commune's view (its own units, values and boundary). */
function toCommune(store: AtlasSnapshot): Commune {
  const u = store.scope()!;
  const b = store.boundary(u.id)!;
  const figures = areaFigures(store);
  const figure = (kind: string) => figures.find((f) => f.kind === kind)?.valueKm2 ?? null;
  const population = store.observations({ unitId: u.id, indicator: 'population' })[0];
  const boundaryDoc = store.source(b.source.doc);
  return {
    id: u.id, code: u.code ?? '', name: u.name ?? '', nameEn: u.nameEn, validFrom: u.validFrom, founding: u.note,
    statedAreaKm2: figure('STATED'),
    officialAreaKm2: figure('OFFICIAL'),
    measuredAreaKm2: b.areaKm2,
    areas: figures.map((f) => ({ kind: f.kind, valueKm2: f.valueKm2, source: f.source ? toSourceRef(store, f.source) : null })),
    adminCentre: u.adminCentre && {
      name: u.adminCentre.name, villageName: u.adminCentre.villageName, villageId: u.adminCentre.villageId, located: u.adminCentre.villageId !== null,
      formerCommuneId: u.adminCentre.formerCommuneId, formerCommuneKnown: u.adminCentre.formerCommuneId !== null,
      status: u.adminCentre.status as ObservationStatus, source: toSourceRef(store, u.adminCentre.source), note: u.adminCentre.note,
    },
    population: population ? Number(population.value) : null,
    formerCommunes: store.units('formerCommune').map((f) => toFormerCommune(store, f)),
    geometry: b.geometry, boundaryQuality: b.quality as BoundaryQuality,
    boundarySource: boundaryDoc ? [boundaryDoc.title, boundaryDoc.licence].filter(Boolean).join(' · ') : b.source.doc,
    boundarySourceRef: toSourceRef(store, b.source),
  };
}
