import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { MultiPolygon } from 'geojson';
import { cleanVillageName } from '../edits/check-text.ts';
import { checkBoundary } from '../edits/check-geometry.ts';
import { recomputePartition } from '../edits/recompute-partition.ts';
import { cellsAfterCentre, checkCentre, cleanWhy, mustUnit, observationFromEdit, officerEntry as entry } from '../edits/officer-edit.ts';
import { publishedAfterRevert } from '../access/publication-rule.ts';
import { AtlasError, badInput, conflictError } from '../errors.ts';
import type { AtlasSnapshot, Change as StoredChange, ObservationInput } from '../store/atlas-store.ts';
import { boundaryRecord } from '../store/boundary-record.ts';
import { Change } from './change.type.ts';
import type { FieldOrigin } from './field-origin.type.ts';
import { unitView } from '../queries/commune-view.ts';
import type { AtlasContext } from './context.ts';
import { BoundaryEdit, ObservationEdit, VillageCentreEdit, VillageNameEdit } from './edit.inputs.ts';
import { Observation } from './observation.type.ts';
import { PAGE_CAP, checkPage } from './paging.ts';
import { toObservation, toVillage } from './unit-views.ts';
import { Village } from './village.type.ts';

export function toChange(c: StoredChange): Change {
  return {
    id: c.id, at: c.at, who: c.who, entity: c.entity, unitId: c.entityId, field: c.field, oldValue: c.oldValue, newValue: c.newValue, why: c.why, reverts: c.reverts,
    origin: c.origin as FieldOrigin | null,
  };
}

function communeShape(store: AtlasSnapshot) {
  const b = store.boundary(store.units('commune')[0].id)!;
  return { geometry: b.geometry as MultiPolygon, centre: b.centroid };
}

@Resolver()
export class EditResolver {
  @Authorized('editor')
  @Mutation(() => Observation, { description: 'Set one value (editors). The source note is shown with it; the change is kept in the history.' })
  async setObservation(@Arg('input', () => ObservationEdit, { description: 'The value.' }) input: ObservationEdit, @Ctx() { store: atlas, viewer }: AtlasContext): Promise<Observation> {
    // The unit's own commune: a value of any detailed commune's unit is checked against that commune alone.
    const store = unitView(await atlas.snapshot(), input.unitId);
    const obs = observationFromEdit(store, input);
    return toObservation(store, viewer, await atlas.setObservation(obs, input.expectedVersion, { who: viewer.name!, why: cleanWhy(input.why) }));
  }

  @Authorized('editor')
  @Mutation(() => Village, { description: 'Name a bản or correct its name (editors).' })
  async nameVillage(@Arg('input', () => VillageNameEdit, { description: 'The name.' }) input: VillageNameEdit, @Ctx() { store: atlas, viewer }: AtlasContext): Promise<Village> {
    const store = unitView(await atlas.snapshot(), input.villageId);
    mustUnit(store, input.villageId, 'villageId', 'village');
    const name = cleanVillageName(input.name);
    const u = await atlas.setUnitName(input.villageId, name, entry(input.sourceNote), input.expectedVersion, { who: viewer.name!, why: cleanWhy(input.why) });
    return toVillage(unitView(await atlas.snapshot(), u.id), u);
  }

  @Authorized('editor')
  @Mutation(() => [Village], { description: 'Place or clear a bản centre (editors); returns every bản of its commune, with the recomputed schematic cells.' })
  async placeVillageCentre(@Arg('input', () => VillageCentreEdit, { description: 'The position.' }) input: VillageCentreEdit, @Ctx() { store: atlas, viewer }: AtlasContext): Promise<Village[]> {
    // The bản's own commune: the centre must lie in its outline, and only that commune's schematic cells follow it.
    const store = unitView(await atlas.snapshot(), input.villageId);
    const village = mustUnit(store, input.villageId, 'villageId', 'village');
    const centre = checkCentre(store, input.lon, input.lat);
    const source = entry(input.sourceNote);
    // Recomputing the cells takes seconds: a stale version is refused before, not after (the store checks again).
    if (village.version !== input.expectedVersion) throw conflictError(village.name ?? village.provisionalLabel ?? village.id, input.expectedVersion, village.version);
    const boundaries = cellsAfterCentre(store, village.id, centre);
    await atlas.setUnitCentre(village.id, centre, centre ? source : null, input.expectedVersion, boundaries, { who: viewer.name!, why: cleanWhy(input.why) });
    const after = unitView(await atlas.snapshot(), village.id);
    return after.units('village').map((u) => toVillage(after, u));
  }

