// Units of the store seen as GraphQL objects. Geometry and areas come precomputed from the store.
import type { AtlasSnapshot, Observation as StoredObservation, Unit } from '../store/atlas-store.ts';
import { canSeeWhoEntered, publicationState, visibleObservation } from '../access/observation-visibility.ts';
import { ANONYMOUS, type Viewer } from './context.ts';
import { comparatorName } from '../../geo/value-comparator.ts';
import { BoundaryQuality, ObservationStatus, PublicationState, ValueComparator } from './enums.ts';
import { FormerCommune } from './former-commune.type.ts';
import { Observation } from './observation.type.ts';
import { toSourceRef } from './source-ref.type.ts';
import { Village } from './village.type.ts';

export function toFormerCommune(store: AtlasSnapshot, u: Unit): FormerCommune {
  const b = store.boundary(u.id);
  return {
    id: u.id, code: u.code ?? '', name: u.name ?? u.id, validTo: u.validTo,
    villageCount: store.units('village').filter((v) => v.parentId === u.id).length,
    geometry: b?.geometry ?? null, boundaryQuality: (b?.quality ?? 'SCHEMATIC') as BoundaryQuality,
    centroid: b?.centroid ?? [], areaKm2: b?.areaKm2 ?? 0,
  };
}

export function toVillage(store: AtlasSnapshot, u: Unit): Village {
  const b = store.boundary(u.id);
  const provisional = u.provisionalLabel ?? u.id;
  const parent = u.parentId === null ? undefined : store.unit(u.parentId);
  return {
    id: u.id, name: u.name, nameKnown: u.name !== null,
    label: u.name ? `Bản ${u.name}` : provisional, provisionalLabel: provisional,
    nameSource: u.nameSource ? toSourceRef(store, u.nameSource) : null, nameConfidence: u.nameConfidence,
    formerCommune: parent?.level === 'formerCommune' ? toFormerCommune(store, parent) : null,
    boundaryQuality: (b?.quality ?? 'SCHEMATIC') as BoundaryQuality,
    centroid: u.centre ?? b?.centroid ?? [], centreKnown: u.centre !== null,
    geometry: b?.geometry ?? null, areaKm2: b?.areaKm2 ?? 0, note: u.note, noteEn: u.noteEn, version: u.version,
  };
}

/**
 * A value as the viewer may read it (officers' names only for signed-in users): `o` is what server/access gave this
 * viewer (visibleObservation); a pending one carries the last published value the public sees beside it.
 */
export function toObservation(store: AtlasSnapshot, viewer: Viewer, o: StoredObservation): Observation {
  const showWho = canSeeWhoEntered(viewer);
  const publication = publicationState(store, o) as PublicationState;
  const publicView = publication === PublicationState.PENDING ? visibleObservation(store, ANONYMOUS, o) : null;
  return {
    indicator: o.indicator, period: o.period, value: o.value, comparator: comparatorName(o.comparator) as ValueComparator, denominator: o.denominator,
    status: o.status as ObservationStatus, source: toSourceRef(store, o.source), formula: o.formula, note: o.note,
    enteredBy: !showWho || o.enteredBy === 'seed' ? null : o.enteredBy, enteredAt: o.enteredAt, version: o.version,
    published: o.publication !== null, publication, publishedValue: publicView && toObservation(store, viewer, publicView),
  };
}

