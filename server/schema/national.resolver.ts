import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { AREA_CLASS_LIMITS, AREA_FLAG_MIN_KM2, AREA_FLAG_RATIO, areaAgreement } from '../../geo/national/area-agreement.ts';
import { badInput } from '../errors.ts';
import { nationalIndex, type BBox, type IndexedProvince } from '../national/national-index.ts';
import type { NationalCommuneRecord } from '../store/atlas-store.ts';
import type { AtlasContext } from './context.ts';
import { GeometryArgs } from './geometry.args.ts';
import { CommunesArgs } from './national.args.ts';
import { NationalClassLimits, NationalCommune, NationalCommunePage, NationalQualityType, Province } from './national.type.ts';

const toProvince = (p: IndexedProvince): Province => ({
  code: p.code, name: p.name, type: p.type, areaKm2: p.areaKm2, population: p.population, communeCount: p.communeCount,
  centroid: p.centre, geometryKey: `province:${p.code}`,
});

/** The national commune as the API shows it; detailedUnitId names the store's commune with the same official code. */
function toCommune(c: NationalCommuneRecord, detailed: Map<string, string>): NationalCommune {
  return {
    code: c.code, name: c.name, type: c.type, provinceCode: c.provinceCode, provinceName: nationalIndex().province(c.provinceCode)?.name ?? '',
    areaKm2: c.areaKm2, measuredAreaKm2: c.measuredAreaKm2, population: c.population,
    areaAgreement: c.measuredAreaKm2 === null ? null : areaAgreement(c.areaKm2, c.measuredAreaKm2),
    densityPerKm2: c.areaKm2 > 0 ? c.population / c.areaKm2 : null,
    adminCentre: c.adminCentre, formerUnits: c.formerUnits, centroid: c.centre,
    detailedUnitId: detailed.get(c.code) ?? null, geometryKey: `commune:${c.code}`,
  };
}

/** Official code → id of the store's current communes with detailed data (Mường Bang: its code 03943 from 1 July 2025, and any added by code). */
async function detailedCommunes(ctx: AtlasContext): Promise<Map<string, string>> {
  const store = await ctx.store.snapshot();
  return new Map(store.detailedCommunes().filter((u) => u.code && !u.validTo).map((u) => [u.code!, u.id]));
}

// Cursors are opaque to clients: the base64 of the last item's code (pages are ordered by code).
const cursorOf = (code: string) => Buffer.from(`commune:${code}`).toString('base64url');
function codeOfCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^commune:(\d{5})$/.exec(text);
  if (!m) throw badInput('after', `Con trỏ "${cursor}" không hợp lệ (dùng pageInfo.endCursor)`, `Cursor "${cursor}" is not valid (use pageInfo.endCursor)`);
  return m[1];
}

function checkBox(b: number[]): BBox {
  const [x0, y0, x1, y1] = b;
  if (!b.every(Number.isFinite) || Math.abs(x0) > 180 || Math.abs(x1) > 180 || Math.abs(y0) > 90 || Math.abs(y1) > 90 || x0 > x1 || y0 > y1) {
    throw badInput('bbox', 'bbox phải là [minLon, minLat, maxLon, maxLat] (độ), min ≤ max', 'bbox must be [minLon, minLat, maxLon, maxLat] in degrees, min ≤ max');
  }
  return [x0, y0, x1, y1];
}

@Resolver(() => Province)
export class ProvinceResolver {
  @Query(() => [Province], { description: 'The 34 provinces of Vietnam (2025), by code, with official area and population.' })
  provinces(): Province[] {
    return nationalIndex().provinces.map(toProvince);
  }

  @Query(() => Province, { nullable: true, description: 'One province by its two-digit code; null when there is none.' })
  province(@Arg('code', () => String, { description: 'Two-digit code, e.g. "14".' }) code: string): Province | null {
    const p = nationalIndex().province(code);
    return p ? toProvince(p) : null;
  }