  @Authorized('editor')
  @Mutation(() => Village, { description: 'Replace a bản\'s schematic cell with a surveyed boundary (editors).' })
  async replaceBoundary(@Arg('input', () => BoundaryEdit, { description: 'The boundary.' }) input: BoundaryEdit, @Ctx() { store: atlas, viewer }: AtlasContext): Promise<Village> {
    // The bản's own commune: the boundary is checked against that commune's outline.
    const store = unitView(await atlas.snapshot(), input.unitId);
    mustUnit(store, input.unitId, 'unitId', 'village');
    const { geometry, centre } = communeShape(store);
    const poly = checkBoundary('geometry', input.geometry, geometry, centre);
    const record = boundaryRecord(input.unitId, 'SURVEYED', poly, entry(input.sourceNote), 'Entered by a commune officer');
    const u = await atlas.setBoundary(record, input.expectedVersion, { who: viewer.name!, why: cleanWhy(input.why) });
    return toVillage(unitView(await atlas.snapshot(), u.id), u);
  }

  @Authorized('editor')
  @Mutation(() => Change, { description: 'Undo one history entry by writing its old value back (editors); the revert is itself a new entry.' })
  async revertChange(
    @Arg('changeId', () => Int, { description: 'History entry to undo.' }) changeId: number,
    @Arg('expectedVersion', () => Int, {
      description: 'Version of the value (0 when it has none now) or of the bản record (Village.version) you saw when deciding to revert; if it changed since, CONFLICT and nothing is written.',
    }) expectedVersion: number,
    @Arg('why', () => String, { nullable: true, description: 'Why (kept in the history).' }) why: string | null,
    @Ctx() { store: atlas, viewer }: AtlasContext,
  ): Promise<Change> {
    const c = await atlas.change(changeId);
    if (!c) throw new AtlasError('NOT_FOUND', `Không có mục lịch sử ${changeId} / No history entry ${changeId}`, { field: 'changeId' });
    // The changed unit in the view of the detailed commune holding it (a centre's cells are that commune's partition).
    const store = unitView(await atlas.snapshot(), c.entityId);
    // An entry about a field record (a discarded field value, a review) changed no value: there is nothing to undo.
    if (c.entity === 'field') throw badInput('changeId', `Mục ${changeId} không thay đổi giá trị nào, không hoàn tác được`, `Entry ${changeId} changed no value and cannot be reverted`);
    const meta = { who: viewer.name!, why: cleanWhy(why) ?? `revert #${changeId}`, reverts: changeId };
    const unit = store.unit(c.entityId)!;
    if (c.entity === 'observation') {
      // A value: written back as a new version of the same unit, indicator and period.
      const [indicator, period] = c.field.split('@');
      const old = c.oldValue as (Omit<ObservationInput, 'unitId' | 'indicator' | 'period'>) | null;
      // Undoing a publish action withdraws it (who may put back what: publication-rule.ts).
      const keepPublished = publishedAfterRevert(c, viewer.role);
      if (old) await atlas.setObservation({ ...old, unitId: unit.id, indicator, period, ...(keepPublished !== undefined && { keepPublished }) }, expectedVersion, meta);
      else await atlas.removeObservation({ unitId: unit.id, indicator, period }, expectedVersion, meta);
      return toChange((await atlas.history(unit.id)).at(-1)!);
    }
    if (c.field === 'name') {
      const old = c.oldValue as { name: string | null; nameSource: never };
      await atlas.setUnitName(unit.id, old.name, old.nameSource, expectedVersion, meta);
    } else if (c.field === 'centre') {
      const old = c.oldValue as { centre: [number, number] | null; centreSource: never };
      if (expectedVersion !== unit.version) throw conflictError(unit.name ?? unit.id, expectedVersion, unit.version); // before the costly recomputation
      await atlas.setUnitCentre(unit.id, old.centre, old.centreSource, expectedVersion, recomputePartition(store, { villageId: unit.id, centre: old.centre }), meta);
    } else if (c.entity === 'boundary' && c.oldValue) {
      await atlas.setBoundary(c.oldValue as never, expectedVersion, meta);
    } else {
      throw badInput('changeId', `Mục ${changeId} không hoàn tác được`, `Entry ${changeId} cannot be reverted`);
    }
    return toChange((await atlas.history(unit.id)).at(-1)!);
  }

  @Authorized('viewer')
  @Query(() => [Change], { description: `History of a unit's values, name, centre and boundary, oldest first (signed-in users); page it (at most ${PAGE_CAP} entries a page).` })
  async history(
    @Arg('unitId', () => String, { description: 'Unit id.' }) unitId: string,
    @Ctx() { store: atlas }: AtlasContext,
    @Arg('limit', () => Int, { defaultValue: PAGE_CAP, description: `Page size, at most ${PAGE_CAP}.` }) limit = PAGE_CAP,
    @Arg('offset', () => Int, { defaultValue: 0, description: 'Entries to skip (the oldest first).' }) offset = 0,
  ): Promise<Change[]> {
    checkPage(limit, offset);
    // Any detailed commune's unit: the history is read where the unit belongs.
    mustUnit(unitView(await atlas.snapshot(), unitId), unitId, 'unitId');
    return (await atlas.history(unitId, { limit, offset })).map(toChange);
  }
}
