import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
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

@Resolver(() => Commune)
export class CommuneResolver {
  @Query(() => Commune, { description: 'The commune: areas side by side, population, former communes, official boundary.' })
  async commune(@Ctx() { store: atlas }: AtlasContext): Promise<Commune> {
    const store = await atlas.snapshot();
    const u = store.units('commune')[0];
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
    return store.sources();
  }
}