  @FieldResolver(() => GraphQLJSON, { description: 'GeoJSON MultiPolygon of the (coarse) outline; optionally simplified further and rounded.' })
  geometry(@Root() p: Province, @Args(() => GeometryArgs) args: GeometryArgs): unknown {
    return nationalIndex().geometry(p.geometryKey, args);
  }
}

@Resolver(() => NationalCommune)
export class NationalCommuneResolver {
  @Query(() => NationalCommunePage, { description: 'Vietnam\'s 3,321 commune-level units (2025), filtered by province, box and name, by code, one page at a time (at most 100; follow pageInfo.endCursor).' })
  async communes(@Args(() => CommunesArgs) args: CommunesArgs, @Ctx() ctx: AtlasContext): Promise<NationalCommunePage> {
    const index = nationalIndex();
    if (args.province !== undefined && args.province !== null && !index.province(args.province)) {
      throw badInput('province', `Không có tỉnh mã "${args.province}" (mã hai chữ số, ví dụ "14")`, `No province with code "${args.province}" (two digits, e.g. "14")`);
    }
    // Filtered and paged by the store: the in-memory index on SQLite, the national tables (PostGIS) on PostgreSQL.
    const filter = { bbox: args.bbox ? checkBox(args.bbox) : undefined, province: args.province ?? undefined, search: args.search ?? undefined };
    const [page, detailed] = await Promise.all([
      ctx.store.nationalCommunes(filter, { first: args.first, after: args.after ? codeOfCursor(args.after) : null }),
      detailedCommunes(ctx),
    ]);
    const last = page.communes.at(-1);
    return {
      totalCount: page.totalCount,
      nodes: page.communes.map((c) => toCommune(c, detailed)),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? cursorOf(last.code) : null },
    };
  }

  @Query(() => NationalCommune, { nullable: true, description: 'Any commune-level unit of Vietnam by its official five-digit code (e.g. "03943"); null when there is none. For Mường Bang\'s detailed data use `commune`.' })
  async nationalCommune(@Arg('code', () => String, { description: 'Official five-digit code.' }) code: string, @Ctx() ctx: AtlasContext): Promise<NationalCommune | null> {
    const c = nationalIndex().commune(code);
    return c ? toCommune(c, await detailedCommunes(ctx)) : null;
  }

  @Query(() => NationalQualityType, { description: 'Data quality of the national reference data: official against measured areas, the population sum against national statistics, missing outlines, duplicate codes.' })
  nationalQuality(): NationalQualityType {
    const q = nationalIndex().quality();
    const s = q.nationalPopulation;
    return {
      provinceCount: q.provinceCount, communeCount: q.communeCount, areasCompared: q.areasCompared,
      areaFlagRatio: AREA_FLAG_RATIO, areaFlagMinKm2: AREA_FLAG_MIN_KM2,
      areaDisagreements: q.areaFindings,
      areaClassLimits: [...AREA_CLASS_LIMITS], areaClassCounts: q.areaClassCounts,
      communePopulationSum: q.communePopulationSum, provincePopulationSum: q.provincePopulationSum,
      nationalPopulation: { value: s.value, comparator: s.comparator, year: s.year, source: `${s.source.title} · ${s.source.publisher} · ${s.source.date}`, quote: s.source.quote },
      populationRatio: q.populationRatio,
      withoutGeometry: q.withoutGeometry, duplicateCodes: q.duplicateCodes,
      provinceAreaMismatches: q.provinceAreaMismatches.map((p) => `${p.code} ${p.name}`),
    };
  }

  @Query(() => NationalClassLimits, { description: 'Class limits the national map colours communes by (its legend).' })
  nationalClassLimits(): NationalClassLimits {
    return nationalIndex().limits;
  }

  @FieldResolver(() => GraphQLJSON, { nullable: true, description: 'GeoJSON MultiPolygon of the simplified outline (about 55 m); optionally simplified further (simplifyMeters) and rounded (precision). Null without an outline.' })
  geometry(@Root() c: NationalCommune, @Args(() => GeometryArgs) args: GeometryArgs): unknown {
    return nationalIndex().geometry(c.geometryKey, args);
  }
}
