import { Arg, Args, Ctx, Float, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { Geometry } from 'geojson';
import { firstVisible } from '../access/observation-visibility.ts';
import { badInput } from '../errors.ts';
import { findVillages } from '../queries/filter-villages.ts';
import { outputGeometry } from '../queries/geometry-output.ts';
import { checkIndicators, villageFeatures } from '../queries/village-features.ts';
import type { AtlasContext } from './context.ts';
import { GeometryArgs } from './geometry.args.ts';
import { PAGE_CAP, page } from './paging.ts';
import { Observation } from './observation.type.ts';
import { coverageOf } from '../queries/coverage-of.ts';
import { communeView, unitView } from '../queries/commune-view.ts';
import { ResolvedValue } from './resolved-value.type.ts';
import { toResolvedValue } from './resolved-views.ts';
import { toObservation, toVillage } from './unit-views.ts';
import { VillageFilter } from './village-filter.input.ts';
import { Village, VillageDistance } from './village.type.ts';

export { PAGE_CAP };

@Resolver(() => Village)
export class VillageResolver {
  @Query(() => [Village], { description: 'Bản (villages) with their cells, in the atlas order; filter and page them (at most 100 a page).' })
  async villages(
    @Ctx() { store: atlas, viewer }: AtlasContext,
    @Arg('filter', () => VillageFilter, { nullable: true, description: 'Conditions; all must hold.' }) filter?: VillageFilter,
    @Arg('limit', () => Int, { defaultValue: PAGE_CAP, description: 'Page size, at most 100.' }) limit = PAGE_CAP,
    @Arg('offset', () => Int, { defaultValue: 0, description: 'Bản to skip.' }) offset = 0,
    @Arg('commune', () => String, { nullable: true, description: 'Official code of a detailed commune (see detailedCommunes); omitted: Mường Bang.' }) commune?: string,
  ): Promise<Village[]> {
    const store = communeView(await atlas.snapshot(), commune);
    return page(await findVillages(atlas, store, viewer, filter ?? {}), limit, offset).map((u) => toVillage(store, u));
  }

  @Query(() => [VillageDistance], { description: 'Bản whose centre lies within km of a point, nearest first (distances on the WGS84 ellipsoid).' })
  async villagesNear(
    @Arg('lon', () => Float, { description: 'Longitude, degrees.' }) lon: number,
    @Arg('lat', () => Float, { description: 'Latitude, degrees.' }) lat: number,
    @Arg('km', () => Float, { description: 'Radius in km (at most 500).' }) km: number,
    @Ctx() { store: atlas }: AtlasContext,
    @Arg('limit', () => Int, { defaultValue: PAGE_CAP, description: 'At most this many, at most 100.' }) limit = PAGE_CAP,
  ): Promise<VillageDistance[]> {
    const store = await atlas.snapshot();
    if (!(Math.abs(lon) <= 180)) throw badInput('lon', 'lon phải trong [-180, 180]', 'lon must be within [-180, 180]');
    if (!(Math.abs(lat) <= 90)) throw badInput('lat', 'lat phải trong [-90, 90]', 'lat must be within [-90, 90]');
    if (!(km >= 0 && km <= 500)) throw badInput('km', 'km phải từ 0 đến 500', 'km must be between 0 and 500');
    // The distances come from the store (PostGIS computes them in the database) over every detailed commune's bản;
    // each is read in the view of the commune holding it, as of this snapshot.
    const found = (await atlas.villageDistances(lon, lat, km)).flatMap(({ unitId, km: distanceKm }) => {
      const view = unitView(store, unitId);
      const u = view.unit(unitId);
      return u ? [{ village: toVillage(view, u), distanceKm }] : [];
    });
    found.sort((a, b) => a.distanceKm - b.distanceKm || a.village.id.localeCompare(b.village.id));
    return page(found, limit, 0);
  }

  @Query(() => GraphQLJSON, {
    description: 'A GeoJSON FeatureCollection, one feature per bản, with the requested indicators as properties: ' +
      '<key> (value, null when unknown), <key>_status (REPORTED/DERIVED/ESTIMATED/UNKNOWN), <key>_source (document · section), <key>_period, and for a ' +
      'numeric indicator <key>_comparator (EXACT, or the bound the source gives such as GREATER_THAN; null when unknown); for signed-in users, beside a ' +
      'sensitive indicator, <key>_publication (PUBLISHED, PENDING: not public yet, the public sees the last published value, RESTRICTED: never public; null when unknown). Opens in QGIS as it is.',
  })
  async villageFeatures(
    @Arg('indicators', () => [String], { description: 'Indicator keys, e.g. ["drugFree", "carRoadAccess"].' }) indicators: string[],
    @Ctx() { store: atlas, viewer }: AtlasContext,
    @Arg('filter', () => VillageFilter, { nullable: true, description: 'Conditions on the bản.' }) filter?: VillageFilter,
    @Args(() => GeometryArgs) geometryArgs?: GeometryArgs,
    @Arg('commune', () => String, { nullable: true, description: 'Official code of a detailed commune; omitted: Mường Bang.' }) commune?: string,
  ): Promise<unknown> {
    const store = communeView(await atlas.snapshot(), commune);
    checkIndicators(store, indicators);
    const features = villageFeatures(store, viewer, await findVillages(atlas, store, viewer, filter ?? {}), indicators, geometryArgs);
    return { type: 'FeatureCollection', features };
  }

  @FieldResolver(() => GraphQLJSON, { description: 'GeoJSON geometry of the bản cell (lon/lat); optionally simplified and rounded.' })
  async geometry(@Root() village: Village, @Ctx() context: AtlasContext, @Args(() => GeometryArgs) args: GeometryArgs): Promise<unknown> {
    return outputGeometry(await context.store.snapshot(), village.id, village.geometry as Geometry, args);
  }

  @FieldResolver(() => ResolvedValue, {
    nullable: true,
    description: 'The bản\'s value of a yes/no indicator as every fact implies it (own, or deduced from "7/7", "23/23"…), with basis, sources, '
      + 'assumptions and reason; null for other indicators. The same resolution as coverage.villages.',
  })
  async resolvedValue(
    @Root() village: Village,
    @Arg('indicator', () => String, { description: 'Key of a yes/no indicator, e.g. "communityDigitalTeam".' }) indicator: string,
    @Ctx() { store: atlas, viewer }: AtlasContext,
  ): Promise<ResolvedValue | null> {
    const store = unitView(await atlas.snapshot(), village.id);
    if (store.indicator(indicator)?.kind !== 'boolean') return null;
    const r = coverageOf(store, viewer, indicator).ban(village.id);
    return r ? toResolvedValue(store, viewer, indicator, r) : null;
  }

  @FieldResolver(() => Observation, {
    nullable: true,
    description: 'The bản\'s own latest value of an indicator; null when it is unknown at bản level (a group fact may still count it: see coverage).',
  })
  async observation(
    @Root() village: Village,
    @Arg('indicator', () => String, { description: 'Indicator key, e.g. "drugFree".' }) indicator: string,
    @Ctx() { store: atlas, viewer }: AtlasContext,
  ): Promise<Observation | null> {
    const store = unitView(await atlas.snapshot(), village.id);
    const found = firstVisible(store, viewer, store.observations({ unitId: village.id, indicator }));
    return found ? toObservation(store, viewer, found) : null;
  }
}
