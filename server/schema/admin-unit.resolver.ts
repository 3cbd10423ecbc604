import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { badInput } from '../errors.ts';
import { unitView } from '../queries/commune-view.ts';
import type { AtlasSnapshot, Unit } from '../store/atlas-store.ts';
import { AdminUnit } from './admin-unit.type.ts';
import type { AtlasContext } from './context.ts';
import { BoundaryQuality } from './enums.ts';
import { toSourceRef } from './source-ref.type.ts';

const LEVELS = ['commune', 'formerCommune', 'village'];

function toAdminUnit(store: AtlasSnapshot, u: Unit, date: string): AdminUnit {
  const b = store.boundary(u.id);
  const all = [...store.units('commune'), ...store.units('formerCommune'), ...store.units('village')];
  return {
    id: u.id, level: u.level, code: u.code, name: u.name, label: u.name ?? u.provisionalLabel ?? u.id, parentId: u.parentId,
    childIds: all.filter((c) => c.parentId === u.id).map((c) => c.id),
    validFrom: u.validFrom, validTo: u.validTo,
    validOnDate: (!u.validFrom || u.validFrom <= date) && (!u.validTo || u.validTo >= date),
    boundary: b ? { quality: b.quality as BoundaryQuality, source: toSourceRef(store, b.source), method: b.method, areaKm2: b.areaKm2, bbox: b.bbox } : null,
    version: u.version,
  };
}

/** YYYY-MM-DD naming a day that exists (not 2025-13-45 nor 2025-02-30). */
const isCalendarDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

@Resolver(() => AdminUnit)
export class AdminUnitResolver {
  @Query(() => [AdminUnit], { description: 'Units of every level (or one), each with its validity across the 1 July 2025 merger; `validOn` keeps those valid on a date.' })
  async units(
    @Ctx() { store: atlas }: AtlasContext,
    @Arg('level', () => String, { nullable: true, description: 'commune, formerCommune or village.' }) level?: string,
    @Arg('validOn', () => String, { nullable: true, description: 'A date YYYY-MM-DD: only units valid that day (e.g. "2025-06-30" gives the former communes, "2025-07-01" the new commune).' }) validOn?: string,
  ): Promise<AdminUnit[]> {
    const store = await atlas.snapshot();
    if (level && !LEVELS.includes(level)) throw badInput('level', 'level phải là commune, formerCommune hoặc village', 'level must be commune, formerCommune or village');
    if (validOn && !isCalendarDate(validOn)) throw badInput('validOn', 'Ngày phải có dạng YYYY-MM-DD', 'validOn must be YYYY-MM-DD');
    const date = validOn ?? new Date().toISOString().slice(0, 10);
    const units = (level ? [level] : LEVELS).flatMap((l) => store.units(l as Unit['level'])).map((u) => toAdminUnit(store, u, date));
    return validOn ? units.filter((u) => u.validOnDate) : units;
  }

  @Query(() => AdminUnit, { nullable: true, description: 'One unit by id.' })
  async unit(@Arg('id', () => String, { description: 'Unit id.' }) id: string, @Ctx() { store: atlas }: AtlasContext): Promise<AdminUnit | null> {
    // The unit in whichever detailed commune holds it.
    const store = unitView(await atlas.snapshot(), id);
    const u = store.unit(id);
    return u ? toAdminUnit(store, u, new Date().toISOString().slice(0, 10)) : null;
  }
}
