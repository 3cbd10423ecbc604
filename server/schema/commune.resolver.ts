import { Ctx, Query, Resolver } from 'type-graphql';
import type { AtlasContext } from './context.ts';
import { AreaFigure, Commune } from './commune.type.ts';
import { BoundaryQuality } from './enums.ts';
import { Neighbour } from './neighbour.type.ts';
import { SourceDocument } from './source-document.type.ts';
import { toSourceRef } from './source-ref.type.ts';
import { toFormerCommune } from './unit-views.ts';

@Resolver(() => Commune)
export class CommuneResolver {
  @Query(() => Commune, { description: 'The commune: areas side by side, population, former communes, official boundary.' })
  commune(@Ctx() { store }: AtlasContext): Commune {
    const u = store.units('commune')[0];
    const b = store.boundary(u.id)!;
    const latest = (unitId: string, key: string) => store.observations({ unitId, indicator: key })[0];
    const stated = latest(u.id, 'statedAreaKm2');
    const official = latest(u.id, 'officialAreaKm2');
    const population = latest(u.id, 'population');
    const formers = store.units('formerCommune');
    const land = formers.map((f) => latest(f.id, 'landAreaKm2')).filter(Boolean);
    const areas: AreaFigure[] = [];
    if (stated) areas.push({ kind: 'STATED', valueKm2: Number(stated.value), source: toSourceRef(store, stated.source) });
    if (official) areas.push({ kind: 'OFFICIAL', valueKm2: Number(official.value), source: toSourceRef(store, official.source) });
    areas.push({ kind: 'MEASURED', valueKm2: b.areaKm2, source: null });
    if (land.length === formers.length) {
      areas.push({ kind: 'DERIVED_SUM', valueKm2: land.reduce((s, o) => s + Number(o.value), 0), source: toSourceRef(store, land[0].source) });
    }
    const boundaryDoc = store.source(b.source.doc);
    return {
      id: u.id, code: u.code ?? '', name: u.name ?? '', nameEn: u.nameEn, validFrom: u.validFrom, founding: u.note,
      statedAreaKm2: stated ? Number(stated.value) : null,
      officialAreaKm2: official ? Number(official.value) : null,
      measuredAreaKm2: b.areaKm2, areas,
      population: population ? Number(population.value) : null,
      formerCommunes: formers.map((f) => toFormerCommune(store, f)),
      geometry: b.geometry, boundaryQuality: b.quality as BoundaryQuality,
      boundarySource: boundaryDoc ? [boundaryDoc.title, boundaryDoc.licence].filter(Boolean).join(' · ') : b.source.doc,
    };
  }

  @Query(() => [Neighbour], { description: 'Neighbouring communes (context layer).' })
  neighbours(@Ctx() { store }: AtlasContext): Neighbour[] {
    return store.neighbours().map(({ code, name, province, geometry }) => ({ code, name, province, geometry }));
  }

  @Query(() => [SourceDocument], { description: 'Every source document the atlas cites.' })
  sources(@Ctx() { store }: AtlasContext): SourceDocument[] {
    return store.sources();
  }
}
